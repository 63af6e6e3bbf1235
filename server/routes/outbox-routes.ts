import type { FastifyInstance } from 'fastify';
import type { OutboxItem, OutboxResult, WrapUp } from '../../shared';
import type { AccessClaims } from '../auth/tokens';
import type { Queryable } from '../db/sql-client';
import { audit, changesChannel, type ServerDeps } from '../http/deps';
import { registerRoute } from '../http/route';
import {
  detailsFactsFor,
  detailsRejectionOf,
  writeDetailsBlocks,
  type DetailsFacts,
  type WrittenBlocks,
} from './wrap-up-details-write';

interface BatchFacts {
  /** Ids already filed (the permanent idempotency keys). */
  seen: Set<string>;
  customerTeam: Map<string, string>;
  activeCodes: Set<string>;
  details: DetailsFacts;
}

/** Everything the rules need for a whole batch, in three queries rather than three per record. */
async function factsFor(
  tx: Queryable,
  user: AccessClaims,
  items: readonly OutboxItem[],
): Promise<BatchFacts> {
  const ids = items.map((i) => i.id);
  const customerIds = [
    ...new Set(items.flatMap((i) => (i.payload.customerId ? [i.payload.customerId] : []))),
  ];
  // Only the caller's team: whether an id exists elsewhere is none of its business.
  const seen = await tx.query<{ id: string }>(
    `SELECT id FROM interactions WHERE team_id = $2 AND id = ANY($1::text[])`,
    [ids, user.team],
  );
  const customers = await tx.query<{ id: string; team_id: string }>(
    `SELECT id, team_id FROM customers WHERE id = ANY($1::text[])`,
    [customerIds],
  );
  const codes = await tx.query<{ code: string }>(
    `SELECT code FROM disposition_codes WHERE team_id = $1 AND active`,
    [user.team],
  );
  return {
    seen: new Set(seen.map((r) => r.id)),
    customerTeam: new Map(customers.map((c) => [c.id, c.team_id])),
    activeCodes: new Set(codes.map((c) => c.code)),
    details: await detailsFactsFor(tx, user, items),
  };
}

/** Business rules a well-formed wrap-up can still fail: the reason goes back to the agent. */
function rejectionOf(facts: BatchFacts, user: AccessClaims, w: WrapUp): string | null {
  if (Date.parse(w.endedAt) < Date.parse(w.startedAt)) return 'the call ends before it starts';
  if (w.customerId !== null && facts.customerTeam.get(w.customerId) !== user.team) {
    return 'the customer is not one of your team’s customers';
  }
  if (!facts.activeCodes.has(w.disposition))
    return `disposition "${w.disposition}" is not in use in your team`;
  return detailsRejectionOf(facts.details, user, w);
}

const insertSql = `INSERT INTO interactions (id, team_id, customer_id, phone, occurred_at, ended_at, agent, category,
    priority, disposition, notes, quality, filed_by, seat, details)
  SELECT r.id, $1, r.customer_id, r.phone, r.started_at, r.ended_at, r.agent, r.category, r.priority,
         r.disposition, r.notes, r.quality, $2, $3, r.details
  FROM jsonb_to_recordset($4::jsonb) AS r(id text, customer_id text, phone text, started_at timestamptz,
       ended_at timestamptz, agent text, category text, priority text, disposition text, notes text, quality jsonb, details jsonb)
  ON CONFLICT (team_id, id) DO NOTHING RETURNING id`;

export function registerOutboxRoutes(app: FastifyInstance, { db, tokens }: ServerDeps): void {
  registerRoute(app, tokens, 'outbox:push', async ({ user, body }) => {
    const results = await db.transaction(async (tx) => {
      const facts = await factsFor(tx, user, body.records);
      const verdicts = new Map<string, OutboxResult>();
      const toInsert: WrapUp[] = [];
      for (const { id, payload: w } of body.records) {
        // The primary key is the idempotency key, forever: a record retried after days
        // offline meets its first copy here and changes nothing.
        if (facts.seen.has(id) || verdicts.has(id)) {
          verdicts.set(id, { id, status: 'duplicate' });
          continue;
        }
        const reason = rejectionOf(facts, user, w);
        verdicts.set(id, reason ? { id, status: 'rejected', reason } : { id, status: 'accepted' });
        if (!reason) toInsert.push(w);
      }
      if (toInsert.length > 0) {
        const rows = toInsert.map((w) => ({
          id: w.id,
          customer_id: w.customerId,
          phone: w.phone,
          started_at: w.startedAt,
          ended_at: w.endedAt,
          agent: w.agent,
          category: w.category,
          priority: w.priority,
          disposition: w.disposition,
          notes: w.notes,
          quality: w.quality ?? null,
          details: w.details ?? null,
        }));
        const inserted = new Set(
          (
            await tx.query<{ id: string }>(insertSql, [user.team, user.sub, user.seat, JSON.stringify(rows)])
          ).map((r) => r.id),
        );
        // Another node filed the same id a moment ago (ON CONFLICT): a duplicate, not an error.
        for (const w of toInsert)
          if (!inserted.has(w.id)) verdicts.set(w.id, { id: w.id, status: 'duplicate' });
        // Only records whose interaction was just inserted: a duplicate writes no complaint,
        // escalation or follow-up a second time.
        const written: WrittenBlocks = { complaints: [], escalations: [], followUps: [] };
        for (const w of toInsert) if (inserted.has(w.id)) await writeDetailsBlocks(tx, user, w, written);
        await audit(tx, user, 'file-complaint', 'complaint', written.complaints);
        await audit(tx, user, 'file-escalation', 'escalation', written.escalations);
        await audit(tx, user, 'file-follow-up', 'follow-up', written.followUps);
        await audit(
          tx,
          user,
          'file-interaction',
          'customer',
          toInsert.flatMap((w) => (w.customerId && inserted.has(w.id) ? [w.customerId] : [])),
        );
        // Delivered at commit to every node's LISTEN: the team's other seats pull.
        if (inserted.size > 0) await tx.query(`SELECT pg_notify($1, $2)`, [changesChannel, user.team]);
      }
      return body.records.map((r) => verdicts.get(r.id) ?? { id: r.id, status: 'duplicate' as const });
    });
    return { results };
  });
}
