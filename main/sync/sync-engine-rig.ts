/**
 * The SyncEngine's unit-test rig: a real engine on a `:memory:` database migrated to the latest
 * schema, its real ServerClient talking to a FakeCentral, a clock the test sets, no jitter. Shared
 * by sync-engine.test.ts (what a sync does) and sync-engine-failures.test.ts (what goes wrong).
 */
import type { Change, TokenPair, WrapUp } from '../../shared';
import { CacheSyncRepository } from '../db/cache-sync-repository';
import { openTestDatabase } from '../db/open-database';
import { OutboxRepository } from '../db/outbox-repository';
import { SeatAccountRepository } from '../db/seat-account-repository';
import { SnapshotLoadRepository } from '../db/snapshot-load-repository';
import { FakeCentral, pair } from './fake-central';
import { ServerClient, type AnswerCaps } from './server-client';
import { SyncEngine, type EngineStatus, type SyncEngineOptions } from './sync-engine';

export const customer = (seq: number, id: string, phones: string[] = []): Change => ({
  seq,
  op: 'upsert',
  entity: 'customer',
  data: { id, name: `Customer ${id}`, vip: false, phones, products: [] },
});
export const interaction = (seq: number, id: string, occurredAt = '2026-11-20T00:00:00.000Z'): Change => ({
  seq,
  op: 'upsert',
  entity: 'interaction',
  data: {
    id,
    customerId: null,
    phone: '+886223456789',
    occurredAt,
    agent: 'a',
    category: 'inquiry',
    priority: 'low',
    disposition: 'resolved',
    notes: '',
  },
});
export const wrapUp = (n: number): WrapUp => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  callId: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
  customerId: null,
  phone: '+886223456789',
  agent: 'a',
  startedAt: '2026-11-25T00:00:00.000Z',
  endedAt: '2026-11-25T00:01:00.000Z',
  category: 'inquiry',
  priority: 'low',
  disposition: 'resolved',
  notes: `n${n}`,
});

export const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
export async function until(what: string, pred: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

const stops: (() => Promise<void>)[] = [];
/** Stops every engine a rig started, and closes its database: each test file's afterEach. */
export async function stopRigs(): Promise<void> {
  for (const stop of stops.splice(0)) await stop();
}

export function rig(
  opts: Partial<SyncEngineOptions> & {
    timeoutMs?: number;
    useSnapshot?: boolean;
    caps?: Partial<AnswerCaps>;
  } = {},
) {
  const { timeoutMs, useSnapshot, caps, ...engineOpts } = opts;
  const db = openTestDatabase();
  const cache = new CacheSyncRepository(db);
  const outbox = new OutboxRepository(db);
  const central = new FakeCentral();
  const client = new ServerClient({
    baseUrl: 'http://central.test',
    fetch: central.fetch,
    timeoutMs: timeoutMs ?? 2000,
    caps,
  });
  // Signed in as `pair`'s user, as the host records it: what the rig files is theirs.
  const account = new SeatAccountRepository(db);
  account.set({ server: client.baseUrl, userId: pair.user.id, username: pair.user.username });
  const statuses: EngineStatus[] = [];
  const logs: string[] = [];
  const rotated: TokenPair[] = [];
  let now = new Date('2026-11-25T00:00:00.000Z');
  const engine = new SyncEngine({
    cache,
    outbox,
    client,
    clock: () => now,
    random: () => 0.5, // no jitter: the delays are exactly base · 2ⁿ
    pageSize: 2,
    pollMs: 60_000, // only kicks and notices start a cycle within a test
    backoff: { baseMs: 10, capMs: 40 },
    onStatus: (s) => statuses.push(s),
    onRotate: (p) => rotated.push(p),
    log: (m) => logs.push(m),
    snapshot: useSnapshot ? new SnapshotLoadRepository(db) : undefined,
    ...engineOpts,
  });
  let running: Promise<void> | null = null;
  stops.push(async () => {
    engine.stop();
    await running;
    db.close();
  });
  const last = (): EngineStatus => {
    const s = statuses.at(-1);
    if (!s) throw new Error('no status yet');
    return s;
  };
  const count = (table: string) =>
    (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    db,
    cache,
    outbox,
    account,
    central,
    engine,
    statuses,
    logs,
    rotated,
    last,
    count,
    setNow: (d: Date) => (now = d),
    start(p: TokenPair = pair, owner = p.user.id) {
      // As the sync worker does: the loop is waiting for a session when the session arrives.
      running = engine.run();
      engine.setSession(p, owner);
      return running;
    },
    /** The cycle that reaches `cursor` has ended (its final "online, idle" status is out). */
    synced(cursor: number) {
      return until(`a finished sync at cursor ${cursor}`, () => {
        const s = statuses.at(-1);
        return (
          cache.cursor() === cursor &&
          s?.connection === 'online' &&
          s.phase === 'idle' &&
          s.progress === null &&
          s.lastSyncAt !== null
        );
      });
    },
    failedWith(connection: EngineStatus['connection'], error: string | RegExp) {
      return until(`connection ${connection} with ${String(error)}`, () => {
        const s = statuses.at(-1);
        return (
          s?.connection === connection &&
          s.error !== null &&
          (typeof error === 'string' ? s.error === error : error.test(s.error))
        );
      });
    },
  };
}

export const feedOf5 = (): Change[] => [
  customer(1, 'c1', ['+886223456789']),
  customer(2, 'c2'),
  customer(3, 'c3'),
  interaction(4, 'i1'),
  interaction(5, 'i2'),
];
