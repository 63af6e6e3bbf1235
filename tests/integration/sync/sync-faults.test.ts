import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxRecord } from '../../../shared';
import { newTokenSecret, startServerProcess, type RunningServer } from '../../helpers/central-server';
import { startFaultProxy, type FaultMode } from '../../helpers/fault-proxy';
import { freePort } from '../../helpers/free-port';
import { startPostgres, type RunningPostgres } from '../../helpers/postgres';
import { http, login } from '../../helpers/server-http';
import { actualCache, caughtUp, expectedCache, newWrapUp, startSyncedHost } from '../../helpers/synced-host';

const password = 'fault-test-password';
let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'seatdesk-faults-'));
});

describe('a misbehaving server (through a fault proxy)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServerProcess({
      dataDir: join(root, 'server'),
      seed: { password, customers: 500, interactions: 1500 },
    });
  });
  afterAll(async () => server?.stop());

  it('500s, hangs, torn bodies and schema failures: nothing bad is applied, nothing is lost, then it catches up', async () => {
    const proxy = await startFaultProxy(server.url);
    const dataDir = join(root, 'seat-proxy');
    proxy.mode = 'bad-schema';
    const seat = await startSyncedHost(dataDir, proxy.url, 'agent1001', password, { timeoutMs: 1000 });
    try {
      // The first sync is the snapshot (ADR 0006): each fault hits it first.
      const faults: [FaultMode, string, RegExp][] = [
        ['bad-schema', 'error', /schema/],
        // The pending wrap-up goes first, so most of these hit the outbox; the next test
        // breaks the snapshot alone.
        ['not-json', 'error', /not JSON|truncated/],
        ['status-500', 'error', /500/],
        ['hang', 'offline', /no answer/],
      ];
      const w = newWrapUp({ notes: 'filed while the server misbehaves' });
      await seat.call('wrapup:submit', w);
      for (const [mode, connection, message] of faults) {
        proxy.mode = mode;
        const s = await seat.waitFor(
          `${mode} → ${connection}`,
          (x) => x.connection === connection && message.test(x.error ?? ''),
        );
        expect(s.outbox.pending).toBe(1);
        // Nothing was applied as complete: the cursor has not moved, the sync is not done (a
        // cut snapshot may have committed chunks; the next attempt wipes them, snapshot-sync.test.ts).
        const cache = actualCache(join(dataDir, 'seatdesk.db'));
        expect(cache.cursor).toBe(0);
        expect(cache.initialDone).toBe(false);
      }
      // The outbox answer failing its schema marks nothing.
      proxy.mode = 'bad-schema';
      await seat.waitFor('retries', (x) => x.connection === 'error');
      const [rec] = (await seat.call('outbox:list', { limit: 5 })) as OutboxRecord[];
      expect(rec?.state).toBe('pending');
      expect(rec?.attempts).toBeGreaterThan(0);
      // A snapshot with its sections out of order is refused whole (the outbox goes through).
      proxy.mode = 'out-of-order';
      await seat.waitFor('out-of-order', (x) => x.connection === 'error' && /order/.test(x.error ?? ''));
      expect(actualCache(join(dataDir, 'seatdesk.db')).cursor).toBe(0);
      expect(actualCache(join(dataDir, 'seatdesk.db')).initialDone).toBe(false);

      proxy.mode = 'pass';
      await seat.waitFor('recovery', caughtUp);
      const head = actualCache(join(dataDir, 'seatdesk.db')).cursor;
      expect(head).toBeGreaterThan(0);

      // Then the feed: a page out of seq order (two records filed in one batch elsewhere) is
      // refused whole, and the cursor stays at the snapshot's head.
      proxy.mode = 'out-of-order';
      const other = (await login(server.url, 'agent1002', password, 'seat-other')).accessToken;
      const records = [newWrapUp({ notes: 'other seat 1' }), newWrapUp({ notes: 'other seat 2' })].map(
        (r) => ({ id: r.id, kind: 'wrap-up', payload: r }),
      );
      expect((await http(server.url, 'POST', '/v1/outbox', { token: other, json: { records } })).status).toBe(
        200,
      );
      await seat.waitFor('feed out-of-order', (x) => x.connection === 'error' && /order/.test(x.error ?? ''));
      expect(actualCache(join(dataDir, 'seatdesk.db')).cursor).toBe(head);

      proxy.mode = 'pass';
      await seat.waitFor('recovery', (x) => caughtUp(x) && x.error === null);
      const expected = await expectedCache(server.url, 'agent1002', password);
      const actual = actualCache(join(dataDir, 'seatdesk.db'));
      expect(actual.keys).toEqual(new Set(expected.rows.keys()));
      expect(actual.cursor).toBe(expected.head);
      expect(actual.initialDone).toBe(true);
      expect(expected.rows.has(`interaction:${w.id}`)).toBe(true);
      for (const r of records) expect(actual.keys.has(`interaction:${r.id}`)).toBe(true);
      const [after] = (await seat.call('outbox:list', { limit: 5 })) as OutboxRecord[];
      expect(after?.state).toBe('synced');
    } finally {
      await seat.stop();
      await proxy.close();
    }
  }, 180_000);

  it('a torn or malformed snapshot is retried and never marks the cache complete', async () => {
    const proxy = await startFaultProxy(server.url);
    const dataDir = join(root, 'seat-snapshot');
    proxy.mode = 'not-json';
    const seat = await startSyncedHost(dataDir, proxy.url, 'agent1001', password, { timeoutMs: 1000 });
    try {
      const faults: [FaultMode, RegExp][] = [
        ['not-json', /snapshot: the body is truncated/],
        ['bad-schema', /snapshot line \d+: customer fails its schema at phones/],
        ['out-of-order', /snapshot line \d+: section interaction out of order/],
      ];
      for (const [mode, message] of faults) {
        proxy.mode = mode;
        const hitsBefore = proxy.hits.get('/v1/sync/snapshot') ?? 0;
        await seat.waitFor(`${mode} → error`, (x) => x.connection === 'error' && message.test(x.error ?? ''));
        // Retried (backoff), and never complete: cursor 0, not done, the snapshot still "loading".
        await seat.waitFor('a retry', () => (proxy.hits.get('/v1/sync/snapshot') ?? 0) > hitsBefore + 1);
        const cache = actualCache(join(dataDir, 'seatdesk.db'));
        expect(cache.cursor).toBe(0);
        expect(cache.initialDone).toBe(false);
      }
      proxy.mode = 'pass';
      await seat.waitFor('recovery', caughtUp);
      const expected = await expectedCache(server.url, 'agent1002', password);
      const actual = actualCache(join(dataDir, 'seatdesk.db'));
      expect(actual.keys).toEqual(new Set(expected.rows.keys()));
      expect(actual.cursor).toBe(expected.head);
      expect(actual.initialDone).toBe(true);
      expect(actual.snapshotLoading).toBe(false);
    } finally {
      await seat.stop();
      await proxy.close();
    }
  }, 120_000);

  it('a record the server rejects is kept with its reason, corrected and re-sent under the same id', async () => {
    const seat = await startSyncedHost(join(root, 'seat-reject'), server.url, 'agent1001', password);
    try {
      await seat.waitFor('sign-in', caughtUp);
      const w = newWrapUp({ customerId: 'cust-south-1', notes: 'wrong customer' });
      await seat.call('wrapup:submit', w);
      const s = await seat.waitFor('the rejection', (x) => x.outbox.rejected === 1);
      expect(s.outbox.pending).toBe(0);
      const [rejected] = (await seat.call('outbox:list', { limit: 1 })) as OutboxRecord[];
      expect(rejected).toMatchObject({ id: w.id, state: 'rejected' });
      expect(rejected?.rejectReason).toMatch(/team/);
      await expect(
        seat.call('outbox:resend', { id: w.id, payload: { ...w, id: newWrapUp().id } }),
      ).rejects.toThrow(/invalid-input/);
      const fixed = { ...w, customerId: null, notes: 'corrected: caller had no account' };
      const resent = OutboxRecord.parse(await seat.call('outbox:resend', { id: w.id, payload: fixed }));
      expect(resent.state).toBe('pending');
      await seat.waitFor('the resend', (x) => x.outbox.rejected === 0 && x.outbox.pending === 0);
      const [synced] = (await seat.call('outbox:list', { limit: 1 })) as OutboxRecord[];
      expect(synced).toMatchObject({ id: w.id, state: 'synced' });
      expect(synced?.payload.notes).toBe(fixed.notes);
      await expect(seat.call('outbox:resend', { id: w.id, payload: fixed })).rejects.toThrow(/conflict/);
    } finally {
      await seat.stop();
    }
  });
});

