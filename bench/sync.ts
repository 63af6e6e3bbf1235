/**
 * npm run bench:sync — the central server and the seat's sync, on a real PostgreSQL.
 *  initial_sync_*: an empty seat cache filled from the server (customers + interactions);
 *  apply_rows_per_s: rows per second over that initial sync, end to end;
 *  pop_p99_during_sync_ms: cache:screenPop round trips through the host API while it runs;
 *  outbox_drain_s: a queued outbox sent after the server comes back (from its "ready");
 *  server_ingest_per_s: wrap-ups per second the server files, 500 per request, one client.
 * SEATDESK_BENCH_SIZE=tiny (CI): 2,000 / 6,000, outbox 500. Full: 1,000,000 / 5,000,000, outbox 10,000.
 * Prints progress on stderr and, as its last line, one JSON object.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newTokenSecret, startServerProcess } from '../tests/helpers/central-server';
import { callWs } from '../tests/helpers/host-client';
import { freePort } from '../tests/helpers/free-port';
import { startPostgres } from '../tests/helpers/postgres';
import { http, login } from '../tests/helpers/server-http';
import { caughtUp, newWrapUp, startSyncedHost } from '../tests/helpers/synced-host';

const tiny = process.env.SEATDESK_BENCH_SIZE === 'tiny';
const size = tiny
  ? { customers: 2_000, interactions: 6_000, outbox: 500, ingest: 2_000 }
  : { customers: 1_000_000, interactions: 5_000_000, outbox: 10_000, ingest: 50_000 };
const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);
const password = 'bench-password';
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return round(sorted[Math.max(0, i)] ?? NaN);
}

const cluster = await startPostgres();
const root = mkdtempSync(join(tmpdir(), 'seatdesk-bench-sync-'));
try {
  const databaseUrl = await cluster.createDatabase('seatdesk_bench');
  const port = await freePort();
  const tokenSecret = newTokenSecret();
  const startServer = (seed: boolean) =>
    startServerProcess({
      databaseUrl,
      port,
      tokenSecret,
      seed: seed ? { password, customers: size.customers, interactions: size.interactions } : undefined,
      readyTimeoutMs: 3_600_000,
    });
  let t = performance.now();
  let server = await startServer(true);
  log(`server seeded in ${round((performance.now() - t) / 1000, 1)} s`);

  // Initial sync into an empty seat, with screen-pops hammering the cache meanwhile.
  const seat = await startSyncedHost(join(root, 'seat'), server.url, 'agent1001', password, {
    pageSize: 5000,
    pollMs: 30_000,
    timeoutMs: 30_000,
    backoff: { baseMs: 1000, capMs: 5000 },
  });
  t = performance.now();
  const pops: number[] = [];
  let syncing = true;
  const popLoop = (async () => {
    let i = 0;
    while (syncing) {
      const n = 1 + ((i++ * 7919) % size.customers);
      const s = performance.now();
      await callWs(seat.ws, 'cache:screenPop', { number: `+88693${String(n).padStart(7, '0')}` });
      pops.push(performance.now() - s);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  let lastLog = 0;
  const done = await seat.waitFor(
    'the initial sync',
    (s) => {
      if (s.progress && performance.now() - lastLog > 5000) {
        lastLog = performance.now();
        log(`initial sync ${s.progress.percent}% (${s.progress.rows} rows, eta ${s.progress.etaS ?? '?'} s)`);
      }
      return caughtUp(s);
    },
    3_600_000,
  );
  const initialS = (performance.now() - t) / 1000;
  syncing = false;
  await popLoop;
  const total = size.customers + size.interactions;
  log(`initial sync ${round(initialS, 1)} s; ${pops.length} pops during it; ${JSON.stringify(done.outbox)}`);

  // The outbox: queued while the server is down, drained when it is back.
  await server.stop('SIGKILL');
  for (let i = 0; i < size.outbox; i++) await seat.call('wrapup:submit', newWrapUp({ notes: `bench ${i}` }));
  await seat.waitFor('the queue', (s) => s.outbox.pending === size.outbox && s.connection === 'offline');
  server = await startServer(false);
  t = performance.now();
  await seat.waitFor('the drain', (s) => s.outbox.pending === 0, 600_000);
  const drainS = (performance.now() - t) / 1000;
  log(`outbox of ${size.outbox} drained in ${round(drainS, 2)} s`);
  await seat.stop();

  // Server ingest on PostgreSQL: one client, batches of 500.
  const token = (await login(server.url, 'agent1002', password, 'seat-bench')).accessToken;
  t = performance.now();
  for (let sent = 0; sent < size.ingest; sent += 500) {
    const records = Array.from({ length: Math.min(500, size.ingest - sent) }, () => {
      const w = newWrapUp({ id: randomUUID(), notes: 'ingest' });
      return { id: w.id, kind: 'wrap-up', payload: w };
    });
    const res = await http(server.url, 'POST', '/v1/outbox', { token, json: { records } });
    if (res.status !== 200) throw new Error(`ingest: ${res.status}`);
  }
  const ingestPerS = size.ingest / ((performance.now() - t) / 1000);
  await server.stop();

  pops.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      initial_sync_customers: size.customers,
      initial_sync_interactions: size.interactions,
      initial_sync_s: round(initialS, 2),
      apply_rows_per_s: Math.round(total / initialS),
      pop_p99_during_sync_ms: percentile(pops, 99),
      outbox_records: size.outbox,
      outbox_drain_s: round(drainS, 2),
      server_ingest_per_s: Math.round(ingestPerS),
    }),
  );
} finally {
  await cluster.stop();
  rmSync(root, { recursive: true, force: true });
}
