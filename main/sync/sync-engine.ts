import { backoffMs, type SyncStatus, type TokenPair } from '../../shared';
import type { CacheSyncRepository } from '../db/cache-sync-repository';
import type { CallLogRepository } from '../db/call-log-repository';
import type { OutboxRepository } from '../db/outbox-repository';
import type { SnapshotLoadRepository } from '../db/snapshot-load-repository';
import { drainOutbox, ownerOf } from './outbox-drainer';
import { ServerFailure, type ServerClient } from './server-client';
import { Session } from './session';
import { loadSnapshot } from './snapshot-sync';
import { Waker } from './waker';

export type EngineStatus = Omit<SyncStatus, 'outbox'>;

export interface SyncEngineOptions {
  cache: CacheSyncRepository;
  /** The initial sync's fast path (ADR 0006); without it the first sync pages the feed from 0. */
  snapshot?: SnapshotLoadRepository;
  outbox: OutboxRepository;
  /** The seat's call history: pruned with the same retention as the cached interactions. */
  callLog?: Pick<CallLogRepository, 'pruneBefore'>;
  client: ServerClient;
  clock?: () => Date;
  random?: () => number;
  pageSize?: number;
  /** How often to pull when no push notice arrives. */
  pollMs?: number;
  backoff?: { baseMs: number; capMs: number };
  onStatus: (s: EngineStatus) => void;
  onRotate: (pair: TokenPair) => void;
  /** Push notices ("pull again"); returns a closer. Optional: polling alone also works. */
  subscribe?: (token: string, onNotice: () => void, onClose: () => void) => () => void;
  log?: (msg: string) => void;
}

const DAY = 86_400_000;

/**
 * The seat's sync: wrap-ups up (outbox), the team's records down (changes feed), forever,
 * with exponential backoff and jitter while the server is away. Runs in the sync worker
 * thread; every write is a SQLite transaction on the worker's own connection.
 */
export class SyncEngine {
  private session: Session | null = null;
  private readonly waker = new Waker();
  private stopped = false;
  private failures = 0;
  private unsubscribe: (() => void) | null = null;
  private lastPruneAt = 0;
  private status: EngineStatus = {
    connection: 'signed-out',
    phase: 'idle',
    progress: null,
    lastSyncAt: null,
    error: null,
    user: null,
  };
  private readonly clock: () => Date;

  constructor(private readonly o: SyncEngineOptions) {
    this.clock = o.clock ?? (() => new Date());
  }

  /** The signed-in session, shared with the agent-state publisher; null while signed out. */
  get currentSession(): Session | null {
    return this.session;
  }

  /** A fresh session (login or resumed refresh). A different owner wipes the server-owned cache. */
  setSession(pair: TokenPair, owner: string): void {
    if (this.o.cache.state('owner') !== owner) this.o.cache.resetForOwner(owner);
    this.session = new Session(pair, this.o.client, () => this.clock().getTime(), this.o.onRotate);
    this.failures = 0;
    this.closeStream();
    this.update({ connection: 'connecting', error: null, user: userOf(pair) });
    this.waker.wake();
  }

  signOut(): void {
    this.session = null;
    this.closeStream();
    this.update({ connection: 'signed-out', phase: 'idle', progress: null, user: null });
    this.waker.wake();
  }

  /** Something to send or fetch now (a filed wrap-up, a push notice). */
  kick(): void {
    this.waker.wake();
  }

  stop(): void {
    this.stopped = true;
    this.closeStream();
    this.waker.wake();
  }

  async run(): Promise<void> {
    while (!this.stopped) {
      const session = this.session;
      if (!session) {
        await this.waker.wait(60_000);
        continue;
      }
      try {
        await this.cycle(session);
        this.failures = 0;
        this.update({ connection: 'online', phase: 'idle', progress: null, error: null });
        this.openStream(session);
        await this.waker.wait(this.o.pollMs ?? 30_000);
      } catch (e) {
        if (session !== this.session) continue;
        const f = e instanceof ServerFailure ? e : new ServerFailure('bad-response', String(e));
        if (f.kind === 'unauthorized') {
          this.o.log?.('sync: the session was refused; sign in again');
          this.session = null;
          this.update({
            connection: 'signed-out',
            phase: 'idle',
            progress: null,
            error: f.message,
            user: null,
          });
          continue;
        }
        this.closeStream();
        const delay = backoffMs(
          this.failures++,
          this.o.random,
          this.o.backoff ?? { baseMs: 1000, capMs: 5000 },
        );
        this.update({
          connection: f.kind === 'offline' || f.kind === 'timeout' ? 'offline' : 'error',
          phase: 'idle',
          error: f.message,
        });
        this.o.log?.(`sync: ${f.kind}: ${f.message}; retry in ${delay} ms`);
        await this.sleep(delay);
      }
    }
  }

  private async sleep(ms: number): Promise<void> {
    // A kick must not cut a backoff short (a busy agent would hammer a failing server); only
    // a new session or stop() ends it early.
    const until = Date.now() + ms;
    const session = this.session;
    while (!this.stopped && this.session === session && Date.now() < until) {
      await this.waker.wait(until - Date.now());
    }
  }

