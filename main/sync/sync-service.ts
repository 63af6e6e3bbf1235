import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type {
  AgentStateChange,
  AgentStateUpdate,
  SessionUser,
  Settings,
  SyncStatus,
  TokenPair,
} from '../../shared';
import { CacheSyncRepository } from '../db/cache-sync-repository';
import type { Db } from '../db/migrate';
import { OutboxRepository } from '../db/outbox-repository';
import { SeatAccountRepository } from '../db/seat-account-repository';
import { BoundRefreshToken } from './bound-refresh-token';
import { nextAgentSeq } from './agent-state-publisher';
import type { IssuedRelays } from './relay-fetcher';
import type { SecretStore } from '../settings/secret-store';
import { startWorker } from '../workers/start-worker';
import { normalizeServerUrl, ServerClient, ServerFailure } from './server-client';
import { FromSyncWorker, type SyncWorkerData, type ToSyncWorker } from './worker-protocol';

export interface SyncTuning {
  pageSize: number;
  pollMs: number;
  timeoutMs: number;
  backoff: { baseMs: number; capMs: number };
}

export const defaultSyncTuning: SyncTuning = {
  pageSize: 2000,
  pollMs: 30_000,
  timeoutMs: 15_000,
  // A recovering server sees each seat about every 5 s (jittered): prompt, and gentle for a fleet.
  backoff: { baseMs: 1000, capMs: 5000 },
};

export interface SyncServiceDeps {
  dbFile: string;
  /** The host thread's connection: counts for the status bar, the seat id. */
  db: Db;
  settings: () => Settings;
  /**
   * Where the refresh token is kept (safeStorage in Electron, memory in browser mode), bound to
   * its server (BoundRefreshToken).
   */
  tokenStore: SecretStore;
  tuning?: Partial<SyncTuning>;
  log?: (msg: string) => void;
}

/**
 * The host thread's side of sync: owns the sync worker, signs in, keeps the latest status.
 * Nothing here is awaited by the call path.
 */
export class SyncService {
  private worker: Worker | null = null;
  private workerUrl: string | null = null;
  private status: Omit<SyncStatus, 'outbox'> | null = null;
  private readonly outbox: OutboxRepository;
  private readonly cacheState: CacheSyncRepository;
  /** Who owns what the seat files now (the outbox reads it when a wrap-up is filed). */
  private readonly account: SeatAccountRepository;
  private readonly refreshToken: BoundRefreshToken;
  private readonly tuning: SyncTuning;
  private readonly log: (msg: string) => void;
  /** The agent's newest state: handed to each new sync worker, which publishes it. */
  private agentState: AgentStateUpdate | null = null;
  /** STUN/TURN the central server issued for this session (see RelayFetcher). */
  private relays: IssuedRelays | null = null;

  constructor(private readonly deps: SyncServiceDeps) {
    this.outbox = new OutboxRepository(deps.db);
    this.cacheState = new CacheSyncRepository(deps.db);
    this.account = new SeatAccountRepository(deps.db);
    this.refreshToken = new BoundRefreshToken(deps.tokenStore);
    this.tuning = { ...defaultSyncTuning, ...deps.tuning };
    this.log = deps.log ?? (() => {});
  }

  /** This PC's id in the audit trail: made once, kept in the database. */
  get seat(): string {
    let seat = this.cacheState.state('seat');
    if (!seat) {
      const host =
        hostname()
          .replace(/[^A-Za-z0-9._-]/g, '')
          .slice(0, 40) || 'pc';
      seat = `seat-${host}-${randomBytes(3).toString('hex')}`;
      this.cacheState.setState('seat', seat);
    }
    return seat;
  }

  /** At start-up: resume with the stored refresh token, if any. */
  async start(): Promise<void> {
    const url = this.deps.settings().serverUrl;
    this.forgetOtherServers(url);
    if (!url) return;
    // Only a token this server issued is sent to it; one for another server is dropped.
    const refresh = this.refreshToken.take(url);
    if (!refresh) {
      // No credential survived (browser mode keeps none across restarts): nobody is signed in,
      // so the last account no longer owns what is filed on this seat.
      this.account.clear();
      return;
    }
    try {
      const pair = await this.client(url).refresh(refresh);
      this.adopt(url, pair);
    } catch (e) {
      if (e instanceof ServerFailure && e.kind === 'unauthorized') {
        // The server ended that session: the seat is signed out, as after sign-out.
        this.refreshToken.clear();
        this.account.clear();
      }
      // Offline at start-up is normal: the cache serves, and the agent signs in when it is back
      // (still the account's: the seat holds its credential).
      this.log(`sync: could not resume the session (${e instanceof ServerFailure ? e.kind : 'error'})`);
      this.ensureWorker(url);
    }
  }

  async login(username: string, password: string): Promise<SessionUser> {
    const url = this.deps.settings().serverUrl;
    if (!url) throw new ServerFailure('refused', 'no central server is configured');
    const pair = await this.client(url).login({ username, password, seat: this.seat });
    this.adopt(url, pair);
    return pair.user;
  }

