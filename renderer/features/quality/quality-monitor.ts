import type { QualitySample } from './stats-sample';

export const qualityWarnings = ['high-rtt', 'high-jitter', 'high-loss', 'low-mos', 'dead-mic'] as const;
export type QualityWarning = (typeof qualityWarnings)[number];

/** Thresholds from the brief; a warning needs `sustainS` seconds in a row to raise or to clear. */
export const qualityRules = {
  rttMs: 400,
  jitterMs: 30,
  lossPct: 3,
  mos: 3.5,
  silentMicLevel: 0.001,
  sustainS: 5,
};

export interface QualitySummary {
  samples: number;
  avgRttMs: number | null;
  maxRttMs: number | null;
  avgJitterMs: number | null;
  maxLossPct: number | null;
  avgMos: number | null;
  minMos: number | null;
  warnings: QualityWarning[];
}

function breaches(s: QualitySample, muted: boolean): Record<QualityWarning, boolean | null> {
  const over = (v: number | null, limit: number) => (v === null ? null : v > limit);
  return {
    'high-rtt': over(s.rttMs, qualityRules.rttMs),
    'high-jitter': over(s.jitterMs, qualityRules.jitterMs),
    'high-loss': over(s.lossPct, qualityRules.lossPct),
    'low-mos': s.mos === null ? null : s.mos < qualityRules.mos,
    // Muted on purpose is not a dead microphone.
    'dead-mic': muted || s.micLevel === null ? null : s.micLevel < qualityRules.silentMicLevel,
  };
}

/**
 * Folds one sample a second into the warnings the agent sees (sustained, so one bad second does
 * not flash) and the per-call summary kept with the interaction.
 */
export class QualityTracker {
  private readonly runs = new Map<QualityWarning, number>();
  private readonly active = new Set<QualityWarning>();
  private readonly raised: QualityWarning[] = [];
  private readonly samples: QualitySample[] = [];
  muted = false;

  add(sample: QualitySample): QualityWarning[] {
    this.samples.push(sample);
    for (const [w, bad] of Object.entries(breaches(sample, this.muted)) as [
      QualityWarning,
      boolean | null,
    ][]) {
      if (bad === null) continue;
      const isOn = this.active.has(w);
      // Count consecutive seconds that disagree with the current state; flip after sustainS.
      const run = bad !== isOn ? (this.runs.get(w) ?? 0) + 1 : 0;
      this.runs.set(w, run);
      if (run >= qualityRules.sustainS) {
        this.runs.set(w, 0);
        if (bad) {
          this.active.add(w);
          if (!this.raised.includes(w)) this.raised.push(w);
        } else this.active.delete(w);
      }
    }
    return this.current();
  }

  current(): QualityWarning[] {
    return qualityWarnings.filter((w) => this.active.has(w));
  }

  summary(): QualitySummary {
    const vals = (f: (s: QualitySample) => number | null) =>
      this.samples.map(f).filter((v): v is number => v !== null);
    const avg = (xs: number[]) =>
      xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null;
    const max = (xs: number[]) => (xs.length ? Math.max(...xs) : null);
    const mos = vals((s) => s.mos);
    return {
      samples: this.samples.length,
      avgRttMs: avg(vals((s) => s.rttMs)),
      maxRttMs: max(vals((s) => s.rttMs)),
      avgJitterMs: avg(vals((s) => s.jitterMs)),
      maxLossPct: max(vals((s) => s.lossPct)),
      avgMos: avg(mos),
      minMos: mos.length ? Math.min(...mos) : null,
      warnings: [...this.raised],
    };
  }
}
