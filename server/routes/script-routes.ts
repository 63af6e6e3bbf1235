import type { FastifyInstance } from 'fastify';
import { GuidedScript, type ScriptDraft, type TeamDispositionCode } from '../../shared';
import type { AccessClaims } from '../auth/tokens';
import type { TxQueryable } from '../db/sql-client';
import { ApiFailure } from '../http/api-failure';
import { audit, changesChannel, type ServerDeps } from '../http/deps';
import { registerRoute } from '../http/route';

/** The feed's lock (ADR 0003), taken first so the next version number is read under it too. */
const feedLockSql = 'SELECT pg_advisory_xact_lock(727001)';

/**
 * Guided scripts and disposition codes (issue 11): a lead of the team, or an admin, publishes a
 * script version, restores an old one (published again as a new version) and edits the codes.
 * The route table lets leads and admins in (an agent is refused and audited there); a lead of
 * another team is refused here, and audited too. Every change is audited and wakes the team's
 * seats, which receive the current versions and codes through the changes feed.
 */
export function registerScriptRoutes(app: FastifyInstance, { db, tokens, clock }: ServerDeps): void {
  async function mayEdit(
    user: AccessClaims,
    team: string,
    entity: string,
    id: string,
    denied: 'write-denied' | 'read-denied' = 'write-denied',
  ): Promise<void> {
    if (user.role !== 'admin' && !(user.role === 'lead' && user.team === team)) {
      await audit(db, user, denied, entity, [id]);
      throw new ApiFailure(
        403,
        'forbidden',
        `only a lead of ${team} (or an admin) may manage its ${entity}s`,
      );
    }
    // An admin may name any team: one that does not exist is a 404, not a foreign-key error.
    const [known] = await db.query<{ one: number }>(`SELECT 1 AS one FROM teams WHERE id = $1`, [team]);
    if (!known) throw new ApiFailure(404, 'not-found', `no team ${team}`);
  }

  async function publish(
    tx: TxQueryable,
    user: AccessClaims,
    team: string,
    draft: Omit<ScriptDraft, 'id'> & { id: string },
    restoredFrom: number | null,
  ): Promise<GuidedScript> {
    await tx.query(feedLockSql);
    const [last] = await tx.query<{ version: number | null }>(
      `SELECT max(version) AS version FROM script_versions WHERE team_id = $1 AND script_id = $2`,
      [team, draft.id],
    );
    const script = GuidedScript.parse({
      ...draft,
      team,
      version: Number(last?.version ?? 0) + 1,
      publishedAt: clock().toISOString(),
    });
    await tx.query(
      `INSERT INTO script_versions (team_id, script_id, version, body, published_by, published_at, restored_from)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)`,
      [team, script.id, script.version, JSON.stringify(script), user.sub, script.publishedAt, restoredFrom],
    );
    await tx.query(
      `INSERT INTO script_current (team_id, script_id, version, seq) VALUES ($1, $2, $3, 0)
       ON CONFLICT (team_id, script_id) DO UPDATE SET version = excluded.version`,
      [team, script.id, script.version],
    );
    await audit(tx, { ...user, team }, restoredFrom === null ? 'publish' : 'restore', 'script', [script.id]);
    await tx.query(`SELECT pg_notify($1, $2)`, [changesChannel, team]);
    return script;
  }

  registerRoute(app, tokens, 'scripts:publish', async ({ user, params, body }) => {
    await mayEdit(user, params.team, 'script', body.id);
    return db.transaction((tx) => publish(tx, user, params.team, body, null));
  });

  registerRoute(app, tokens, 'scripts:restore', async ({ user, params, body }) => {
    await mayEdit(user, params.team, 'script', params.id);
    return db.transaction(async (tx) => {
      const [old] = await tx.query<{ body: GuidedScript }>(
        `SELECT body FROM script_versions WHERE team_id = $1 AND script_id = $2 AND version = $3`,
        [params.team, params.id, body.version],
      );
      if (!old) throw new ApiFailure(404, 'not-found', `script ${params.id} has no version ${body.version}`);
      const { team: _team, version: _version, publishedAt: _at, ...draft } = old.body;
      return publish(tx, user, params.team, draft, body.version);
    });
  });

  registerRoute(app, tokens, 'scripts:versions', async ({ user, params }) => {
    await mayEdit(user, params.team, 'script', params.id, 'read-denied');
    const rows = await db.query<{
      version: number;
      name: string;
      published_by: string;
      published_at: Date | string;
      restored_from: number | null;
      current: boolean;
    }>(
      `SELECT v.version, v.body->>'name' AS name, v.published_by, v.published_at, v.restored_from,
         coalesce(c.version = v.version, false) AS current
       FROM script_versions v LEFT JOIN script_current c ON c.team_id = v.team_id AND c.script_id = v.script_id
       WHERE v.team_id = $1 AND v.script_id = $2 ORDER BY v.version DESC`,
      [params.team, params.id],
    );
    if (rows.length === 0) throw new ApiFailure(404, 'not-found', `no script ${params.id} in ${params.team}`);
    return rows.map((r) => ({
      id: params.id,
      team: params.team,
      version: Number(r.version),
      name: r.name,
      publishedBy: r.published_by,
      publishedAt: new Date(r.published_at).toISOString(),
      restoredFrom: r.restored_from === null ? null : Number(r.restored_from),
      current: r.current,
    }));
  });

  registerRoute(app, tokens, 'dispositions:put', async ({ user, params, body }) => {
    await mayEdit(user, params.team, 'disposition-code', params.code);
    const code: TeamDispositionCode = { team: params.team, code: params.code, ...body };
    await db.transaction(async (tx) => {
      // `label` stays for the older read route (GET /v1/dispositions).
      await tx.query(
        `INSERT INTO disposition_codes (team_id, code, label, labels, active, seq) VALUES ($1, $2, $3, $4::jsonb, $5, 0)
         ON CONFLICT (team_id, code) DO UPDATE SET label = excluded.label, labels = excluded.labels,
           active = excluded.active`,
        [code.team, code.code, code.labels.en, JSON.stringify(code.labels), code.active],
      );
      await audit(tx, { ...user, team: code.team }, code.active ? 'upsert' : 'retire', 'disposition-code', [
        code.code,
      ]);
      await tx.query(`SELECT pg_notify($1, $2)`, [changesChannel, code.team]);
    });
    return code;
  });
}
