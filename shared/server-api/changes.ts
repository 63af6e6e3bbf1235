import { z } from 'zod';
import { CallCategory, Disposition, Priority } from '../domain/call-category';
import { Complaint, Customer, Id, Interaction, IsoTime, limits } from '../domain/customer';
import { GuidedScript } from '../domain/script-template';
import { TeamDispositionCode } from '../domain/wrap-up-details';

/** Position in the changes feed: every write on the server takes the next number (commit order). */
export const Cursor = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const maxPageSize = 5000;

export const ChangesQuery = z
  .object({
    cursor: z.coerce.number().pipe(Cursor),
    limit: z.coerce.number().int().min(1).max(maxPageSize).default(1000),
    /**
     * Where the seat's scripts and disposition codes stand, when behind `cursor`: after a snapshot
     * (which does not carry them) it is 0, and the page also brings those rows from there. The
     * answer's `nextCursor` is where both continue. Default: `cursor`.
     */
    referenceCursor: z.coerce.number().pipe(Cursor).optional(),
  })
  .strict();
export type ChangesQuery = z.infer<typeof ChangesQuery>;

const FollowUpData = z.object({
  id: Id,
  customerId: Id,
  dueAt: IsoTime,
  owner: z.string().max(limits.name),
  method: z.enum(['phone', 'sms', 'email']),
  note: z.string().max(limits.shortText),
  done: z.boolean(),
});
/** The cache also keeps closed complaints (they stay on record but never pop). */
const ComplaintData = Complaint.extend({
  status: z.enum([...Complaint.shape.status.options, 'closed']),
});
const InteractionData = Interaction.extend({
  category: CallCategory,
  priority: Priority,
  disposition: Disposition,
});

export const syncedEntities = ['customer', 'interaction', 'complaint', 'follow-up'] as const;
export const SyncedEntity = z.enum(syncedEntities);
export type SyncedEntity = z.infer<typeof SyncedEntity>;

export const Change = z.discriminatedUnion('op', [
  z.discriminatedUnion('entity', [
    z.object({ seq: Cursor, op: z.literal('upsert'), entity: z.literal('customer'), data: Customer }),
    z.object({
      seq: Cursor,
      op: z.literal('upsert'),
      entity: z.literal('interaction'),
      data: InteractionData,
    }),
    z.object({ seq: Cursor, op: z.literal('upsert'), entity: z.literal('complaint'), data: ComplaintData }),
    z.object({ seq: Cursor, op: z.literal('upsert'), entity: z.literal('follow-up'), data: FollowUpData }),
    /** The team's current version of a script (a publish or a restore moves it). */
    z.object({ seq: Cursor, op: z.literal('upsert'), entity: z.literal('script'), data: GuidedScript }),
    /** Codes are retired (active: false), never deleted: old records keep their labels. */
    z.object({
      seq: Cursor,
      op: z.literal('upsert'),
      entity: z.literal('disposition-code'),
      data: TeamDispositionCode,
    }),
  ]),
  z.object({ seq: Cursor, op: z.literal('delete'), entity: SyncedEntity, id: Id }),
]);
export type Change = z.infer<typeof Change>;

/** entity:id of the record a change is about (a disposition code is named by its code). */
export function changeKey(c: Change): string {
  if (c.op === 'delete') return `${c.entity}:${c.id}`;
  return `${c.entity}:${c.entity === 'disposition-code' ? c.data.code : c.data.id}`;
}

/** Scripts and disposition codes: in the feed, not in the snapshot (ADR 0007). */
export const referenceEntities = ['script', 'disposition-code'] as const;

export const ChangesPage = z
  .object({
    /** In seq order, all greater than the request's cursor. */
    changes: z.array(Change).max(maxPageSize),
    /** Ask again from here; equals the request's cursor when nothing changed. */
    nextCursor: Cursor,
    /**
     * Present when a page of scripts and codes sent for a `referenceCursor` ended below `nextCursor`:
     * ask again with it as the reference cursor (ADR 0007). Absent: both continue from `nextCursor`.
     */
    nextReferenceCursor: Cursor.optional(),
    hasMore: z.boolean(),
  })
  .superRefine((page, ctx) => {
    // A page out of order would move the cursor past rows never applied: refuse it whole.
    let last = -1;
    for (const c of page.changes) {
      if (c.seq <= last) {
        ctx.addIssue({ code: 'custom', message: 'changes are not in ascending seq order' });
        return;
      }
      last = c.seq;
    }
    if (last > page.nextCursor) ctx.addIssue({ code: 'custom', message: 'nextCursor is behind the page' });
    if (page.nextReferenceCursor !== undefined && page.nextReferenceCursor > page.nextCursor)
      ctx.addIssue({ code: 'custom', message: 'nextReferenceCursor is ahead of nextCursor' });
  });
export type ChangesPage = z.infer<typeof ChangesPage>;

/** Row counts a seat will receive on an initial sync: the progress bar's denominator. */
export const SyncEstimate = z.object({
  customers: z.number().int().nonnegative(),
  interactions: z.number().int().nonnegative(),
  complaints: z.number().int().nonnegative(),
  followUps: z.number().int().nonnegative(),
  /** The feed's head for this team at the time of the count. */
  headCursor: Cursor,
});
export type SyncEstimate = z.infer<typeof SyncEstimate>;

/** Pushed over the changes WebSocket: "pull again". Carries no data. */
export const ChangesNotice = z.object({ type: z.literal('changed'), cursor: Cursor }).strict();
export type ChangesNotice = z.infer<typeof ChangesNotice>;
