import { defaultLoginLimits, type LoginLimits } from './auth/login-throttle';
import { defaultSessionLimits, type SessionLimits } from './auth/session-store';
import type { ServerOptions } from './start-server';

const int = (env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} must be an integer ${min}..${max}`);
  return n;
};

/**
 * Security limits from the environment; each unset one keeps its (secure) default:
 *   SEATDESK_LOGIN_ADDRESS_THRESHOLD  failed logins from one address before it is locked (default 100;
 *                                     raise it for a large site behind one NAT address)
 *   SEATDESK_LOGIN_USER_THRESHOLD     failed logins of one user, any address (default 20)
 *   SEATDESK_SESSION_MAX_S            absolute session lifetime (default 43200: a shift)
 *   SEATDESK_TRUST_PROXY              a load balancer's address(es), comma-separated, whose
 *                                     X-Forwarded-For names the client (default: none trusted)
 */
export function securityOptionsFromEnv(
  env: NodeJS.ProcessEnv,
): Pick<ServerOptions, 'loginLimits' | 'sessionLimits' | 'trustProxy'> {
  const loginLimits: LoginLimits = {
    ...defaultLoginLimits,
    address: {
      ...defaultLoginLimits.address,
      threshold: int(
        env,
        'SEATDESK_LOGIN_ADDRESS_THRESHOLD',
        defaultLoginLimits.address.threshold,
        5,
        100_000,
      ),
    },
    user: {
      ...defaultLoginLimits.user,
      threshold: int(env, 'SEATDESK_LOGIN_USER_THRESHOLD', defaultLoginLimits.user.threshold, 3, 1000),
    },
  };
  const sessionLimits: SessionLimits = {
    ...defaultSessionLimits,
    sessionMaxS: int(env, 'SEATDESK_SESSION_MAX_S', defaultSessionLimits.sessionMaxS, 900, 7 * 86_400),
  };
  const proxy = (env.SEATDESK_TRUST_PROXY ?? '').trim();
  return { loginLimits, sessionLimits, ...(proxy ? { trustProxy: proxy } : {}) };
}
