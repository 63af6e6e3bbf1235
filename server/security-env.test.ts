import { describe, expect, it } from 'vitest';
import { defaultLoginLimits } from './auth/login-throttle';
import { securityOptionsFromEnv } from './security-env';

describe('security options from the environment', () => {
  it('keep the defaults when nothing is set, and take valid overrides', () => {
    expect(securityOptionsFromEnv({}).loginLimits).toEqual(defaultLoginLimits);
    expect(securityOptionsFromEnv({}).trustProxy).toBeUndefined();
    const o = securityOptionsFromEnv({
      SEATDESK_LOGIN_ADDRESS_THRESHOLD: '500',
      SEATDESK_SESSION_MAX_S: '3600',
      SEATDESK_TRUST_PROXY: '10.0.0.1',
    });
    expect(o.loginLimits?.address.threshold).toBe(500);
    expect(o.sessionLimits?.sessionMaxS).toBe(3600);
    expect(o.trustProxy).toBe('10.0.0.1');
  });

  it('refuse to start on a value out of range rather than run unprotected', () => {
    expect(() => securityOptionsFromEnv({ SEATDESK_LOGIN_ADDRESS_THRESHOLD: '0' })).toThrow(/5\.\.100000/);
    expect(() => securityOptionsFromEnv({ SEATDESK_SESSION_MAX_S: 'forever' })).toThrow(/SESSION_MAX_S/);
  });
});
