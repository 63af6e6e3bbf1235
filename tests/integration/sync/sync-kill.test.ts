import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type RunningServer } from '../../helpers/central-server';
import { callWs } from '../../helpers/host-client';
import { actualCache, caughtUp, expectedCache, newWrapUp, startSyncedHost } from '../../helpers/synced-host';

const password = 'kill-test-password';
let server: RunningServer;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'seatdesk-kill-'));
  server = await startServerProcess({
    dataDir: join(root, 'server'),
    seed: { password, customers: 3000, interactions: 9000 },
  });
});
afterAll(async () => server?.stop());

describe('kill -9 of the desktop host during sync', () => {
  it('50 kills at random points: the server holds every submitted record once, the cache equals the feed', async () => {
    const dataDir = join(root, 'seat');
    const submitted: string[] = [];
    let midSync = 0;
    const kills = 50;
    for (let i = 0; i < kills; i++) {
      const seat = await startSyncedHost(dataDir, server.url, 'agent1001', password, { pageSize: 250 });
      // A wrap-up filed right away: the kill may land before, during or after its upload.
      const w = newWrapUp({ notes: `kill round ${i}` });
      const r = await callWs(seat.ws, 'wrapup:submit', w);
      if (r.ok) submitted.push(w.id);
      await new Promise((ok) => setTimeout(ok, Math.random() * 900));
      await seat.stop('SIGKILL');
      const after = actualCache(join(dataDir, 'seatdesk.db'));
      if (after.cursor > 0 && !after.initialDone) midSync++;
    }
    expect(submitted.length).toBe(kills);
    // The loop really did cut initial syncs short (not only idle seats).
    expect(midSync).toBeGreaterThan(0);

    const seat = await startSyncedHost(dataDir, server.url, 'agent1001', password);
    await seat.waitFor('the seat to catch up', caughtUp, 120_000);
    const expected = await expectedCache(server.url, 'agent1002', password);
    const actual = actualCache(join(dataDir, 'seatdesk.db'));
    await seat.stop();

    // Every submitted wrap-up is on the server, once (the feed holds each id at most once;
    // its interactions filed from seats are exactly ours).
    const filed = [...expected.rows.values()].filter(
      (c) => c.op === 'upsert' && c.entity === 'interaction' && c.data.notes.startsWith('kill round'),
    );
    expect(filed.length).toBe(submitted.length);
    expect(new Set(filed.map((c) => (c.op === 'upsert' ? c.data.id : ''))).size).toBe(submitted.length);
    for (const id of submitted) expect(expected.rows.has(`interaction:${id}`), id).toBe(true);

    // The cache holds exactly what the feed says, and its cursor is the feed's head.
    expect(actual.keys.size).toBe(expected.rows.size);
    expect([...expected.rows.keys()].filter((k) => !actual.keys.has(k))).toEqual([]);
    expect(actual.cursor).toBe(expected.head);
    const expectedPhones = [...expected.rows.values()].flatMap((c) =>
      c.op === 'upsert' && c.entity === 'customer' ? c.data.phones.map((p) => `${p}|${c.data.id}`) : [],
    );
    expect(new Set(actual.phones.map((p) => `${p.e164}|${p.customer_id}`))).toEqual(new Set(expectedPhones));
  }, 600_000);
});
