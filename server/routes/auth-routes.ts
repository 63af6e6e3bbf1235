import type { FastifyInstance } from 'fastify';
import type { TokenPair } from '../../shared';
import { hashPassword, needsRehash, verifyPassword } from '../auth/password';
import { hashRefreshToken, newRefreshToken } from '../auth/tokens';
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
  const { db, tokens, clock } = deps;
  const refreshTtlS = deps.refreshTtlS ?? 12 * 3600;
  // Verifying against a throwaway hash when the user is unknown keeps the timing the same.
  const dummyHash = hashPassword('not-a-password');

  async function issue(user: UserRow, seat: string): Promise<TokenPair> {
    const refresh = newRefreshToken();
    const expires = new Date(clock().getTime() + refreshTtlS * 1000);
    await db.query(
      `INSERT INTO refresh_tokens (token_hash, user_id, seat, expires_at) VALUES ($1, $2, $3, $4)`,
      [refresh.hash, user.id, seat, expires],
    );
    return {
      accessToken: tokens.issueAccess({ sub: user.id, role: user.role, team: user.team_id, seat }),
      expiresIn: tokens.accessTtlS,
      refreshToken: refresh.token,
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

  registerRoute(app, tokens, 'auth:login', async ({ body }) => {
    const [user] = await db.query<UserRow>(`${userSql} WHERE u.username = $1`, [body.username]);
    const ok = await verifyPassword(body.password, user?.password_hash ?? (await dummyHash));
    if (!user || !ok || user.disabled)
      throw new ApiFailure(401, 'unauthorized', 'wrong username or password');
    if (needsRehash(user.password_hash)) {
      // An older, cheaper hash: the password is at hand now, so it is rewritten at today's cost.
      await db.query(`UPDATE users SET password_hash = $2 WHERE id = $1 AND password_hash = $3`, [
        user.id,
        await hashPassword(body.password),
        user.password_hash,
      ]);
    }
    await audit(db, { sub: user.id, team: user.team_id, seat: body.seat }, 'login', 'user', [user.id]);
    return issue(user, body.seat);
  });

  registerRoute(app, tokens, 'auth:refresh', async ({ body }) => {
    // Rotation: the presented token is revoked in the same statement that finds it, so a
    // stolen refresh token works at most once.
    const [row] = await db.query<{ user_id: string; seat: string }>(
      `UPDATE refresh_tokens SET revoked_at = $2
       WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2
       RETURNING user_id, seat`,
      [hashRefreshToken(body.refreshToken), clock()],
    );
    if (!row) throw new ApiFailure(401, 'unauthorized', 'refresh token is invalid, used or expired');
    const [user] = await db.query<UserRow>(`${userSql} WHERE u.id = $1`, [row.user_id]);
    if (!user || user.disabled) throw new ApiFailure(401, 'unauthorized', 'account disabled');
    return issue(user, row.seat);
  });
}
