import { randomUUID } from 'node:crypto';
import {
  wrapUpGaps,
  type OutboxItem,
  type TeamDispositionCode,
  type WrapUp,
  type WrapUpDetails,
  type WrapUpGap,
} from '../../shared';
import type { AccessClaims } from '../auth/tokens';
import type { Queryable } from '../db/sql-client';

/** What the complete wrap-up's rules need for a whole batch (issue 11). */
export interface DetailsFacts {
  /** The team's codes, active and retired. */
  codes: TeamDispositionCode[];
  /** The team's complaints named by the batch: id → customer. Another team's id is absent. */
  complaintCustomer: Map<string, string>;
}

export async function detailsFactsFor(
  tx: Queryable,
  user: AccessClaims,
  items: readonly OutboxItem[],
): Promise<DetailsFacts> {
  const complaintIds = [
    ...new Set(
      items.flatMap((i) =>
        i.payload.details?.complaint?.complaintId ? [i.payload.details.complaint.complaintId] : [],
      ),
    ),
  ];
  const codes = await tx.query<{ code: string; active: boolean }>(
    `SELECT code, active FROM disposition_codes WHERE team_id = $1`,
    [user.team],
  );
  // Only the caller's team: another team's complaint reads as unknown.
  const complaints =
    complaintIds.length === 0
      ? []
      : await tx.query<{ id: string; customer_id: string }>(
          `SELECT id, customer_id FROM complaints WHERE team_id = $2 AND id = ANY($1::text[])`,
          [complaintIds, user.team],
        );
  return {
    // The rules read only team, code and active; labels are not needed to judge.
    codes: codes.map((c) => ({
      team: user.team,
      code: c.code,
      active: c.active,
      labels: { 'zh-Hant': c.code, 'zh-Hans': c.code, en: c.code },
    })),
    complaintCustomer: new Map(complaints.map((c) => [c.id, c.customer_id])),
  };
}

function gapReason(g: WrapUpGap, d: WrapUpDetails): string {
  if (g.code === 'wrapupGap.unknownDisposition')
    return `disposition code "${d.dispositionCode}" is not one of your team’s codes`;
  if (g.code === 'wrapupGap.retiredDisposition')
    return `disposition code "${d.dispositionCode}" is retired in your team: new records need an active code`;
  return `${g.field}: ${g.code.replace('wrapupGap.', '')}`;
}

/**
 * The complete wrap-up's rules, judged on the clock the agent filed by (`filedAt`), so a record
 * that waited offline is not refused for a deadline that passed on the way. null: it may be filed.
 */
export function detailsRejectionOf(facts: DetailsFacts, user: AccessClaims, w: WrapUp): string | null {
  const d = w.details;
  if (!d) return null;
  if (d.wrapUpId !== w.id) return 'the wrap-up details belong to another wrap-up (wrapUpId differs from id)';
  const gaps = wrapUpGaps(d, { nowMs: Date.parse(d.filedAt), team: user.team, codes: facts.codes });
  // A code the team does not (or no longer) use is its own reason: the seat's code list is stale.
  const codeGap = gaps.find((g) => g.field === 'dispositionCode' && g.code !== 'wrapupGap.required');
  if (codeGap) return gapReason(codeGap, d);
  if (gaps.length > 0) return `the wrap-up is incomplete: ${gaps.map((g) => gapReason(g, d)).join('; ')}`;
  if (d.complaint?.complaintId) {
    const customer = facts.complaintCustomer.get(d.complaint.complaintId);
    if (customer === undefined)
      return `complaint "${d.complaint.complaintId}" is not one of your team’s complaints`;
    if (w.customerId !== null && customer !== w.customerId)
      return `complaint "${d.complaint.complaintId}" belongs to another customer`;
  } else if (d.complaint && w.customerId === null) {
    return 'a new complaint needs the call’s customer';
  }
  if (d.followUp && w.customerId === null) return 'a follow-up needs the call’s customer';
  return null;
}

/** The complaint's status after this call: what the call's resolution says about it. */
function complaintStatus(
  d: WrapUpDetails,
  updating: boolean,
): 'open' | 'investigating' | 'escalated' | 'closed' {
  if (d.resolution === 'escalated') return 'escalated';
  if (d.resolution === 'first-contact') return 'closed';
  return updating ? 'investigating' : 'open';
}

/** The ids a batch wrote, for the audit trail. */
export interface WrittenBlocks {
  complaints: string[];
  escalations: string[];
  followUps: string[];
}

/**
 * Writes a filed wrap-up's blocks: complaint (new or updated), escalation and follow-up, in the
 * caller's transaction. Called only for records whose interaction row was just inserted, so a
 * duplicate record writes none of them.
 */
export async function writeDetailsBlocks(
  tx: Queryable,
  user: AccessClaims,
  w: WrapUp,
  written: WrittenBlocks,
): Promise<void> {
  const d = w.details;
  if (!d) return;
  const c = d.complaint;
  if (c?.complaintId) {
    written.complaints.push(c.complaintId);
    await tx.query(
      `UPDATE complaints SET status = $3, summary = $4, content = $4, complainant = $5, contact = $6,
         nature = $7, severity = $8, handler_name = $9, last_interaction_id = $10
       WHERE team_id = $2 AND id = $1`,
      [
        c.complaintId,
        user.team,
        complaintStatus(d, true),
        c.content,
        c.complainant,
        c.contact,
        c.nature,
        c.severity,
        c.handler,
        w.id,
      ],
    );
  } else if (c && w.customerId !== null) {
    const id = `cmp-${randomUUID()}`;
    written.complaints.push(id);
    await tx.query(
      `INSERT INTO complaints (id, team_id, customer_id, opened_at, summary, severity, status, seq,
         complainant, contact, content, nature, handler_name, last_interaction_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9, $5, $10, $11, $12)`,
      [
        id,
        user.team,
        w.customerId,
        c.occurredAt,
        c.content,
        c.severity,
        complaintStatus(d, false),
        c.complainant,
        c.contact,
        c.nature,
        c.handler,
        w.id,
      ],
    );
  }
  const e = d.escalation;
  if (e) {
    const id = `esc-${randomUUID()}`;
    written.escalations.push(id);
    await tx.query(
      `INSERT INTO escalations (id, team_id, interaction_id, customer_id, target_kind, department, handover,
         deadline, status, created_by, seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, 0)`,
      [
        id,
        user.team,
        w.id,
        w.customerId,
        e.target.kind,
        e.target.kind === 'department' ? e.target.department : null,
        e.handover,
        e.deadline,
        user.sub,
      ],
    );
  }
  const f = d.followUp;
  if (f && w.customerId !== null) {
    const id = `fu-${randomUUID()}`;
    written.followUps.push(id);
    await tx.query(
      `INSERT INTO follow_ups (id, team_id, customer_id, due_at, owner, method, note, done, seq, interaction_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, false, 0, $8)`,
      [id, user.team, w.customerId, f.dueAt, f.owner, f.method, w.notes, w.id],
    );
  }
}