describe('the server on PostgreSQL, down and killed mid-batch', () => {
  let cluster: RunningPostgres;
  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterAll(async () => cluster?.stop());

  it('offline: pops and wrap-ups go on; on recovery the backlog drains by itself, each record once', async () => {
    const databaseUrl = await cluster.createDatabase('seatdesk_offline');
    const port = await freePort();
    const tokenSecret = newTokenSecret();
    const start = (seed: boolean) =>
      startServerProcess({
        databaseUrl,
        port,
        tokenSecret,
        seed: seed ? { password, customers: 200, interactions: 400 } : undefined,
      });
    let server = await start(true);
    const seat = await startSyncedHost(
      join(root, 'seat-offline'),
      `http://127.0.0.1:${port}`,
      'agent1001',
      password,
      {
        backoff: { baseMs: 100, capMs: 500 },
      },
    );
    try {
      await seat.waitFor('first sync', caughtUp);
      await server.stop('SIGKILL');
      // The server is gone: the cache still pops, and wrap-ups queue.
      const ids: string[] = [];
      for (let i = 0; i < 1500; i++) {
        const w = newWrapUp({ notes: `offline ${i}` });
        await seat.call('wrapup:submit', w);
        ids.push(w.id);
      }
      const pop = (await seat.call('cache:screenPop', { number: '02-2345-6789' })) as { kind: string };
      expect(pop.kind).toBe('known');
      const offline = await seat.waitFor('offline', (x) => x.connection === 'offline');
      expect(offline.outbox.pending).toBe(1500);

      // Back, then killed again while the backlog is going up, then back for good.
      server = await start(false);
      await seat.waitFor('the drain to start', (x) => x.outbox.pending < 1500, 30_000);
      await server.stop('SIGKILL');
      server = await start(false);
      await seat.waitFor('the drain to finish', caughtUp, 60_000);

      const db = new pg.Client({ connectionString: databaseUrl });
      await db.connect();
      const { rows } = await db.query<{ n: number; distinct_ids: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT id)::int AS distinct_ids FROM interactions WHERE id = ANY($1::text[])`,
        [ids],
      );
      const { rows: filed } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM interactions WHERE filed_by IS NOT NULL`,
      );
      await db.end();
      expect(rows[0]).toEqual({ n: 1500, distinct_ids: 1500 });
      expect(filed[0]?.n).toBe(1500);
    } finally {
      await seat.stop();
      await server.stop();
    }
  }, 180_000);
});
