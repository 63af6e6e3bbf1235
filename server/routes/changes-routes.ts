import type { FastifyInstance } from 'fastify';
import { RawJson } from '../http/api-failure';
import { audit, type ServerDeps } from '../http/deps';
import { registerRoute } from '../http/route';
import { changesPageSql, estimateSql, pageEndSql } from './changes-sql';

export async function retentionDays(db: ServerDeps['db'], team: string): Promise<number> {
  const [row] = await db.query<{ retention_days: number }>(`SELECT retention_days FROM teams WHERE id = $1`, [
    team,
  ]);
  return row?.retention_days ?? 365;
}

export function registerChangesRoutes(app: FastifyInstance, { db, tokens }: ServerDeps): void {
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
    const row = await db.transaction(async (tx) => {
      const [end] = await tx.query<{ seq: number }>(pageEndSql, [user.team, query.cursor, query.limit, days]);
      const [page] = await tx.query<{ changes: string; last: number | null }>(changesPageSql, [
        user.team,
        query.cursor,
        end?.seq ?? Number.MAX_SAFE_INTEGER,
        days,
      ]);
      return { changes: page?.changes ?? '[]', last: page?.last ?? null, full: end !== undefined };
    });
    const next = row.last ?? query.cursor;
    return new RawJson(`{"changes":${row.changes},"nextCursor":${next},"hasMore":${row.full}}`);
  });
}
