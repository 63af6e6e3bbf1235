import { describe, expect, it } from 'vitest';
import { rmsLevel } from './test-tone';

describe('rmsLevel', () => {
  it('is 0 for silence and for an empty frame', () => {
    expect(rmsLevel(new Float32Array(512))).toBe(0);
    expect(rmsLevel(new Float32Array(0))).toBe(0);
  });

  it('is amplitude/√2 for a sine wave', () => {
    const f = new Float32Array(1000).map((_, i) => 0.5 * Math.sin((2 * Math.PI * 10 * i) / 1000));
    expect(rmsLevel(f)).toBeCloseTo(0.5 / Math.SQRT2, 3);
  });
});
