import { z } from 'zod';
import { CallCategory, Disposition, Priority } from './call-category';
import { Id, IsoTime, limits } from './customer';
import { CallQualitySummary } from './quality';
import { WrapUpDetails } from './wrap-up-details';

const Uuid = z.uuid();

/** What the agent is typing: every field optional until submit. */
export const WrapUpDraft = z.object({
  callId: Uuid,
  customerId: Id.nullable(),
  phone: z.string().max(64),
  startedAt: IsoTime,
  endedAt: IsoTime.nullable(),
  category: CallCategory.nullable(),
  priority: Priority.nullable(),
  disposition: Disposition.nullable(),
  notes: z.string().max(limits.note),
  updatedAt: IsoTime,
  /** Measured during the call (getStats); absent for calls with no media. */
  quality: CallQualitySummary.nullable().optional(),
  /** Who the call was with, as the agent saw it (customer or caller name): names the queued form. */
  label: z.string().max(limits.name).optional(),
  /** The seat's line the call was on (1 or 2), so two queued forms are told apart. */
  line: z.union([z.literal(1), z.literal(2)]).optional(),
});
export type WrapUpDraft = z.infer<typeof WrapUpDraft>;

/** A filed wrap-up: the archive record of one call (domain.md §7). */
export const WrapUp = z.object({
  /** Client-generated; the idempotency key on the central server (issue 3). */
  id: Uuid,
  callId: Uuid,
  customerId: Id.nullable(),
  phone: z.string().max(64),
  agent: z.string().min(1).max(limits.name),
  startedAt: IsoTime,
  endedAt: IsoTime,
  category: CallCategory,
  priority: Priority,
  disposition: Disposition,
  notes: z.string().max(limits.note),
  quality: CallQualitySummary.nullable().optional(),
  /**
   * The complete wrap-up (issue 11): category, code, resolution, complaint, escalation, follow-up,
   * survey, script path and ACW. Its wrapUpId equals id. Optional so records queued before it still parse.
   */
  details: WrapUpDetails.optional(),
});
export type WrapUp = z.infer<typeof WrapUp>;

export const outboxStates = ['pending', 'synced', 'rejected'] as const;
export const OutboxRecord = z.object({
  id: Uuid,
  kind: z.literal('wrap-up'),
  createdAt: IsoTime,
  state: z.enum(outboxStates),
  attempts: z.number().int().nonnegative(),
  rejectReason: z.string().max(limits.shortText).nullable(),
  payload: WrapUp,
  /**
   * Who filed it: the server and that server's user (issue 13). null: filed while nobody was
   * signed in, or queued before records had owners. Optional so older hosts still parse.
   */
  owner: z
    .object({ server: z.string().max(500), username: z.string().max(64) })
    .nullable()
    .optional(),
  /**
   * Pending, but not the current account's: it goes out only under its owner's session on its
   * owner's server (an unowned record never goes out by itself), never under this account.
   */
  waitingForOwner: z.boolean().optional(),
});
export type OutboxRecord = z.infer<typeof OutboxRecord>;
