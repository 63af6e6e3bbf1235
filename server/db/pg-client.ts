import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Queryable, SqlClient } from './sql-client';

// bigint (int8) columns come back as strings by default; every bigint here (the feed's
// seq, counts) stays below 2^53, so numbers are safe and what the schemas expect.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** A real PostgreSQL through DATABASE_URL: a pool for queries, one client kept for LISTEN. */
export async function openPostgres(url: string, poolSize = 10): Promise<SqlClient> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 10_000,
    options: '-c TimeZone=UTC',
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  await pool.query('SELECT 1');
  const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T extends object>(text: string, params: readonly unknown[] = []) {
      const res = await c.query<T>(text, params as unknown[]);
      return res.rows;
    },
  });
  return {
    dialect: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn({
          ...wrap(client),
          copyOut: (sql) => client.query(copyTo(sql)),
        });
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async listen(channel, onNotify) {
      if (!/^[a-z_]+$/.test(channel)) throw new Error('bad channel name');
      // A dedicated connection; when PostgreSQL restarts it is re-opened (seats poll meanwhile).
      let stopped = false;
      let client: pg.Client | null = null;
      const connect = async (attempt: number): Promise<void> => {
        if (stopped) return;
        const c = new pg.Client({ connectionString: url });
        const retry = () => {
          if (client !== c || stopped) return;
          client = null;
          setTimeout(() => void connect(attempt + 1), Math.min(5000, 200 * 2 ** attempt));
        };
        client = c;
        c.on('error', retry);
        c.on('end', retry);
        c.on('notification', (n) => {
          if (n.channel === channel) onNotify(n.payload ?? '');
        });
        try {
          await c.connect();
          await c.query(`LISTEN ${channel}`);
          attempt = 0;
        } catch {
          retry();
        }
      };
      await connect(0);
      return async () => {
        stopped = true;
        await client?.end().catch(() => {});
      };
    },
    close: () => pool.end(),
  };
}
