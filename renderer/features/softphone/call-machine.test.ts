import { describe, expect, it } from 'vitest';
import { backoffMs, IllegalTransitionError, nextCallState, nextRegistrationState } from './call-machine';

describe('call state machine', () => {
  it('follows ring → answer → talk → end → idle', () => {
    let s = nextCallState('idle', 'ringing');
    s = nextCallState(s, 'connecting');
    s = nextCallState(s, 'established');
    s = nextCallState(s, 'ended');
    expect(nextCallState(s, 'idle')).toBe('idle');
  });
  it('dials out, holds and resumes, and ends from hold', () => {
    let s = nextCallState('idle', 'dialing');
    s = nextCallState(s, 'established');
    s = nextCallState(s, 'held');
    s = nextCallState(s, 'established');
    s = nextCallState(s, 'held');
    expect(nextCallState(s, 'ended')).toBe('ended');
    expect(() => nextCallState('ringing', 'held')).toThrow(IllegalTransitionError);
    expect(() => nextCallState('dialing', 'connecting')).toThrow(IllegalTransitionError);
  });
  it('throws on an illegal move', () => {
    expect(() => nextCallState('idle', 'established')).toThrow(IllegalTransitionError);
    expect(() => nextCallState('established', 'ringing')).toThrow(/established → ringing/);
  });
  it('lets registration fail and retry but not jump from unregistered to registered', () => {
    expect(nextRegistrationState('registering', 'failed')).toBe('failed');
    expect(nextRegistrationState('failed', 'registering')).toBe('registering');
    expect(() => nextRegistrationState('unregistered', 'registered')).toThrow(IllegalTransitionError);
  });
});

describe('backoff', () => {
  it('grows, is capped and jittered', () => {
    expect(backoffMs(0, () => 0.5)).toBe(1000);
    expect(backoffMs(3, () => 0.5)).toBe(8000);
    expect(backoffMs(20, () => 0.5)).toBe(30_000);
    expect(backoffMs(20, () => 1)).toBe(36_000);
    expect(backoffMs(20, () => 0)).toBe(24_000);
  });
});
