import { describe, expect, it } from 'vitest';
import { SnapshotGate, snapshotLimitsFromEnv } from './snapshot-gate';

describe('SnapshotGate', () => {
  it('refuses a user over its cap, then the node over its cap, and frees slots once', () => {
    const gate = new SnapshotGate({ perUser: 1, perNode: 2, retryAfterS: 5 });
    const a = gate.acquire('u-a');
    expect(typeof a).toBe('function');
    expect(gate.acquire('u-a')).toBe('user');
    const b = gate.acquire('u-b');
    expect(typeof b).toBe('function');
    expect(gate.acquire('u-c')).toBe('node');
    if (typeof a !== 'function') throw new Error('unreachable');
    a();
    a(); // a second release (stream end after a disconnect) frees nothing more
    expect(gate.inFlight).toBe(1);
    expect(typeof gate.acquire('u-c')).toBe('function');
    expect(gate.acquire('u-a')).toBe('node');
  });

  it('reads its caps from the environment and refuses nonsense', () => {
    expect(
      snapshotLimitsFromEnv({ SEATDESK_SNAPSHOTS_PER_USER: '2', SEATDESK_SNAPSHOTS_PER_NODE: '8' }),
    ).toEqual({
      perUser: 2,
      perNode: 8,
      retryAfterS: 5,
    });
    expect(() => snapshotLimitsFromEnv({ SEATDESK_SNAPSHOTS_PER_NODE: '0' })).toThrow(/positive integer/);
    expect(() => snapshotLimitsFromEnv({ SEATDESK_SNAPSHOTS_PER_USER: 'many' })).toThrow(/positive integer/);
  });
});
