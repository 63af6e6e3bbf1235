import { z } from 'zod';
import { limits } from '../domain/customer';
import { WrapUp } from '../domain/wrap-up';

export const maxOutboxBatch = 500;

export const OutboxItem = z.object({ id: z.uuid(), kind: z.literal('wrap-up'), payload: WrapUp }).strict();
export type OutboxItem = z.infer<typeof OutboxItem>;

export const OutboxBatch = z
  .object({ records: z.array(OutboxItem).min(1).max(maxOutboxBatch) })
  .strict()
  .refine((b) => b.records.every((r) => r.id === r.payload.id), {
    message: 'each record id must equal its payload id',
  });
export type OutboxBatch = z.infer<typeof OutboxBatch>;

export const outboxVerdicts = ['accepted', 'duplicate', 'rejected'] as const;
export const OutboxResult = z.object({
  id: z.uuid(),
  /** duplicate = this id was accepted before (the retry changed nothing). */
  status: z.enum(outboxVerdicts),
  reason: z.string().max(limits.shortText).optional(),
});
export type OutboxResult = z.infer<typeof OutboxResult>;

export const OutboxBatchResult = z.object({ results: z.array(OutboxResult).max(maxOutboxBatch) });
export type OutboxBatchResult = z.infer<typeof OutboxBatchResult>;
