import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabaseFor } from '../../../server/start-server';
import { OutboxRecord } from '../../../shared';
import { newTokenSecret, startServerProcess, type RunningServer } from '../../helpers/central-server';
import { caughtUp, expectedCache, newWrapUp, startSyncedHost } from '../../helpers/synced-host';

const password = 'owner-test-password';
const secret = newTokenSecret();
let root: string;
let server: RunningServer;

const serverAt = (port: number, seed: boolean) =>
  startServerProcess({
    dataDir: join(root, 'server'),
    port,
    tokenSecret: secret,
    seed: seed ? { password, customers: 50, interactions: 100 } : undefined,
  });

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'seatdesk-owner-'));
  server = await serverAt(0, true);
});
afterAll(async () => server?.stop());

/** The ids of `username`'s team's interactions, as the server's feed has them. */
async function teamInteractions(username: string): Promise<Set<string>> {
  const { rows } = await expectedCache(server.url, username, password);
  return new Set([...rows.keys()].filter((k) => k.startsWith('interaction:')).map((k) => k.slice(12)));
}

describe('one seat, two agents (issue 13)', () => {
  it("an agent's offline wrap-ups wait for them: never sent under the next agent, sent when they sign in again", async () => {
    const dataDir = join(root, 'seat');
    const port = server.port;
    let seat = await startSyncedHost(dataDir, server.url, 'agent1001', password);
    await seat.waitFor('agent1001 to catch up', caughtUp);

    // The server goes away; agent1001 (team north) files five wrap-ups on the seat.
    await server.stop();
    // No customer: the server would take them for any team, so only the owner check keeps them out of south.
    const filed = Array.from({ length: 5 }, (_, k) => newWrapUp({ customerId: null, notes: `north ${k}` }));
    for (const w of filed) await seat.call('wrapup:submit', w);
    await seat.waitFor('five pending, offline', (s) => s.outbox.pending === 5 && s.connection === 'offline');
    await seat.stop();

    // The server is back, and the seat is signed in as agent2001 (team south).
    server = await serverAt(port, false);
    seat = await startSyncedHost(dataDir, server.url, 'agent2001', password);
    const south = await seat.waitFor(
      'agent2001 to catch up',
      (s) => caughtUp(s) && s.user?.username === 'agent2001',
    );
    expect(south.outbox).toMatchObject({ pending: 0, waitingForOwner: 5 });
    const listed = OutboxRecord.array().parse(await seat.call('outbox:list', { limit: 10 }));
    expect(listed.filter((r) => filed.some((w) => w.id === r.id))).toHaveLength(5);
    for (const r of listed)
      expect(r).toMatchObject({ state: 'pending', waitingForOwner: true, owner: { username: 'agent1001' } });
    // A few more cycles: still nothing sent.
    await new Promise((ok) => setTimeout(ok, 3000));
    expect((await seat.status()).outbox).toMatchObject({ pending: 0, waitingForOwner: 5 });
    const southIds = await teamInteractions('agent2001');
    expect(filed.filter((w) => southIds.has(w.id))).toEqual([]);
    // Nor anywhere else yet: the server has not seen them.
    const northBefore = await teamInteractions('agent1001');
    expect(filed.filter((w) => northBefore.has(w.id))).toEqual([]);
    await seat.stop();

    // agent1001 signs in again: their five go up, to team north, under their session.
    seat = await startSyncedHost(dataDir, server.url, 'agent1001', password);
    const north = await seat.waitFor(
      'agent1001 to send theirs',
      (s) => caughtUp(s) && s.user?.username === 'agent1001' && s.outbox.waitingForOwner === 0,
    );
    expect(north.outbox.pending).toBe(0);
    const after = OutboxRecord.array().parse(await seat.call('outbox:list', { limit: 10 }));
    expect(after.filter((r) => r.state === 'synced')).toHaveLength(5);
    await seat.stop();
    const northIds = await teamInteractions('agent1001');
    expect(filed.filter((w) => !northIds.has(w.id))).toEqual([]);
    const southAfter = await teamInteractions('agent2001');
    expect(filed.filter((w) => southAfter.has(w.id))).toEqual([]);

    // In the server's own tables: team north, filed by agent1001's user.
    await server.stop();
    const db = await openDatabaseFor({ dataDir: join(root, 'server', 'pgdata') });
    try {
      const rows = await db.query<{ team_id: string; filed_by: string }>(
        `SELECT DISTINCT team_id, filed_by FROM interactions WHERE id = ANY($1::text[])`,
        [filed.map((w) => w.id)],
      );
      expect(rows).toEqual([{ team_id: 'team-north', filed_by: 'u-agent1001' }]);
    } finally {
      await db.close();
    }
  }, 240_000);
});
