import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WrapUp } from '../../../shared';
import { dialects, startTestServer, stopPostgresCluster, testPassword } from '../../helpers/server-dialects';
import { http, login } from '../../helpers/server-http';

afterAll(stopPostgresCluster);

const wrapUp = (id: string, customerId: string | null): WrapUp => ({
  id,
  callId: randomUUID(),
  customerId,
  phone: '+886223456789',
  agent: 'Agent',
  startedAt: '2026-11-25T01:00:00.000Z',
  endedAt: '2026-11-25T01:05:00.000Z',
  category: 'inquiry',
  priority: 'normal',
  disposition: 'resolved',
  notes: 'n',
});

describe.each(dialects)('filed records on %s', (dialect) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const push = (token: string, w: WrapUp) =>
    http(server.url, 'POST', '/v1/outbox', {
      token,
      json: { records: [{ id: w.id, kind: 'wrap-up', payload: w }] },
    });

  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => server?.close());

  it('answer the duplicate check within the team only: an id of another team reads as new', async () => {
    const north = (await login(server.url, 'agent1001', testPassword)).accessToken;
    const south = (await login(server.url, 'agent2001', testPassword)).accessToken;
    const id = randomUUID();
    expect((await push(north, wrapUp(id, 'cust-demo-vip'))).body).toEqual({
      results: [{ id, status: 'accepted' }],
    });
    // The same id from the other team: the same answer as for an id nobody used.
    const fresh = randomUUID();
    expect((await push(south, wrapUp(id, null))).body).toEqual({ results: [{ id, status: 'accepted' }] });
    expect((await push(south, wrapUp(fresh, null))).body).toEqual({
      results: [{ id: fresh, status: 'accepted' }],
    });
    // Within a team the id is still the idempotency key, and north's record is untouched.
    expect((await push(north, wrapUp(id, 'cust-demo-vip'))).body).toEqual({
      results: [{ id, status: 'duplicate' }],
    });
    const rows = await server.db.query<{ team_id: string; customer_id: string | null }>(
      `SELECT team_id, customer_id FROM interactions WHERE id = $1 ORDER BY team_id`,
      [id],
    );
    expect(rows).toEqual([
      { team_id: 'team-north', customer_id: 'cust-demo-vip' },
      { team_id: 'team-south', customer_id: null },
    ]);
  });
});
