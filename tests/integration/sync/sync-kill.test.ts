import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangesPage, changeKey, maxOutboxBatch } from '../../../shared';
import { startServerProcess, type RunningServer } from '../../helpers/central-server';
import { callWs } from '../../helpers/host-client';
import { http, login } from '../../helpers/server-http';
import {
  actualCache,
  caughtUp,
  expectedCache,
  newWrapUp,
  startSyncedHost,
  type SyncedHost,
} from '../../helpers/synced-host';

const password = 'kill-test-password';
let server: RunningServer;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'seatdesk-kill-'));
  server = await startServerProcess({
    dataDir: join(root, 'server'),
    seed: { password, customers: 20000, interactions: 60000 },
  });
});
afterAll(async () => server?.stop());

/**
 * Returns as soon as the seat is syncing (a feed page applied with more to fetch, or its
 * initial sync under way), or after 3 s when it has nothing to do.
 */
async function untilCatchingUp(seat: SyncedHost): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (Date.now() < deadline && (await seat.status()).phase === 'idle');
}

describe('kill -9 of the desktop host during sync', () => {
  it('50 kills at random points: the server holds every submitted record once, each cache equals the feed', async () => {
    // A teammate's seat, filing a batch every round so the feed always has pages to fetch.
    const other = (await login(server.url, 'agent1002', password, 'seat-teammate')).accessToken;
    const behind = async (cursor: number) => {
      const res = await http(server.url, 'GET', `/v1/changes?cursor=${cursor}&limit=1`, { token: other });
      return ChangesPage.parse(res.body).changes.length > 0;
    };
    const submitted: string[] = [];
    const dirs = new Set<string>();
    let cutSnapshots = 0;
    let cutFeeds = 0;
    const kills = 50;
    for (let i = 0; i < kills; i++) {
      // A fresh seat every 10 rounds: its first kills land in its initial snapshot.
      const dataDir = join(root, `seat-${Math.floor(i / 10)}`);
      dirs.add(dataDir);
      // Half the rounds of a seat that already has a cache are killed in the middle of its
      // feed catch-up (seen through its status, not guessed by a timer, which a fast catch-up
      // can outrun); the others at a random point.
      const midFeed = i % 10 > 1 && i % 2 === 1;
      const batch = midFeed ? 500 : 300;
      const records = Array.from({ length: batch }, (_, k) => newWrapUp({ notes: `teammate ${i}.${k}` })).map(
        (r) => ({ id: r.id, kind: 'wrap-up', payload: r }),
      );
      for (let at = 0; at < records.length; at += maxOutboxBatch) {
        const json = { records: records.slice(at, at + maxOutboxBatch) };
        expect((await http(server.url, 'POST', '/v1/outbox', { token: other, json })).status).toBe(200);
      }
      const seat = await startSyncedHost(dataDir, server.url, 'agent1001', password, {
        pageSize: midFeed ? 25 : 250,
      });
      // A wrap-up filed right away: the kill may land before, during or after its upload.
      const w = newWrapUp({ notes: `kill round ${i}` });
      const r = await callWs(seat.ws, 'wrapup:submit', w);
      if (r.ok) submitted.push(w.id);
      // The second round of each seat lets its first sync finish (a slow machine would otherwise
      // cut every snapshot, and no round would ever reach the feed), then kills it idle.
      if (i % 10 === 1) await seat.waitFor(`round ${i}: the first sync to finish`, caughtUp, 120_000);
      else if (midFeed) await untilCatchingUp(seat);
      else await new Promise((ok) => setTimeout(ok, Math.random() * 2000));
      await seat.stop('SIGKILL');
      const after = actualCache(join(dataDir, 'seatdesk.db'));
      if (after.snapshotLoading) cutSnapshots++;
      else if (after.cursor > 0 && (await behind(after.cursor))) cutFeeds++;
    }
    expect(submitted.length).toBe(kills);
    // The loop really did cut snapshots and feed catch-ups short (not only idle seats).
    expect(cutSnapshots).toBeGreaterThan(0);
    expect(cutFeeds).toBeGreaterThan(0);

    // Twice round: the first pass drains every outbox, the second brings each cache to the
    // head that now includes the other seats' uploads.
    for (const pass of [1, 2])
      for (const dataDir of dirs) {
        const seat = await startSyncedHost(dataDir, server.url, 'agent1001', password);
        await seat.waitFor(`pass ${pass}: the seat to catch up`, caughtUp, 120_000);
        await seat.stop();
      }
    const expected = await expectedCache(server.url, 'agent1002', password);

    // Every submitted wrap-up is on the server, once (the feed holds each id at most once;
    // its interactions filed as "kill round" are exactly ours).
    const filed = [...expected.rows.values()].filter(
      (c) => c.op === 'upsert' && c.entity === 'interaction' && c.data.notes.startsWith('kill round'),
    );
    expect(filed.length).toBe(submitted.length);
    expect(new Set(filed.map(changeKey)).size).toBe(submitted.length);
    for (const id of submitted) expect(expected.rows.has(`interaction:${id}`), id).toBe(true);

    // Each cache holds exactly what the feed says, and its cursor is the feed's head.
    const expectedPhones = new Set(
      [...expected.rows.values()].flatMap((c) =>
        c.op === 'upsert' && c.entity === 'customer' ? c.data.phones.map((p) => `${p}|${c.data.id}`) : [],
      ),
    );
    for (const dataDir of dirs) {
      const actual = actualCache(join(dataDir, 'seatdesk.db'));
      expect(actual.keys.size, dataDir).toBe(expected.rows.size);
      expect([...expected.rows.keys()].filter((k) => !actual.keys.has(k))).toEqual([]);
      expect(actual.cursor).toBe(expected.head);
      expect(actual.initialDone).toBe(true);
      expect(new Set(actual.phones.map((p) => `${p.e164}|${p.customer_id}`))).toEqual(expectedPhones);
    }
  }, 600_000);
});
