import type { FastifyInstance } from 'fastify';
import type { OutboxResult, WrapUp } from '../../shared';
import type { AccessClaims } from '../auth/tokens';
import type { Queryable } from '../db/sql-client';
import { audit, changesChannel, type ServerDeps } from '../http/deps';
import { registerRoute } from '../http/route';

/** Business rules a well-formed wrap-up can still fail: the reason goes back to the agent. */
async function rejectionOf(tx: Queryable, user: AccessClaims, w: WrapUp): Promise<string | null> {
  if (Date.parse(w.endedAt) < Date.parse(w.startedAt)) return 'the call ends before it starts';
  if (w.customerId !== null) {
    const [c] = await tx.query<{ team_id: string }>(`SELECT team_id FROM customers WHERE id = $1`, [
      w.customerId,
    ]);
    if (!c || c.team_id !== user.team) return 'the customer is not one of your team’s customers';
  }
  const [d] = await tx.query<{ active: boolean }>(
    `SELECT active FROM disposition_codes WHERE team_id = $1 AND code = $2`,
    [user.team, w.disposition],
  );
  if (!d?.active) return `disposition "${w.disposition}" is not in use in your team`;
  return null;
}

export function registerOutboxRoutes(app: FastifyInstance, { db, tokens }: ServerDeps): void {
  registerRoute(app, tokens, 'outbox:push', async ({ user, body }) => {
    const results = await db.transaction(async (tx) => {
      const out: OutboxResult[] = [];
      const filedFor: string[] = [];
      for (const { id, payload: w } of body.records) {
        // The primary key is the idempotency key, forever: a record retried after days
        // offline meets its first copy here and changes nothing.
        const [seen] = await tx.query<{ one: number }>(`SELECT 1 AS one FROM interactions WHERE id = $1`, [
          id,
        ]);
        if (seen) {
          out.push({ id, status: 'duplicate' });
          continue;
        }
        const reason = await rejectionOf(tx, user, w);
        if (reason) {
          out.push({ id, status: 'rejected', reason });
          continue;
        }
        const inserted = await tx.query<{ id: string }>(
          `INSERT INTO interactions (id, team_id, customer_id, phone, occurred_at, ended_at, agent, category,
             priority, disposition, notes, filed_by, seat)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
           ON CONFLICT (id) DO NOTHING RETURNING id`,
          [
            id,
            user.team,
            w.customerId,
            w.phone,
            w.startedAt,
            w.endedAt,
            w.agent,
            w.category,
            w.priority,
            w.disposition,
            w.notes,
            user.sub,
            user.seat,
          ],
        );
        out.push({ id, status: inserted.length ? 'accepted' : 'duplicate' });
        if (inserted.length && w.customerId) filedFor.push(w.customerId);
      }
      await audit(tx, user, 'file-interaction', 'customer', filedFor);
      if (out.some((r) => r.status === 'accepted')) {
        // Delivered at commit to every node's LISTEN: the team's other seats pull.
        await tx.query(`SELECT pg_notify($1, $2)`, [changesChannel, user.team]);
      }
      return out;
    });
    return { results };
  });
}
