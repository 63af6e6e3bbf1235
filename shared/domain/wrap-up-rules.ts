import { callCategories, priorities } from './call-category';
import { limits } from './customer';
import {
  complaintNatures,
  complaintSeverities,
  followUpMethods,
  resolutions,
  WrapUpDetails,
  type TeamDispositionCode,
  type WrapUpDetailsDraft,
} from './wrap-up-details';

/**
 * The complete wrap-up's rules (issue 11, domain.md §4–8). Which fields are mandatory depends on the
 * choices; every gap is returned at once as `{ field, code }`, `field` a dotted path into the draft
 * and `code` an i18n key (renderer/i18n: `wrapupGap.*`) that the form shows beside that field.
 *
 * - Always: category, priority, disposition code, resolution, survey requested or not, ACW seconds.
 * - The disposition code must be one of the team's; a retired code is refused on a new record and
 *   allowed only when amending a record that already had it (retired codes stay readable).
 * - Category urgent: priority high or critical.
 * - Category complaint: the complaint block, whole; any other category: no complaint block (a form
 *   left filled in by mistake is a gap, never silently dropped). Same for the escalation block and
 *   resolution escalated.
 * - Resolution escalated: target (tier 2 or a named department), handover, a deadline after `now`.
 * - Resolution follow-up-needed: the follow-up block (who, by when — after `now` — and how). A
 *   follow-up may also be planned with any other resolution (a satisfaction call-back, §8).
 * - `now` is the moment the agent files: the server judges with the record's `filedAt`, so a wrap-up
 *   that waited offline in the outbox is not refused for a deadline that passed on the way.
 */
/** Every gap code; each is an i18n key present in all three locales (renderer/i18n test). */
export const wrapUpGapCodes = [
  'wrapupGap.required',
  'wrapupGap.requiredForComplaint',
  'wrapupGap.requiredForEscalation',
  'wrapupGap.requiredForFollowUp',
  'wrapupGap.invalid',
  'wrapupGap.tooLong',
  'wrapupGap.invalidTime',
  'wrapupGap.unknownDisposition',
  'wrapupGap.retiredDisposition',
  'wrapupGap.urgentNeedsHighPriority',
  'wrapupGap.complaintNotChosen',
  'wrapupGap.escalationNotChosen',
  'wrapupGap.deadlineInPast',
  'wrapupGap.dueInPast',
  'wrapupGap.timeInFuture',
] as const;
export type WrapUpGapCode = (typeof wrapUpGapCodes)[number];

export type WrapUpGap = { field: string; code: WrapUpGapCode; params?: { max: number } };

export type WrapUpRulesContext = {
  /** The filing clock (ms since the epoch). */
  nowMs: number;
  team: string;
  /** The team's codes, active and retired. */
  codes: readonly TeamDispositionCode[];
  /** Amending a record: the code it was filed with (may since have been retired). */
  originalDispositionCode?: string | null;
};

/** A complaint time may be this far ahead of the seat's clock (clock skew), no further. */
export const complaintClockSkewMs = 5 * 60_000;

const isoPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function timeOf(value: string): number | null {
  if (!isoPattern.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

function blank(v: string | null | undefined): boolean {
  return v === null || v === undefined || v.trim() === '';
}

export function wrapUpGaps(draft: WrapUpDetailsDraft, ctx: WrapUpRulesContext): WrapUpGap[] {
  const gaps: WrapUpGap[] = [];
  const gap = (field: string, code: WrapUpGapCode, params?: { max: number }) =>
    gaps.push(params ? { field, code, params } : { field, code });

  /** A text field: missing → `missing`, longer than `max` → tooLong. */
  const text = (field: string, v: string | null | undefined, max: number, missing: WrapUpGapCode) => {
    if (blank(v)) gap(field, missing);
    else if (v!.length > max) gap(field, 'wrapupGap.tooLong', { max });
  };
  const oneOf = (field: string, v: unknown, values: readonly string[], missing: WrapUpGapCode) => {
    if (v === null || v === undefined || v === '') gap(field, missing);
    else if (!values.includes(v as string)) gap(field, 'wrapupGap.invalid');
  };
  const time = (field: string, v: string | null | undefined, missing: WrapUpGapCode) => {
    if (blank(v)) {
      gap(field, missing);
      return null;
    }
    const ms = timeOf(v!);
    if (ms === null) gap(field, 'wrapupGap.invalidTime');
    return ms;
  };

  oneOf('category', draft.category, callCategories, 'wrapupGap.required');
  oneOf('priority', draft.priority, priorities, 'wrapupGap.required');
  if (draft.category === 'urgent' && (draft.priority === 'low' || draft.priority === 'normal')) {
    gap('priority', 'wrapupGap.urgentNeedsHighPriority');
  }

  if (blank(draft.dispositionCode)) gap('dispositionCode', 'wrapupGap.required');
  else {
    const code = ctx.codes.find((c) => c.team === ctx.team && c.code === draft.dispositionCode);
    if (!code) gap('dispositionCode', 'wrapupGap.unknownDisposition');
    else if (!code.active && code.code !== ctx.originalDispositionCode) {
      gap('dispositionCode', 'wrapupGap.retiredDisposition');
    }
  }

  oneOf('resolution', draft.resolution, resolutions, 'wrapupGap.required');
  if (typeof draft.surveyRequested !== 'boolean') gap('surveyRequested', 'wrapupGap.required');
  if (draft.acwSeconds === null || draft.acwSeconds === undefined) gap('acwSeconds', 'wrapupGap.required');
  else if (!Number.isInteger(draft.acwSeconds) || draft.acwSeconds < 0 || draft.acwSeconds > 86_400) {
    gap('acwSeconds', 'wrapupGap.invalid');
  }

  // Complaint block.
  const c = draft.complaint;
  if (draft.category === 'complaint') {
    const need = 'wrapupGap.requiredForComplaint';
    text('complaint.complainant', c?.complainant, limits.name, need);
    text('complaint.contact', c?.contact, limits.name, need);
    text('complaint.content', c?.content, limits.note, need);
    const at = time('complaint.occurredAt', c?.occurredAt, need);
    if (at !== null && at > ctx.nowMs + complaintClockSkewMs)
      gap('complaint.occurredAt', 'wrapupGap.timeInFuture');
    oneOf('complaint.nature', c?.nature, complaintNatures, need);
    oneOf('complaint.severity', c?.severity, complaintSeverities, need);
    text('complaint.handler', c?.handler, limits.name, need);
  } else if (c && draft.category) {
    gap('complaint', 'wrapupGap.complaintNotChosen');
  }

  // Escalation block.
  const e = draft.escalation;
  if (draft.resolution === 'escalated') {
    const need = 'wrapupGap.requiredForEscalation';
    const target = e?.target;
    if (!target) gap('escalation.target', need);
    else if (target.kind === 'department') {
      text('escalation.target.department', target.department, 64, need);
    } else if (target.kind !== 'tier2') gap('escalation.target', 'wrapupGap.invalid');
    text('escalation.handover', e?.handover, limits.note, need);
    const deadline = time('escalation.deadline', e?.deadline, need);
    if (deadline !== null && deadline <= ctx.nowMs) gap('escalation.deadline', 'wrapupGap.deadlineInPast');
  } else if (e && draft.resolution) {
    gap('escalation', 'wrapupGap.escalationNotChosen');
  }

  // Follow-up block: mandatory for follow-up-needed, allowed with any resolution.
  const f = draft.followUp;
  if (draft.resolution === 'follow-up-needed' || f) {
    const need = 'wrapupGap.requiredForFollowUp';
    text('followUp.owner', f?.owner, limits.name, need);
    const due = time('followUp.dueAt', f?.dueAt, need);
    if (due !== null && due <= ctx.nowMs) gap('followUp.dueAt', 'wrapupGap.dueInPast');
    oneOf('followUp.method', f?.method, followUpMethods, need);
  }

  return gaps;
}

export type CompleteWrapUpResult = { ok: true; value: WrapUpDetails } | { ok: false; gaps: WrapUpGap[] };

/**
 * Gaps first; with none, the draft becomes the strict archive record (stamped `filedAt` = now). Any
 * remaining schema failure (a malformed id, a script record out of shape) is reported as a gap too.
 */
export function completeWrapUp(draft: WrapUpDetailsDraft, ctx: WrapUpRulesContext): CompleteWrapUpResult {
  const gaps = wrapUpGaps(draft, ctx);
  if (gaps.length > 0) return { ok: false, gaps };
  const trimmed = (v: string | null | undefined) => v?.trim();
  const c = draft.category === 'complaint' ? draft.complaint : null;
  const e = draft.resolution === 'escalated' ? draft.escalation : null;
  const f = draft.followUp;
  const parsed = WrapUpDetails.safeParse({
    wrapUpId: draft.wrapUpId,
    filedAt: new Date(ctx.nowMs).toISOString(),
    category: draft.category,
    priority: draft.priority,
    dispositionCode: draft.dispositionCode,
    resolution: draft.resolution,
    complaint: c
      ? {
          complaintId: c.complaintId ?? null,
          complainant: trimmed(c.complainant),
          contact: trimmed(c.contact),
          content: trimmed(c.content),
          occurredAt: c.occurredAt,
          nature: c.nature,
          severity: c.severity,
          handler: trimmed(c.handler),
        }
      : null,
    escalation: e
      ? {
          target:
            e.target?.kind === 'department'
              ? { kind: 'department', department: trimmed(e.target.department) }
              : { kind: 'tier2' },
          handover: trimmed(e.handover),
          deadline: e.deadline,
        }
      : null,
    followUp: f ? { owner: trimmed(f.owner), dueAt: f.dueAt, method: f.method } : null,
    surveyRequested: draft.surveyRequested,
    script: draft.script ?? null,
    acwSeconds: draft.acwSeconds,
  });
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    gaps: parsed.error.issues.map((i) => ({
      field: i.path.map(String).join('.') || 'wrapUp',
      code: 'wrapupGap.invalid',
    })),
  };
}
