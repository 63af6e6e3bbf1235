import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentStateAck, ApiError, AuditEntry, TeamAgentState, type AgentStateUpdate } from '../../../shared';
import { agentStatesChannel } from '../../../server/routes/agent-state-routes';
import { dialects, startTestServer, stopPostgresCluster, testPassword } from '../../helpers/server-dialects';
import { http, login } from '../../helpers/server-http';

afterAll(stopPostgresCluster);

const errorCode = (body: unknown) => ApiError.parse(body).error.code;
const update = (over: Partial<AgentStateUpdate> = {}): AgentStateUpdate => ({
  state: 'ready',
  reason: null,
  since: '2026-11-25T01:00:00.000Z',
  seq: 1,
  ...over,
});

describe.each(dialects)('agent states on %s', (dialect) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const tokens: Record<string, string> = {};
  const put = (who: string, body: unknown) =>
    http(server.url, 'PUT', '/v1/agents/me/state', { token: tokens[who], json: body });
  const team = (who: string, id: string) =>
    http(server.url, 'GET', `/v1/teams/${id}/agents`, { token: tokens[who] });
  const stored = async (userId: string) =>
    (
      await server.db.query<{ state: string; reason: string | null; seq: string }>(
        `SELECT state, reason, seq::text AS seq FROM agent_states WHERE user_id = $1`,
        [userId],
      )
    )[0] ?? null;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    for (const u of ['agent1001', 'agent1002', 'agent2001', 'lead-north', 'admin'])
      tokens[u] = (await login(server.url, u, testPassword)).accessToken;
  });
  afterAll(async () => server?.close());

  it('an agent sets its own state; a newer seq replaces it', async () => {
    const first = await put('agent1001', update({ seq: 10 }));
    expect(first.status).toBe(200);
    expect(AgentStateAck.parse(first.body)).toEqual({ applied: true });
    expect(await stored('u-agent1001')).toEqual({ state: 'ready', reason: null, seq: '10' });
    const next = await put(
      'agent1001',
      update({ state: 'not-ready', reason: 'meal', since: '2026-11-25T01:10:00.000Z', seq: 11 }),
    );
    expect(AgentStateAck.parse(next.body)).toEqual({ applied: true });
    expect(await stored('u-agent1001')).toEqual({ state: 'not-ready', reason: 'meal', seq: '11' });
  });

  it('ignores an update whose seq is older than (or equal to) the stored one', async () => {
    await put('agent1002', update({ state: 'acw', seq: 1_764_000_000_500 }));
    const late = await put('agent1002', update({ state: 'on-call', seq: 1_764_000_000_400 }));
    expect(late.status).toBe(200);
    expect(AgentStateAck.parse(late.body)).toEqual({ applied: false });
    const again = await put('agent1002', update({ state: 'ready', seq: 1_764_000_000_500 }));
    expect(AgentStateAck.parse(again.body)).toEqual({ applied: false });
    expect(await stored('u-agent1002')).toEqual({ state: 'acw', reason: null, seq: '1764000000500' });
  });

  it('refuses a bad state, reason, time or seq with 400 and changes nothing', async () => {
    await put('agent2001', update({ state: 'ready', seq: 5 }));
    const bad: unknown[] = [
      { ...update({ seq: 6 }), state: 'asleep' },
      update({ state: 'not-ready', reason: null, seq: 6 }),
      { ...update({ state: 'not-ready', seq: 6 }), reason: 'napping' },
      update({ state: 'ready', reason: 'meal', seq: 6 }),
      update({ since: 'yesterday', seq: 6 }),
      update({ seq: -1 }),
      update({ seq: 6.5 }),
      { ...update({ seq: 6 }), userId: 'u-agent1001' },
      { state: 'ready', since: '2026-11-25T01:00:00.000Z' },
    ];
    for (const body of bad) {
      const res = await put('agent2001', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorCode(res.body)).toBe('bad-request');
    }
    expect(await stored('u-agent2001')).toEqual({ state: 'ready', reason: null, seq: '5' });
    expect((await http(server.url, 'PUT', '/v1/agents/me/state', { json: update() })).status).toBe(401);
  });

  it("a lead reads their own team's states, and the read is in the audit trail", async () => {
    const res = await team('lead-north', 'team-north');
    expect(res.status).toBe(200);
    const members = TeamAgentState.array().parse(res.body);
    const by = new Map(members.map((m) => [m.userId, m]));
    expect(by.get('u-agent1001')).toMatchObject({
      state: 'not-ready',
      reason: 'meal',
      since: '2026-11-25T01:10:00.000Z',
    });
    expect(by.get('u-agent1002')).toMatchObject({ state: 'acw', reason: null });
    // A member who never published shows as logged out, with no time.
    expect(by.get('u-lead-north')).toMatchObject({ state: 'logged-out', since: null, updatedAt: null });
    // Only team-north's members.
    expect(by.has('u-agent2001')).toBe(false);

    const trail = await http(server.url, 'GET', '/v1/audit?entityId=team-north', {
      token: tokens['lead-north'],
    });
    const entries = AuditEntry.array().parse(trail.body);
    expect(entries[0]).toMatchObject({ userId: 'u-lead-north', action: 'monitor', entity: 'team' });
  });

  it('refuses agents (403) and leads of another team (403, audited); admins see any team', async () => {
    const asAgent = await team('agent1001', 'team-north');
    expect(asAgent.status).toBe(403);
    expect(errorCode(asAgent.body)).toBe('forbidden');
    const otherTeam = await team('lead-north', 'team-south');
    expect(otherTeam.status).toBe(403);
    expect(errorCode(otherTeam.body)).toBe('forbidden');
    const denied = await server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE user_id = 'u-lead-north' AND action = 'monitor-denied' AND entity_id = 'team-south'`,
    );
    expect(denied[0]?.n).toBe(1);

    const south = await team('admin', 'team-south');
    expect(south.status).toBe(200);
    expect(
      TeamAgentState.array()
        .parse(south.body)
        .map((m) => [m.userId, m.state]),
    ).toEqual([['u-agent2001', 'ready']]);
    expect((await team('admin', 'team-nowhere')).status).toBe(404);
    expect((await team('lead-north', encodeURIComponent("team-north' OR 1=1 --"))).status).toBe(403);
    expect((await http(server.url, 'GET', '/v1/teams/team-north/agents')).status).toBe(401);
  });

  it('notifies the agent-state channel at commit, only for an applied change', async () => {
    const got: string[] = [];
    const unlisten = await server.db.listen(agentStatesChannel, (p) => got.push(p));
    try {
      await put('agent2001', update({ state: 'on-call', seq: 100 }));
      await put('agent2001', update({ state: 'ready', seq: 99 })); // stale: no notice
      const deadline = Date.now() + 5000;
      while (got.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200));
      expect(got.map((p) => JSON.parse(p) as unknown)).toEqual([
        { team: 'team-south', userId: 'u-agent2001', seq: 100 },
      ]);
    } finally {
      await unlisten();
    }
  });
});
