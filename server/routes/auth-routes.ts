import type { FastifyInstance } from 'fastify';
import type { TokenPair } from '../../shared';
import { hashPassword, needsRehash, verifyPassword } from '../auth/password';
import { LoginThrottle } from '../auth/login-throttle';
import { SessionStore, type IssuedRefresh } from '../auth/session-store';
import { ApiFailure } from '../http/api-failure';
import { audit, type ServerDeps } from '../http/deps';
import { registerRoute } from '../http/route';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: 'agent' | 'lead' | 'admin';
  team_id: string;
  disabled: boolean;
  retention_days: number;
}

const userSql = `SELECT u.id, u.username, u.display_name, u.password_hash, u.role, u.team_id, u.disabled,
  t.retention_days FROM users u JOIN teams t ON t.id = u.team_id`;

export function registerAuthRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const { db, tokens } = deps;
  const sessions = new SessionStore(db, deps.clock, deps.sessionLimits);
  const throttle = new LoginThrottle(db, deps.clock, deps.loginLimits);
  /** Password checks running now, per client address (this node). */
  const checking = new Map<string, number>();
  const tooMany = (retryAfterS: number) =>
    new ApiFailure(429, 'rate-limited', 'too many sign-in attempts; try again later', undefined, {
      'retry-after': String(retryAfterS),
    });
  // Verifying against a throwaway hash when the user is unknown keeps the timing the same.
  const dummyHash = hashPassword('not-a-password');
  const userById = async (id: string) => (await db.query<UserRow>(`${userSql} WHERE u.id = $1`, [id]))[0];

  function pairFor(user: UserRow, seat: string, refresh: IssuedRefresh): TokenPair {
    const claims = { sub: user.id, role: user.role, team: user.team_id, seat, sid: refresh.sessionId };
    return {
      accessToken: tokens.issueAccess(claims, refresh.sessionEnds),
      expiresIn: tokens.accessTtlS,
      refreshToken: refresh.refreshToken,
      user: {
        id: user.id,
        username: user.username,
        displayName: user.display_name,
        role: user.role,
        teamId: user.team_id,
      },
      retentionDays: user.retention_days,
    };
  }

  registerRoute(app, tokens, 'auth:login', async ({ body, request }) => {
    const address = request.ip;
    // Each check holds 128 MiB and a core for about a second: one address gets a few at a time.
    if ((checking.get(address) ?? 0) >= throttle.limits.inFlightPerAddress) throw tooMany(1);
    const wait = await throttle.lockedFor(body.username, address);
    if (wait > 0) throw tooMany(wait);
    checking.set(address, (checking.get(address) ?? 0) + 1);
    let user: UserRow | undefined;
    let ok = false;
    try {
      [user] = await db.query<UserRow>(`${userSql} WHERE u.username = $1`, [body.username]);
      ok = await verifyPassword(body.password, user?.password_hash ?? (await dummyHash));
    } finally {
      const n = (checking.get(address) ?? 1) - 1;
      if (n > 0) checking.set(address, n);
      else checking.delete(address);
    }
    if (!user || !ok || user.disabled) {
      await throttle.failed(body.username, address);
      // Unknown usernames are audited too (as typed; the schema allows identifier characters only).
      await audit(
        db,
        { sub: user?.id ?? `unknown:${body.username}`, team: user?.team_id ?? '', seat: body.seat },
        'login-failed',
        'user',
        [user?.id ?? body.username],
        { address },
      );
      throw new ApiFailure(401, 'unauthorized', 'wrong username or password');
    }
    await throttle.succeeded(body.username, address);
    if (needsRehash(user.password_hash)) {
      // An older, cheaper hash: the password is at hand now, so it is rewritten at today's cost.
      await db.query(`UPDATE users SET password_hash = $2 WHERE id = $1 AND password_hash = $3`, [
        user.id,
        await hashPassword(body.password),
        user.password_hash,
      ]);
    }
    const refresh = await sessions.start(user.id, body.seat);
    await audit(db, { sub: user.id, team: user.team_id, seat: body.seat }, 'login', 'session', [
      refresh.sessionId,
    ]);
    return pairFor(user, body.seat, refresh);
  });

  registerRoute(app, tokens, 'auth:refresh', async ({ body }) => {
    const verdict = await sessions.refresh(body.refreshToken);
    const user = verdict.userId ? await userById(verdict.userId) : undefined;
    if (verdict.kind === 'reused') {
      if (user)
        await audit(
          db,
          { sub: user.id, team: user.team_id, seat: verdict.seat },
          'refresh-reuse',
          'session',
          [verdict.sessionId],
        );
      throw new ApiFailure(401, 'unauthorized', 'refresh token is invalid, used or expired');
    }
    if (verdict.kind === 'refused')
      throw new ApiFailure(401, 'unauthorized', 'refresh token is invalid, used or expired');
    if (!user || user.disabled) throw new ApiFailure(401, 'unauthorized', 'account disabled');
    await audit(db, { sub: user.id, team: user.team_id, seat: verdict.seat }, 'refresh', 'session', [
      verdict.issued.sessionId,
    ]);
    return pairFor(user, verdict.seat, verdict.issued);
  });

  registerRoute(app, tokens, 'auth:logout', async ({ body }) => {
    const ended = await sessions.logout(body.refreshToken);
    const user = ended ? await userById(ended.userId) : undefined;
    if (ended && user)
      await audit(db, { sub: user.id, team: user.team_id, seat: ended.seat }, 'logout', 'session', [
        ended.sessionId,
      ]);
    return { ok: true as const };
  });
}
