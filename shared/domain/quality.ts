import { z } from 'zod';

export const qualityWarningNames = ['high-rtt', 'high-jitter', 'high-loss', 'low-mos', 'dead-mic'] as const;

const Measure = z.number().min(0).max(1_000_000).nullable();

/** A call's quality, kept with its interaction so leads can find the bad calls. */
export const CallQualitySummary = z.object({
  samples: z.number().int().nonnegative().max(1_000_000),
  avgRttMs: Measure,
  maxRttMs: Measure,
  avgJitterMs: Measure,
  maxLossPct: z.number().min(0).max(100).nullable(),
  avgMos: z.number().min(1).max(5).nullable(),
  minMos: z.number().min(1).max(5).nullable(),
  warnings: z.array(z.enum(qualityWarningNames)).max(qualityWarningNames.length),
});
export type CallQualitySummary = z.infer<typeof CallQualitySummary>;