  logout(): boolean {
    const had = this.deps.tokenStore.get() !== null;
    const url = this.deps.settings().serverUrl;
    const refresh = url ? this.refreshToken.take(url) : null;
    this.refreshToken.clear();
    // The server ends the session as well, so no copy of its tokens works any more. Best effort:
    // a seat that is offline now still loses the session at its absolute end on the server.
    if (url && refresh)
      this.client(url)
        .logout(refresh)
        .catch((e: unknown) =>
          this.log(
            `sync: the server did not end the session (${e instanceof ServerFailure ? e.kind : 'error'})`,
          ),
        );
    // What is filed from now on belongs to nobody until someone signs in (OutboxRepository).
    this.account.clear();
    this.post({ type: 'sign-out' });
    return had;
  }

  /** A wrap-up was filed: send it now rather than at the next poll. */
  kick(): void {
    this.post({ type: 'kick' });
  }

  /**
   * The agent's state changed: numbered and handed to the sync worker, which publishes it
   * (latest wins, retried, re-sent after sign-in). Returns at once; false when no central
   * server is configured (the state is kept and goes up once one is and the seat signs in).
   */
  publishAgentState(change: AgentStateChange): boolean {
    this.agentState = { ...change, seq: nextAgentSeq(this.agentState?.seq ?? 0, Date.now()) };
    if (!this.deps.settings().serverUrl) return false;
    this.post({ type: 'agent-state', update: this.agentState });
    return true;
  }

  /** settings.serverUrl changed: a new worker for the new server (the old session ends). */
  reconfigure(): void {
    const url = this.deps.settings().serverUrl;
    if (url === this.workerUrl) return;
    this.forgetOtherServers(url);
    void this.stopWorker();
    this.status = null;
    if (url) this.ensureWorker(url);
  }

  /** The latest issued STUN/TURN, unless signed out or expired. */
  issuedRelays(nowMs = Date.now()): IssuedRelays['iceServers'] {
    const r = this.relays;
    if (!r || !this.worker || (r.expiresAtMs !== null && r.expiresAtMs <= nowMs)) return [];
    return r.iceServers;
  }

  current(): SyncStatus {
    const counts = this.outbox.counts();
    const outbox = {
      pending: counts.pending,
      rejected: counts.rejected,
      waitingForOwner: counts.waitingForOwner,
    };
    if (!this.deps.settings().serverUrl) {
      return { ...idle('not-configured'), outbox };
    }
    return { ...(this.status ?? idle('signed-out')), outbox };
  }

  async close(): Promise<void> {
    await this.stopWorker();
  }

  private client(url: string): ServerClient {
    return new ServerClient({ baseUrl: url, timeoutMs: this.tuning.timeoutMs });
  }

  /**
   * The configured server is `url`: the account and refresh token of any other server end here
   * (the account's unsent records stay theirs and wait for them on that server).
   */
  private forgetOtherServers(url: string | null): void {
    const server = url === null ? null : normalizeServerUrl(url);
    const account = this.account.current();
    if (account && account.server !== server) this.account.clear();
    if (server === null) this.refreshToken.clear();
    else this.refreshToken.take(server);
  }

  private adopt(url: string, pair: TokenPair): void {
    this.refreshToken.set(url, pair.refreshToken);
    // Set before the worker hears of the session: a wrap-up filed from now on is this user's.
    this.account.set({ server: normalizeServerUrl(url), userId: pair.user.id, username: pair.user.username });
    this.ensureWorker(url);
    this.post({ type: 'session', pair, owner: `${url}|${pair.user.teamId}` });
  }

  private ensureWorker(url: string): void {
    if (this.worker && this.workerUrl === url) return;
    if (this.worker) void this.stopWorker();
    const data: SyncWorkerData = {
      dbFile: this.deps.dbFile,
      serverUrl: url,
      seat: this.seat,
      ...this.tuning,
    };
    const worker = startWorker(import.meta.url, 'sync-worker', data);
    this.worker = worker;
    this.workerUrl = url;
    worker.on('message', (raw: unknown) => {
      const msg = FromSyncWorker.safeParse(raw);
      if (!msg.success) return this.log('sync: dropped a worker message that failed its schema');
      const m = msg.data;
      if (m.type === 'status') this.status = m.status;
      else if (m.type === 'rotated') this.refreshToken.set(url, m.pair.refreshToken);
      else if (m.type === 'relays') this.relays = m.relays;
      else this.log(m.message);
    });
    if (this.agentState) this.post({ type: 'agent-state', update: this.agentState });
    worker.on('error', (e) => this.log(`sync worker failed: ${e.message}`));
    worker.on('exit', () => {
      if (this.worker === worker) {
        this.worker = null;
        this.workerUrl = null;
        this.status = { ...idle('error'), error: 'the sync worker stopped' };
      }
    });
  }

  private post(msg: ToSyncWorker): void {
    this.worker?.postMessage(msg);
  }

  private async stopWorker(): Promise<void> {
    const w = this.worker;
    if (!w) return;
    this.worker = null;
    this.workerUrl = null;
    this.relays = null;
    w.postMessage({ type: 'stop' } satisfies ToSyncWorker);
    const timer = setTimeout(() => void w.terminate(), 3000);
    await new Promise<void>((ok) => w.once('exit', () => ok()));
    clearTimeout(timer);
  }
}

function idle(connection: SyncStatus['connection']): Omit<SyncStatus, 'outbox'> {
  return { connection, phase: 'idle', progress: null, lastSyncAt: null, error: null, user: null };
}
