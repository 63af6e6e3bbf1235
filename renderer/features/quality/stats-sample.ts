import { codecs, mosFromR, rFactor, type Codec } from './e-model';

/** One reading of the call's quality; null where the browser did not report it yet. */
export interface QualitySample {
  rttMs: number | null;
  jitterMs: number | null;
  lossPct: number | null;
  mos: number | null;
  /** 0–1; the microphone's level as sent (null when unknown). */
  micLevel: number | null;
}

type Stat = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function pick(stats: Iterable<Stat>) {
  let inbound: Stat | undefined;
  let remoteInbound: Stat | undefined;
  let pair: Stat | undefined;
  let source: Stat | undefined;
  let codec: string | null = null;
  for (const s of stats) {
    if (s.type === 'inbound-rtp' && s.kind === 'audio') inbound = s;
    else if (s.type === 'remote-inbound-rtp' && s.kind === 'audio') remoteInbound = s;
    else if (
      s.type === 'candidate-pair' &&
      (s.nominated === true || s.selected === true) &&
      s.state === 'succeeded'
    )
      pair = s;
    else if (s.type === 'media-source' && s.kind === 'audio') source = s;
    else if (s.type === 'codec' && typeof s.mimeType === 'string' && s.mimeType.startsWith('audio/'))
      codec ??= s.mimeType;
  }
  return { inbound, remoteInbound, pair, source, codec };
}

function codecOf(mime: string | null): Codec {
  const m = (mime ?? '').toLowerCase();
  if (m.endsWith('/pcmu')) return codecs.pcmu;
  if (m.endsWith('/pcma')) return codecs.pcma;
  return codecs.opus;
}

/**
 * A sample from two successive getStats() snapshots: loss over the interval between them (not
 * since the call began, so a bad minute shows), RTT from RTCP (else the ICE pair), jitter of
 * what we receive, and the microphone level we send.
 */
export function sampleFrom(prev: Iterable<Stat> | null, next: Iterable<Stat>): QualitySample {
  const a = prev ? pick(prev) : null;
  const b = pick(next);
  const rttS = num(b.remoteInbound?.roundTripTime) ?? num(b.pair?.currentRoundTripTime);
  const rttMs = rttS === null ? null : rttS * 1000;
  const jitterS = num(b.inbound?.jitter);
  const jitterMs = jitterS === null ? null : jitterS * 1000;
  let lossPct: number | null = null;
  const lost = num(b.inbound?.packetsLost);
  const got = num(b.inbound?.packetsReceived);
  if (lost !== null && got !== null) {
    const lost0 = num(a?.inbound?.packetsLost) ?? 0;
    const got0 = num(a?.inbound?.packetsReceived) ?? 0;
    const dl = Math.max(0, lost - lost0);
    const dg = Math.max(0, got - got0);
    lossPct = dl + dg > 0 ? (100 * dl) / (dl + dg) : 0;
  }
  let micLevel = num(b.source?.audioLevel);
  const e1 = num(b.source?.totalAudioEnergy);
  const t1 = num(b.source?.totalSamplesDuration);
  const e0 = num(a?.source?.totalAudioEnergy);
  const t0 = num(a?.source?.totalSamplesDuration);
  if (e1 !== null && t1 !== null && e0 !== null && t0 !== null && t1 > t0) {
    micLevel = Math.sqrt(Math.max(0, e1 - e0) / (t1 - t0));
  }
  const mos =
    rttMs !== null || jitterMs !== null || lossPct !== null
      ? Math.round(mosFromR(rFactor(rttMs ?? 0, jitterMs ?? 0, lossPct ?? 0, codecOf(b.codec))) * 100) / 100
      : null;
  return { rttMs, jitterMs, lossPct, mos, micLevel };
}
