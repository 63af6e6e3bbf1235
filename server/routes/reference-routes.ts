import type { FastifyInstance } from 'fastify';
import { ApiFailure } from '../http/api-failure';
import { audit, type ServerDeps } from '../http/deps';
import { registerRoute } from '../http/route';
import { registerScriptRoutes } from './script-routes';

const iso = (v: Date | string) => new Date(v).toISOString();

/** Customers (audited reads), disposition codes, scripts, knowledge base, the audit trail. */
export function registerReferenceRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const { db, tokens } = deps;
  // Publishing scripts and editing codes (issue 11) belong to this reference data.
  registerScriptRoutes(app, deps);
  registerRoute(app, tokens, 'customers:get', async ({ user, params }) => {
    const [c] = await db.query<{
      id: string;
      team_id: string;
      name: string;
      vip: boolean;
      phones: string[];
      products: string[];
    }>(`SELECT id, team_id, name, vip, phones, products FROM customers WHERE id = $1`, [params.id]);
    if (!c || c.team_id !== user.team) {
      // Denied look-ups are recorded too: probing other teams' customers shows in the trail.
      await audit(db, user, 'read-denied', 'customer', [params.id]);
      throw new ApiFailure(404, 'not-found', 'no such customer in your team');
    }
    await audit(db, user, 'read', 'customer', [c.id]);
    return { id: c.id, teamId: c.team_id, name: c.name, vip: c.vip, phones: c.phones, products: c.products };
  });

  registerRoute(app, tokens, 'reference:dispositions', async ({ user }) =>
    db.query<{ code: string; label: string; active: boolean }>(
      `SELECT code, label, active FROM disposition_codes WHERE team_id = $1 ORDER BY code`,
      [user.team],
    ),
  );

  registerRoute(app, tokens, 'reference:scripts', async ({ user }) => {
    const rows = await db.query<{
      id: string;
      name: string;
      category: 'inquiry' | 'complaint' | 'suggestion' | 'urgent' | null;
      steps: { title: string; text: string }[];
      updated_at: Date;
    }>(
      `SELECT id, name, category, steps, updated_at FROM script_templates WHERE team_id = $1 ORDER BY name`,
      [user.team],
    );
    return rows.map(({ updated_at, ...r }) => ({ ...r, updatedAt: iso(updated_at) }));
  });

  registerRoute(app, tokens, 'reference:knowledge', async ({ user, query }) => {
    // The search text is a parameter and its LIKE wildcards are escaped: it matches literally.
    const pattern = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const rows = await db.query<{
      id: string;
      title: string;
      body: string;
      tags: string[];
      updated_at: Date;
    }>(
      `SELECT id, title, body, tags, updated_at FROM knowledge_articles
       WHERE (team_id = $1 OR team_id IS NULL) AND (title ILIKE $2 OR body ILIKE $2)
       ORDER BY updated_at DESC LIMIT 20`,
      [user.team, pattern],
    );
    return rows.map(({ updated_at, ...r }) => ({ ...r, updatedAt: iso(updated_at) }));
  });

  registerRoute(app, tokens, 'audit:list', async ({ user, query }) => {
    const rows = await db.query<{
      at: Date;
      user_id: string;
      seat: string;
      action: string;
      entity: string;
      entity_id: string;
      row_count: number | null;
    }>(
      `SELECT a.at, a.user_id, a.seat, a.action, a.entity, a.entity_id,
         CASE WHEN a.action = 'read-feed' THEN s.feed_rows ELSE a.row_count END AS row_count
       FROM audit_log a LEFT JOIN auth_sessions s ON a.action = 'read-feed' AND s.id = a.entity_id
       WHERE a.team_id = $1 AND ($2::text IS NULL OR a.entity_id = $2) ORDER BY a.id DESC LIMIT $3`,
      [user.team, query.entityId ?? null, query.limit],
    );
    return rows.map((r) => ({
      at: iso(r.at),
      userId: r.user_id,
      seat: r.seat,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      rowCount: r.row_count === null ? null : Number(r.row_count),
    }));
  });
}
