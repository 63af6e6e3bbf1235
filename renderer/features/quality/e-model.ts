/**
 * ITU-T G.107 E-model, in the simplified form widely used for VoIP monitoring: the one-way
 * delay (half the RTT), jitter-buffer delay (about twice the jitter) and codec delay give the
 * delay impairment Id; packet loss with the codec's robustness gives Ie-eff; R → MOS.
 * G.711 with PLC: Ie 0, Bpl 25.1 (G.113). Opus has no G.113 entry; we take Ie 0, Bpl 30, a little
 * more robust than G.711+PLC, as its in-band FEC is (a deliberate, documented estimate).
 */
export interface Codec {
  ie: number;
  bpl: number;
  /** Packetisation + look-ahead delay, ms. */
  delayMs: number;
}

export const codecs: Record<'opus' | 'pcmu' | 'pcma', Codec> = {
  opus: { ie: 0, bpl: 30, delayMs: 26.5 },
  pcmu: { ie: 0, bpl: 25.1, delayMs: 20 },
  pcma: { ie: 0, bpl: 25.1, delayMs: 20 },
};

export function rFactor(
  rttMs: number,
  jitterMs: number,
  lossPct: number,
  codec: Codec = codecs.opus,
): number {
  const d = rttMs / 2 + 2 * jitterMs + codec.delayMs;
  const id = 0.024 * d + (d > 177.3 ? 0.11 * (d - 177.3) : 0);
  const ppl = Math.max(0, Math.min(100, lossPct));
  const ieEff = codec.ie + ((95 - codec.ie) * ppl) / (ppl + codec.bpl);
  return Math.max(0, Math.min(100, 93.2 - id - ieEff));
}

export function mosFromR(r: number): number {
  if (r <= 0) return 1;
  if (r >= 100) return 4.5;
  return Math.max(1, Math.min(4.5, 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r)));
}
