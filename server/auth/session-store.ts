import { randomUUID } from 'node:crypto';
import type { SqlClient } from '../db/sql-client';
import { hashRefreshToken, newRefreshToken } from './tokens';

export interface SessionLimits {
  /** How long one refresh token works unused. */
  refreshTtlS: number;
  /** The absolute end of a sign-in session, however often it is refreshed. */
  sessionMaxS: number;
}

/** About one shift either way: the next shift signs in again. */
export const defaultSessionLimits: SessionLimits = { refreshTtlS: 12 * 3600, sessionMaxS: 12 * 3600 };

export interface IssuedRefresh {
  sessionId: string;
  refreshToken: string;
  sessionEnds: Date;
}

/** What presenting a refresh token came to. */
export type RefreshVerdict =
  | { kind: 'rotated'; userId: string; seat: string; issued: IssuedRefresh }
  /** Not a token of ours, expired, or its session ended: refused, nothing else happens. */
  | { kind: 'refused'; userId?: string; seat?: string; sessionId?: string }
  /** A token already rotated away was presented: its session is revoked now. */
  | { kind: 'reused'; userId: string; seat: string; sessionId: string };

interface TokenRow {
  session_id: string;
  token_revoked: Date | null;
  token_expires: Date;
  user_id: string;
  seat: string;
  session_expires: Date;
  session_revoked: Date | null;
}

/**
 * Sign-in sessions and their refresh tokens (migration 004): one family per login, one live
 * token per family, rotated at each refresh. Refresh tokens are kept only as hashes.
 */
export class SessionStore {
  constructor(
    private readonly db: SqlClient,
    private readonly clock: () => Date,
    private readonly limits: SessionLimits = defaultSessionLimits,
  ) {}

  async start(userId: string, seat: string): Promise<IssuedRefresh> {
    const now = this.clock();
    const sessionId = randomUUID();
    const sessionEnds = new Date(now.getTime() + this.limits.sessionMaxS * 1000);
    return this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO auth_sessions (id, user_id, seat, started_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
        [sessionId, userId, seat, now, sessionEnds],
      );
      return this.newToken(tx, sessionId, sessionEnds);
    });
  }

  /**
   * Rotation: the presented token is revoked and a new one issued, in one transaction that
   * holds the token's row, so two refreshes racing with one token cannot both win. A token that
   * was already rotated is a copy in someone else's hands (or the seat's own stale copy: either
   * way the family is no longer trustworthy), so the whole session ends.
   */
  async refresh(refreshToken: string): Promise<RefreshVerdict> {
    const now = this.clock();
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<TokenRow>(
        `SELECT r.session_id, r.revoked_at AS token_revoked, r.expires_at AS token_expires, s.user_id, s.seat,
           s.expires_at AS session_expires, s.revoked_at AS session_revoked
         FROM refresh_tokens r JOIN auth_sessions s ON s.id = r.session_id
         WHERE r.token_hash = $1 FOR UPDATE OF r, s`,
        [hashRefreshToken(refreshToken)],
      );
      if (!row) return { kind: 'refused' };
      const who = { userId: row.user_id, seat: row.seat, sessionId: row.session_id };
      if (row.session_revoked) return { kind: 'refused', ...who };
      if (row.token_revoked) {
        await this.revokeSession(tx, row.session_id, 'refresh-reuse', now);
        return { kind: 'reused', ...who };
      }
      if (new Date(row.token_expires) <= now || new Date(row.session_expires) <= now)
        return { kind: 'refused', ...who };
      await tx.query(`UPDATE refresh_tokens SET revoked_at = $2 WHERE token_hash = $1`, [
        hashRefreshToken(refreshToken),
        now,
      ]);
      const issued = await this.newToken(tx, row.session_id, new Date(row.session_expires));
      return { kind: 'rotated', userId: row.user_id, seat: row.seat, issued };
    });
  }

  /** Sign-out: the session of this token (live or rotated) ends. Null when it names none. */
  async logout(refreshToken: string): Promise<{ userId: string; seat: string; sessionId: string } | null> {
    const now = this.clock();
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ session_id: string; user_id: string; seat: string }>(
        `SELECT r.session_id, s.user_id, s.seat FROM refresh_tokens r JOIN auth_sessions s ON s.id = r.session_id
         WHERE r.token_hash = $1 FOR UPDATE OF s`,
        [hashRefreshToken(refreshToken)],
      );
      if (!row) return null;
      await this.revokeSession(tx, row.session_id, 'logout', now);
      return { userId: row.user_id, seat: row.seat, sessionId: row.session_id };
    });
  }

  /** True while the session has neither ended nor been revoked (bulk reads check it). */
  async isLive(sessionId: string): Promise<boolean> {
    const [row] = await this.db.query<{ live: boolean }>(
      `SELECT revoked_at IS NULL AND expires_at > $2 AS live FROM auth_sessions WHERE id = $1`,
      [sessionId, this.clock()],
    );
    return row?.live === true;
  }

  private async revokeSession(
    tx: Pick<SqlClient, 'query'>,
    sessionId: string,
    why: 'logout' | 'refresh-reuse',
    now: Date,
  ): Promise<void> {
    await tx.query(
      `UPDATE auth_sessions SET revoked_at = $2, revoked_why = $3 WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, now, why],
    );
    await tx.query(`UPDATE refresh_tokens SET revoked_at = $2 WHERE session_id = $1 AND revoked_at IS NULL`, [
      sessionId,
      now,
    ]);
  }

  private async newToken(
    tx: Pick<SqlClient, 'query'>,
    sessionId: string,
    sessionEnds: Date,
  ): Promise<IssuedRefresh> {
    const refresh = newRefreshToken();
    const expires = new Date(
      Math.min(this.clock().getTime() + this.limits.refreshTtlS * 1000, sessionEnds.getTime()),
    );
    await tx.query(
      `INSERT INTO refresh_tokens (token_hash, user_id, seat, expires_at, session_id)
       SELECT $1, user_id, seat, $2, id FROM auth_sessions WHERE id = $3`,
      [refresh.hash, expires, sessionId],
    );
    return { sessionId, refreshToken: refresh.token, sessionEnds };
  }
}
