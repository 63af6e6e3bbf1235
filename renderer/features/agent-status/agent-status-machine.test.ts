import { describe, expect, it } from 'vitest';
import { IllegalTransitionError } from '../softphone/call-machine';
import { acwRemainingSeconds, initialStatus, isOfferable, moveAgent } from './agent-status-machine';

describe('agent status machine', () => {
  it('logs in Ready, takes a call, does after-call work, then counts down', () => {
    let s = moveAgent(initialStatus(0), 'ready', 0);
    expect(isOfferable(s)).toBe(true);
    s = moveAgent(s, 'on-call', 1000);
    expect(isOfferable(s)).toBe(false);
    s = moveAgent(s, 'acw', 61_000, { acwSeconds: 30 });
    expect(s).toMatchObject({ state: 'acw', acwEndsAt: 91_000 });
    expect(acwRemainingSeconds(s, 61_000)).toBe(30);
    expect(acwRemainingSeconds(s, 90_100)).toBe(1);
    expect(acwRemainingSeconds(s, 95_000)).toBe(0);
    expect(moveAgent(s, 'ready', 91_000).state).toBe('ready');
  });

  it('skips after-call work when its length is zero', () => {
    const s = moveAgent(moveAgent(moveAgent(initialStatus(0), 'ready', 0), 'on-call', 1), 'acw', 2, {
      acwSeconds: 0,
    });
    expect(s.state).toBe('ready');
  });

  it('needs a reason for Not Ready and refuses illegal moves', () => {
    const ready = moveAgent(initialStatus(0), 'ready', 0);
    expect(() => moveAgent(ready, 'not-ready', 1)).toThrow(/reason/);
    expect(moveAgent(ready, 'not-ready', 1, { reason: 'meal' })).toMatchObject({
      state: 'not-ready',
      reason: 'meal',
    });
    expect(() => moveAgent(initialStatus(0), 'on-call', 1)).toThrow(IllegalTransitionError);
    expect(() => moveAgent(moveAgent(ready, 'on-call', 1), 'logged-out', 2)).toThrow(IllegalTransitionError);
  });
});
