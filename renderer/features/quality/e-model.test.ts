import { describe, expect, it } from 'vitest';
import { codecs, mosFromR, rFactor } from './e-model';

describe('E-model', () => {
  it('rates a clean loopback call near the top', () => {
    const r = rFactor(2, 1, 0);
    expect(r).toBeGreaterThan(92);
    expect(mosFromR(r)).toBeGreaterThan(4.3);
  });

  it('maps R to MOS at the usual anchor points', () => {
    expect(mosFromR(93.2)).toBeCloseTo(4.41, 2);
    expect(mosFromR(50)).toBeCloseTo(2.58, 2);
    expect(mosFromR(0)).toBe(1);
    expect(mosFromR(120)).toBe(4.5);
  });

  it('falls with loss and delay, and G.711 suffers loss more than Opus', () => {
    expect(mosFromR(rFactor(50, 5, 5))).toBeLessThan(mosFromR(rFactor(50, 5, 1)));
    expect(mosFromR(rFactor(800, 5, 0))).toBeLessThan(3.6);
    expect(mosFromR(rFactor(50, 5, 20))).toBeLessThan(3);
    expect(rFactor(50, 5, 5, codecs.opus)).toBeGreaterThan(rFactor(50, 5, 5, codecs.pcmu));
  });
});
