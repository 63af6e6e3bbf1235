export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  /** ± this fraction of jitter, so a fleet of seats does not retry in lock-step. */
  jitter?: number;
}

/**
 * Retry delay after the n-th consecutive failure (n from 0): base · 2ⁿ, capped, with jitter.
 * Defaults: 1 s, 2 s, 4 s … capped at 30 s, ±20 %.
 */
export function backoffMs(
  attempt: number,
  random: () => number = Math.random,
  opts: BackoffOptions = {},
): number {
  const { baseMs = 1000, capMs = 30_000, jitter = 0.2 } = opts;
  const base = Math.min(capMs, baseMs * 2 ** Math.min(30, Math.max(0, attempt)));
  return Math.round(base * (1 - jitter + random() * 2 * jitter));
}
