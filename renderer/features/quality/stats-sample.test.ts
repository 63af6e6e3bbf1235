import { describe, expect, it } from 'vitest';
import { sampleFrom } from './stats-sample';

const snap = (o: {
  lost: number;
  got: number;
  energy: number;
  dur: number;
  rtt?: number;
  jitter?: number;
}) => [
  {
    type: 'inbound-rtp',
    kind: 'audio',
    packetsLost: o.lost,
    packetsReceived: o.got,
    jitter: o.jitter ?? 0.004,
  },
  { type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: o.rtt ?? 0.05 },
  { type: 'media-source', kind: 'audio', totalAudioEnergy: o.energy, totalSamplesDuration: o.dur },
  { type: 'codec', mimeType: 'audio/opus' },
];

describe('sampleFrom', () => {
  it('measures loss over the interval, RTT and jitter in ms, and the mic level', () => {
    const s = sampleFrom(
      snap({ lost: 10, got: 1000, energy: 1, dur: 10 }),
      snap({ lost: 15, got: 1095, energy: 1.1, dur: 11 }),
    );
    expect(s.lossPct).toBeCloseTo(5, 5);
    expect(s.rttMs).toBeCloseTo(50, 5);
    expect(s.jitterMs).toBeCloseTo(4, 5);
    expect(s.micLevel).toBeCloseTo(Math.sqrt(0.1), 5);
    expect(s.mos).toBeGreaterThan(3);
    expect(s.mos).toBeLessThan(4.4);
  });

  it('copes with missing or junk fields', () => {
    const s = sampleFrom(null, [{ type: 'inbound-rtp', kind: 'audio', packetsLost: 'x', jitter: NaN }]);
    expect(s).toEqual({ rttMs: null, jitterMs: null, lossPct: null, mos: null, micLevel: null });
  });

  it('reads a silent microphone as level 0', () => {
    const s = sampleFrom(
      snap({ lost: 0, got: 10, energy: 2, dur: 10 }),
      snap({ lost: 0, got: 60, energy: 2, dur: 11 }),
    );
    expect(s.micLevel).toBe(0);
  });
});
