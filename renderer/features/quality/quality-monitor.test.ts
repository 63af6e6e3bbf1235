import { describe, expect, it } from 'vitest';
import { QualityTracker } from './quality-monitor';
import type { QualitySample } from './stats-sample';

const good: QualitySample = { rttMs: 40, jitterMs: 3, lossPct: 0, mos: 4.4, micLevel: 0.2 };

describe('QualityTracker', () => {
  it('raises a warning only after 5 s in a row, and clears it after 5 good seconds', () => {
    const t = new QualityTracker();
    const slow = { ...good, rttMs: 600 };
    for (let i = 0; i < 4; i++) expect(t.add(slow)).toEqual([]);
    t.add(good); // one good second resets the run
    for (let i = 0; i < 4; i++) expect(t.add(slow)).toEqual([]);
    expect(t.add(slow)).toEqual(['high-rtt']);
    for (let i = 0; i < 4; i++) expect(t.add(good)).toEqual(['high-rtt']);
    expect(t.add(good)).toEqual([]);
    expect(t.summary().warnings).toEqual(['high-rtt']);
  });

  it('flags a dead microphone within 5 s, but not while muted', () => {
    const t = new QualityTracker();
    t.muted = true;
    for (let i = 0; i < 6; i++) expect(t.add({ ...good, micLevel: 0 })).toEqual([]);
    t.muted = false;
    const seen = [1, 2, 3, 4, 5].map(() => t.add({ ...good, micLevel: 0 }));
    expect(seen.at(-1)).toEqual(['dead-mic']);
  });

  it('summarises the call for the record', () => {
    const t = new QualityTracker();
    t.add(good);
    t.add({ ...good, rttMs: 60, lossPct: 2, mos: 4 });
    t.add({ ...good, rttMs: null, mos: null });
    expect(t.summary()).toEqual({
      samples: 3,
      avgRttMs: 50,
      maxRttMs: 60,
      avgJitterMs: 3,
      maxLossPct: 2,
      avgMos: 4.2,
      minMos: 4,
      warnings: [],
    });
  });
});
