import { z } from 'zod';
import { CallCategory, Priority } from './call-category';
import { Id, IsoTime, limits } from './customer';
import { StepId } from './script-template';

/**
 * The complete wrap-up (issue 11): the archive record beside a filed `WrapUp` (wrap-up.ts, unchanged),
 * joined by `wrapUpId`. The rules that decide which blocks are mandatory are in wrap-up-rules.ts.
 */

const Uuid = z.uuid();
const LabelText = z.string().trim().min(1).max(limits.name);

/** A team's disposition code, defined on the server. A retired code (active: false) stays readable. */
export const TeamDispositionCode = z
  .object({
    team: Id,
    code: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a code is 1–64 lower-case letters, digits, "-" or "_"'),
    labels: z.object({ 'zh-Hant': LabelText, 'zh-Hans': LabelText, en: LabelText }).strict(),
    active: z.boolean(),
  })
  .strict();
export type TeamDispositionCode = z.infer<typeof TeamDispositionCode>;

export const resolutions = ['first-contact', 'escalated', 'transferred', 'follow-up-needed'] as const;
export const Resolution = z.enum(resolutions);
export type Resolution = z.infer<typeof Resolution>;

export const complaintNatures = ['product', 'service', 'billing', 'delivery', 'other'] as const;
export const ComplaintNature = z.enum(complaintNatures);
export const complaintSeverities = ['low', 'medium', 'high'] as const;
export const ComplaintSeverity = z.enum(complaintSeverities);

export const WrapUpComplaint = z
  .object({
    /** The complaint this call updates; null: the call opens a new one. */
    complaintId: Id.nullable(),
    complainant: z.string().trim().min(1).max(limits.name),
    contact: z.string().trim().min(1).max(limits.name),
    content: z.string().trim().min(1).max(limits.note),
    occurredAt: IsoTime,
    nature: ComplaintNature,
    severity: ComplaintSeverity,
    /** The user who handles it. */
    handler: z.string().trim().min(1).max(limits.name),
  })
  .strict();
export type WrapUpComplaint = z.infer<typeof WrapUpComplaint>;

export const EscalationTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tier2') }).strict(),
  z.object({ kind: z.literal('department'), department: Id }).strict(),
]);
export type EscalationTarget = z.infer<typeof EscalationTarget>;

export const WrapUpEscalation = z
  .object({
    target: EscalationTarget,
    handover: z.string().trim().min(1).max(limits.note),
    deadline: IsoTime,
  })
  .strict();
export type WrapUpEscalation = z.infer<typeof WrapUpEscalation>;

export const followUpMethods = ['phone', 'sms', 'email'] as const;
export const WrapUpFollowUp = z
  .object({
    owner: z.string().trim().min(1).max(limits.name),
    dueAt: IsoTime,
    method: z.enum(followUpMethods),
  })
  .strict();
export type WrapUpFollowUp = z.infer<typeof WrapUpFollowUp>;

/** Where the call went in its script (script-navigator.ts `scriptOutcome`). */
export const WrapUpScriptRecord = z
  .object({
    scriptId: Id,
    version: z.number().int().min(1),
    path: z.array(StepId).min(1).max(500),
    exitStepId: StepId,
    completed: z.boolean(),
    pathTruncated: z.boolean(),
  })
  .strict();
export type WrapUpScriptRecord = z.infer<typeof WrapUpScriptRecord>;

export const WrapUpDetails = z
  .object({
    wrapUpId: Uuid,
    /** When the agent filed it: the clock the time rules are judged by (not the server's arrival time). */
    filedAt: IsoTime,
    category: CallCategory,
    priority: Priority,
    dispositionCode: TeamDispositionCode.shape.code,
    resolution: Resolution,
    complaint: WrapUpComplaint.nullable(),
    escalation: WrapUpEscalation.nullable(),
    followUp: WrapUpFollowUp.nullable(),
    surveyRequested: z.boolean(),
    script: WrapUpScriptRecord.nullable(),
    /** After-call work, measured by the seat. */
    acwSeconds: z.number().int().min(0).max(86_400),
  })
  .strict();
export type WrapUpDetails = z.infer<typeof WrapUpDetails>;

type Loose<T> = { [K in keyof T]?: T[K] extends string ? string | null : T[K] | null };

/** What the form holds while the agent types: anything may be missing or wrong until filed. */
export type WrapUpDetailsDraft = {
  wrapUpId?: string | null;
  category?: CallCategory | null;
  priority?: Priority | null;
  dispositionCode?: string | null;
  resolution?: Resolution | null;
  complaint?: Loose<WrapUpComplaint> | null;
  escalation?: {
    target?: { kind: 'tier2' } | { kind: 'department'; department?: string | null } | null;
    handover?: string | null;
    deadline?: string | null;
  } | null;
  followUp?: Loose<WrapUpFollowUp> | null;
  surveyRequested?: boolean | null;
  script?: WrapUpScriptRecord | null;
  acwSeconds?: number | null;
};
