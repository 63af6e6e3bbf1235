import { describe, expect, it } from 'vitest';
import { defaultLoginLimits, lockSeconds, throttleKeys } from './login-throttle';

describe('login lockouts', () => {
  const rule = { threshold: 5, baseLockS: 30, maxLockS: 900 };

  it('start at the threshold and double with each further failure, up to the cap', () => {
    expect([1, 4, 5, 6, 7, 8, 9, 10, 50].map((n) => lockSeconds(rule, n))).toEqual([
      0, 0, 30, 60, 120, 240, 480, 900, 900,
    ]);
  });

  it('count per user at an address, per user and per address; a success clears only the user’s', () => {
    const keys = throttleKeys(defaultLoginLimits, 'Agent1001', '10.0.0.7');
    expect(keys.map((k) => [k.key, k.clearedBySuccess])).toEqual([
      ['ua:agent1001|10.0.0.7', true],
      ['u:agent1001', true],
      ['a:10.0.0.7', false],
    ]);
  });

  it('by default leave room for a call center behind one address, and none for a guesser', () => {
    expect(defaultLoginLimits.userAtAddress.threshold).toBeLessThanOrEqual(10);
    expect(defaultLoginLimits.address.threshold).toBeGreaterThanOrEqual(50);
    expect(lockSeconds(defaultLoginLimits.userAtAddress, 12)).toBe(defaultLoginLimits.userAtAddress.maxLockS);
  });
});
