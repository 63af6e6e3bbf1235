export interface ToneReading {
  /** The strongest frequency (Hz), or 0 when the signal is silence. */
  hz: number;
  /** RMS level in dBFS (-Infinity for no samples). */
  level: number;
}

/** Power of one frequency in `samples` (the Goertzel algorithm). */
export function goertzelPower(samples: ArrayLike<number>, rate: number, hz: number): number {
  const coeff = 2 * Math.cos((2 * Math.PI * hz) / rate);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < samples.length; i++) {
    const s0 = (samples[i] ?? 0) + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return s1 * s1 + s2 * s2 - coeff * s1 * s2;
}

/**
 * The dominant tone of 16-bit PCM samples: a Goertzel scan in 5 Hz steps from 100 Hz up to just
 * under Nyquist (at most 4 kHz, the telephone band). Below -50 dBFS RMS counts as silence.
 */
export function dominantTone(samples: Int16Array, rate: number, silenceDb = -50): ToneReading {
  if (samples.length === 0) return { hz: 0, level: -Infinity };
  let sum = 0;
  for (const s of samples) sum += s * s;
  const level = 20 * Math.log10(Math.sqrt(sum / samples.length) / 32768 || 1e-10);
  if (level < silenceDb) return { hz: 0, level };
  let best = 0;
  let bestPower = -1;
  for (let hz = 100; hz < Math.min(4000, rate / 2 - 50); hz += 5) {
    const p = goertzelPower(samples, rate, hz);
    if (p > bestPower) [best, bestPower] = [hz, p];
  }
  return { hz: best, level };
}
