import { describe, expect, it } from 'vitest';
import { IllegalTransitionError } from '../softphone';
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
    expect(() => moveAgent(initialStatus(0), 'acw', 1, { acwSeconds: 5 })).toThrow(IllegalTransitionError);
    expect(() => moveAgent(ready, 'acw', 1, { acwSeconds: 5 })).toThrow(IllegalTransitionError);
  });

  it('remembers the choice from before a call, through after-call work and a next call', () => {
    const meal = moveAgent(initialStatus(0), 'not-ready', 0, { reason: 'meal' });
    const onCall = moveAgent(meal, 'on-call', 1);
    expect(onCall.resume).toEqual({ state: 'not-ready', reason: 'meal' });
    const acw = moveAgent(onCall, 'acw', 2, { acwSeconds: 30 });
    expect(moveAgent(acw, 'on-call', 3).resume).toEqual({ state: 'not-ready', reason: 'meal' });
    expect(moveAgent(onCall, 'acw', 2, { acwSeconds: 0 })).toMatchObject({
      state: 'not-ready',
      reason: 'meal',
    });
    const fromLoggedOut = moveAgent(initialStatus(0), 'on-call', 1);
    expect(moveAgent(fromLoggedOut, 'acw', 2).state).toBe('logged-out');
  });
});