  private async cycle(session: Session): Promise<void> {
    const { cache, outbox, client } = this.o;
    await drainOutbox(outbox, client, session, this.clock);
    const initial = cache.state('initial-done') !== '1';
    const pageSize = this.o.pageSize ?? 2000;
    let total = 0;
    let rows = 0;
    if (initial) {
      const est = await session.withToken((t) => client.estimate(t));
      total =
        Number(cache.state('initial-total') ?? '0') ||
        est.customers + est.interactions + est.complaints + est.followUps;
      cache.setState('initial-total', String(total));
      rows = Number(cache.state('initial-rows') ?? '0');
    }
    const started = Date.now();
    let rowsAtStart = rows;
    if (initial && this.o.snapshot && cache.cursor() === 0) {
      rows = await this.loadSnapshot(session, this.o.snapshot, total, started);
      rowsAtStart = 0;
    }
    const fetchPage = (cursor: number, referenceCursor = cursor) =>
      session.withToken((t) => client.changes(t, cursor, pageSize, referenceCursor));
    let cursor = cache.cursor();
    let next = fetchPage(cursor, cache.referenceCursor());
    for (;;) {
      const page = await next;
      if (page.nextCursor < cursor)
        throw new ServerFailure('bad-response', 'the server moved the cursor backwards');
      // The next page is on its way while this one is written (the cursor is in the page).
      if (page.hasMore) {
        next = fetchPage(page.nextCursor, page.nextReferenceCursor ?? page.nextCursor);
        next.catch(() => {}); // awaited on the next turn; a failure surfaces there
      }
      if (page.changes.length > 0 || page.nextCursor !== cursor)
        cache.applyPage(page.changes, page.nextCursor, page.nextReferenceCursor);
      cursor = page.nextCursor;
      if (initial) {
        rows += page.changes.length;
        cache.setState('initial-rows', String(rows));
        this.update({
          phase: 'initial',
          connection: 'online',
          progress: progress(rows, total, rowsAtStart, started),
        });
      } else if (page.changes.length > 0) {
        this.update({ phase: 'incremental', connection: 'online' });
      }
      // Wrap-ups filed during a long initial sync do not wait for its end.
      if (outbox.pending(ownerOf(client, session), 1).length > 0)
        await drainOutbox(outbox, client, session, this.clock);
      if (!page.hasMore) break;
    }
    if (initial) cache.setState('initial-done', '1');
    const now = this.clock();
    this.prune(session, now);
    this.update({ lastSyncAt: now.toISOString() });
  }

  /**
   * The whole team at once instead of the feed from 0; the feed then continues from the
   * snapshot's cursor. Wrap-ups filed meanwhile go up beside it, not after it.
   */
  private async loadSnapshot(
    session: Session,
    repo: SnapshotLoadRepository,
    total: number,
    started: number,
  ): Promise<number> {
    const { client, outbox } = this.o;
    let draining: Promise<unknown> | null = null;
    const lines = await session.withToken((t) => client.openSnapshot(t));
    const { rows } = await loadSnapshot(lines, repo, {
      // Four pages' worth per transaction: the write lock is held about as long as a page's.
      chunkRows: (this.o.pageSize ?? 2000) * 4,
      onProgress: (n) => {
        this.update({ phase: 'initial', connection: 'online', progress: progress(n, total, 0, started) });
        // Not awaited: the server may answer it only after the snapshot (one-connection PGlite).
        if (!draining && outbox.pending(ownerOf(client, session), 1).length > 0) {
          draining = drainOutbox(outbox, client, session, this.clock)
            .catch(() => {}) // retried by the next drain, after the snapshot
            .finally(() => {
              draining = null;
            });
        }
      },
    });
    await draining;
    return rows;
  }

  private prune(session: Session, now: Date): void {
    if (now.getTime() - this.lastPruneAt < 3_600_000) return;
    this.lastPruneAt = now.getTime();
    const cutOff = new Date(now.getTime() - session.retentionDays * DAY).toISOString();
    const removed = this.o.cache.pruneBefore(cutOff);
    if (removed) this.o.log?.(`sync: retention removed ${removed} old interactions`);
    const calls = this.o.callLog?.pruneBefore(cutOff) ?? 0;
    if (calls) this.o.log?.(`sync: retention removed ${calls} old calls from the history`);
  }

  private openStream(session: Session): void {
    if (this.unsubscribe || !this.o.subscribe) return;
    void session.token().then(
      (token) => {
        if (this.session !== session || this.unsubscribe) return;
        this.unsubscribe =
          this.o.subscribe?.(
            token,
            () => this.waker.wake(),
            () => {
              this.unsubscribe = null;
            },
          ) ?? null;
      },
      () => {},
    );
  }

  private closeStream(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private update(patch: Partial<EngineStatus>): void {
    this.status = { ...this.status, ...patch };
    this.o.onStatus(this.status);
  }
}

function userOf(pair: TokenPair): EngineStatus['user'] {
  return { username: pair.user.username, displayName: pair.user.displayName, teamId: pair.user.teamId };
}

function progress(rows: number, total: number, rowsAtStart: number, started: number) {
  const denom = Math.max(total, rows, 1);
  const elapsedS = (Date.now() - started) / 1000;
  const rate = elapsedS > 0.5 ? (rows - rowsAtStart) / elapsedS : 0;
  return {
    rows,
    total: denom,
    percent: Math.min(100, Math.round((rows / denom) * 1000) / 10),
    etaS: rate > 0 ? Math.round((denom - rows) / rate) : null,
  };
}
