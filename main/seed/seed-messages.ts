import { z } from 'zod';

/** What the parent hands the seed worker (workerData), checked on arrival. */
export const SeedJob = z.object({
  file: z.string().min(1),
  customers: z.number().int().nonnegative(),
  interactions: z.number().int().nonnegative(),
  seed: z.number().int().optional(),
  now: z.number().int().optional(),
  batchSize: z.number().int().positive().optional(),
});
export type SeedJob = z.infer<typeof SeedJob>;

export const SeedWorkerMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    done: z.number(),
    total: z.number(),
    phase: z.enum(['customers', 'interactions', 'indexes']),
  }),
  z.object({ type: z.literal('done'), customers: z.number(), interactions: z.number(), reused: z.boolean() }),
]);
export type SeedWorkerMessage = z.infer<typeof SeedWorkerMessage>;
