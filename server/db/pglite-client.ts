import { PGlite } from '@electric-sql/pglite';
import type { Queryable, SqlClient } from './sql-client';

/**
 * Embedded PostgreSQL (WASM) for the demo and tests: one connection, so transactions are
 * queued behind each other by PGlite itself. `dataDir` undefined = in memory.
 */
export async function openPglite(dataDir?: string): Promise<SqlClient> {
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.waitReady;
  await db.exec(`SET TimeZone = 'UTC'`);
  const wrap = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query<T extends object>(text: string, params: readonly unknown[] = []) {
      const res = await q.query<T>(text, params as unknown[]);
      return res.rows;
    },
  });
  return {
    dialect: 'pglite',
    ...wrap(db),
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          ...wrap(tx),
          // PGlite has no COPY protocol stream: it writes the output to a blob (tests, demo).
          async *copyOut(sql) {
            const res = await tx.query(sql.replace(/TO STDOUT$/, `TO '/dev/blob'`));
            if (res.blob) yield new Uint8Array(await res.blob.arrayBuffer());
          },
        }),
      ),
    exec: async (sql) => {
      await db.exec(sql);
    },
    listen: async (channel, onNotify) => db.listen(channel, onNotify),
    close: () => db.close(),
  };
}
