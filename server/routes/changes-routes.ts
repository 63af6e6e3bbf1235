import type { FastifyInstance } from 'fastify';
import type { AccessClaims } from '../auth/tokens';
import { ApiFailure, RawJson } from '../http/api-failure';
import { audit, type ServerDeps } from '../http/deps';
import { registerRoute } from '../http/route';
import { changesPageSql, estimateSql, pageEndSql } from './changes-sql';

export async function retentionDays(db: ServerDeps['db'], team: string): Promise<number> {
  const [row] = await db.query<{ retention_days: number }>(`SELECT retention_days FROM teams WHERE id = $1`, [
    team,
  ]);
  return row?.retention_days ?? 365;
}

export function registerChangesRoutes(app: FastifyInstance, { db, tokens, clock }: ServerDeps): void {
  /**
   * Records rows of the feed read under a session, before they leave: the session's total grows
   * and its first non-empty page makes its one audit row. A session that was signed out or
   * revoked reads no more records, even with an access token that has not expired yet.
   */
  async function recordFeedRead(user: AccessClaims, rows: number): Promise<void> {
    const [s] = await db.query<{ before: number }>(
      `UPDATE auth_sessions SET feed_rows = feed_rows + $2
       WHERE id = $1 AND user_id = $4 AND revoked_at IS NULL AND expires_at > $3
       RETURNING feed_rows - $2 AS before`,
      [user.sid, rows, clock(), user.sub],
    );
    if (!s) throw new ApiFailure(401, 'unauthorized', 'the session has ended; sign in again');
    if (Number(s.before) === 0) await audit(db, user, 'read-feed', 'session', [user.sid], { rowCount: rows });
  }

  registerRoute(app, tokens, 'sync:estimate', async ({ user }) => {
    const days = await retentionDays(db, user.team);
    const [row] = await db.query<{
      customers: number;
      interactions: number;
      complaints: number;
      follow_ups: number;
      head: number;
    }>(estimateSql, [user.team, days]);
    // A seat starting a full copy of the team's records is an access worth recording.
    await audit(db, user, 'sync-start', 'team', [user.team]);
    return {
      customers: row?.customers ?? 0,
      interactions: row?.interactions ?? 0,
      complaints: row?.complaints ?? 0,
      followUps: row?.follow_ups ?? 0,
      headCursor: row?.head ?? 0,
    };
  });

  registerRoute(app, tokens, 'sync:changes', async ({ user, query }) => {
    const days = await retentionDays(db, user.team);
    // Both statements in one transaction: the page is read from one consistent state.
    const refCursor = Math.min(query.referenceCursor ?? query.cursor, query.cursor);
    const row = await db.transaction(async (tx) => {
      const [end] = await tx.query<{ seq: number }>(pageEndSql, [
        user.team,
        query.cursor,
        query.limit,
        days,
        refCursor,
      ]);
      const [page] = await tx.query<{ changes: string; last: number | null; n: number }>(changesPageSql, [
        user.team,
        query.cursor,
        end?.seq ?? Number.MAX_SAFE_INTEGER,
        days,
        refCursor,
      ]);
      return {
        changes: page?.changes ?? '[]',
        last: page?.last ?? null,
        n: page?.n ?? 0,
        full: end !== undefined,
      };
    });
    if (row.n > 0) await recordFeedRead(user, row.n);
    // Reference rows below the data cursor (after a snapshot) must not move the cursor back.
    const last = Number(row.last ?? query.cursor);
    const next = Math.max(last, query.cursor);
    // A full page of them that ends below the cursor: the seat continues them from its end.
    const refNext = row.full && last < query.cursor ? `,"nextReferenceCursor":${last}` : '';
    return new RawJson(`{"changes":${row.changes},"nextCursor":${next}${refNext},"hasMore":${row.full}}`);
  });
}
