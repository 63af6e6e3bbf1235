import type { FastifyInstance } from 'fastify';
import type { AgentStateName, NotReadyReason, Role } from '../../shared';
import { ApiFailure } from '../http/api-failure';
import { audit, type ServerDeps } from '../http/deps';
import { registerRoute } from '../http/route';

/**
 * NOTIFY channel of agent-state changes. Sent at commit, only when a stored state really changed
 * (a stale or repeated update sends nothing). Payload: JSON `{"team", "userId", "seq"}` — the
 * team to fan out to and whose row to re-read; no state travels here, so a live view re-reads
 * `GET /v1/teams/{team}/agents` (or that row) and a lost notice costs only latency. Every node
 * LISTENs, so a lead connected to any node hears an agent who published to any other.
 */
export const agentStatesChannel = 'seatdesk_agent_states';

// One statement: the seq guard is the upsert's WHERE (a late, older update changes no row and
// so notifies nobody), and the notice leaves with the commit of the row it announces.
const upsertSql = `WITH up AS (
    INSERT INTO agent_states (user_id, team_id, state, reason, since, seq, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, now())
    ON CONFLICT (user_id) DO UPDATE SET team_id = EXCLUDED.team_id, state = EXCLUDED.state,
      reason = EXCLUDED.reason, since = EXCLUDED.since, seq = EXCLUDED.seq, updated_at = EXCLUDED.updated_at
    WHERE agent_states.seq < EXCLUDED.seq
    RETURNING user_id, team_id, seq
  )
  SELECT up.user_id, pg_notify($7, json_build_object('team', up.team_id, 'userId', up.user_id, 'seq', up.seq)::text) IS NULL AS notified
  FROM up`;

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

/** Agents publish their own state; leads (of that team) and admins read a team's states. */
export function registerAgentStateRoutes(app: FastifyInstance, { db, tokens }: ServerDeps): void {
  registerRoute(app, tokens, 'agents:putState', async ({ user, body }) => {
    // Not audited: a state change is the agent's own availability, not access to anyone's data.
    const rows = await db.query<{ user_id: string }>(upsertSql, [
      user.sub,
      user.team,
      body.state,
      body.reason,
      body.since,
      body.seq,
      agentStatesChannel,
    ]);
    return { applied: rows.length > 0 };
  });

  registerRoute(app, tokens, 'teams:agents', async ({ user, params }) => {
    if (user.role !== 'admin' && user.team !== params.team) {
      // Watching another team is monitoring beyond the role: the attempt shows in the trail.
      await audit(db, user, 'monitor-denied', 'team', [params.team]);
      throw new ApiFailure(403, 'forbidden', 'a lead sees only their own team');
    }
    const rows = await db.query<{
      id: string;
      username: string;
      display_name: string;
      role: Role;
      state: AgentStateName | null;
      reason: NotReadyReason | null;
      since: Date | null;
      updated_at: Date | null;
    }>(
      `SELECT u.id, u.username, u.display_name, u.role, s.state, s.reason, s.since, s.updated_at
       FROM users u LEFT JOIN agent_states s ON s.user_id = u.id
       WHERE u.team_id = $1 AND NOT u.disabled
       ORDER BY u.display_name, u.id`,
      [params.team],
    );
    if (rows.length === 0) {
      const [team] = await db.query<{ id: string }>(`SELECT id FROM teams WHERE id = $1`, [params.team]);
      if (!team) throw new ApiFailure(404, 'not-found', 'no such team');
    }
    // A look at who is doing what is monitoring (domain.md): every read leaves a trail entry.
    await audit(db, user, 'monitor', 'team', [params.team]);
    return rows.map((r) => ({
      userId: r.id,
      username: r.username,
      displayName: r.display_name,
      role: r.role,
      state: r.state ?? 'logged-out',
      reason: r.reason,
      since: iso(r.since),
      updatedAt: iso(r.updated_at),
    }));
  });
}
