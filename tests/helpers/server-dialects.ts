import { randomBytes } from 'node:crypto';
import { startServer, type ServerOptions, type StartedServer } from '../../server/start-server';
import { seedServer } from '../../server/seed/seed-server';
import { startPostgres, type RunningPostgres } from './postgres';

export const dialects = ['pglite', 'postgres'] as const;
export type Dialect = (typeof dialects)[number];

export const testPassword = 'correct horse battery';

let pgCluster: RunningPostgres | null = null;
let dbCounter = 0;

/**
 * A seeded server node in this process on the given dialect: PGlite in memory, or a fresh
 * database on a real PostgreSQL cluster started once per test file.
 */
export async function startTestServer(
  dialect: Dialect,
  opts: {
    clock?: () => Date;
    secret?: Buffer;
    customers?: number;
    interactions?: number;
    /** More server options (limits, a log stream). */
    server?: Partial<ServerOptions>;
  } = {},
): Promise<StartedServer & { secret: Buffer; databaseUrl?: string }> {
  let databaseUrl: string | undefined;
  if (dialect === 'postgres') {
    pgCluster ??= await startPostgres();
    databaseUrl = await pgCluster.createDatabase(`seatdesk_t${process.pid}_${dbCounter++}`);
  }
  const secret = opts.secret ?? randomBytes(32);
  const server = await startServer({ ...opts.server, databaseUrl, tokenSecret: secret, clock: opts.clock });
  await seedServer(server.db, {
    password: testPassword,
    customers: opts.customers ?? 0,
    interactions: opts.interactions ?? 0,
  });
  return Object.assign(server, { secret, databaseUrl });
}

export async function stopPostgresCluster(): Promise<void> {
  await pgCluster?.stop();
  pgCluster = null;
}
