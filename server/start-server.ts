import type { AddressInfo } from 'node:net';
import { TokenIssuer } from './auth/tokens';
import { migrate } from './db/migrate';
import { openPglite } from './db/pglite-client';
import { openPostgres } from './db/pg-client';
import type { SqlClient } from './db/sql-client';
import { attachChangesStream } from './events/changes-stream';
import { buildApp } from './http/app';
import type { RelayConfig } from './media/turn-credentials';
import type { SessionLimits } from './auth/session-store';
import type { LoginLimits } from './auth/login-throttle';

export interface ServerOptions {
  /** postgres://… for a real PostgreSQL; otherwise the embedded PGlite at `dataDir` (or in memory). */
  databaseUrl?: string;
  dataDir?: string;
  host?: string;
  port?: number;
  tokenSecret: Buffer;
  clock?: () => Date;
  accessTtlS?: number;
  logger?: boolean;
  logStream?: NodeJS.WritableStream;
  logLevel?: string;
  requestTimeoutMs?: number;
  relays?: RelayConfig;
  sessionLimits?: SessionLimits;
  loginLimits?: LoginLimits;
  /** Behind a load balancer: trust its X-Forwarded-For (fastify `trustProxy`). */
  trustProxy?: boolean | string;
}

export interface StartedServer {
  url: string;
  port: number;
  db: SqlClient;
  close(): Promise<void>;
}

export async function openDatabaseFor(
  opts: Pick<ServerOptions, 'databaseUrl' | 'dataDir'>,
): Promise<SqlClient> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}

/** One server node: migrate, listen, push change notices. */
export async function startServer(opts: ServerOptions): Promise<StartedServer> {
  const db = await openDatabaseFor(opts);
  await migrate(db);
  const clock = opts.clock ?? (() => new Date());
  const tokens = new TokenIssuer(opts.tokenSecret, clock, opts.accessTtlS);
  const app = buildApp(
    {
      db,
      tokens,
      clock,
      relays: opts.relays,
      sessionLimits: opts.sessionLimits,
      loginLimits: opts.loginLimits,
    },
    {
      logger: opts.logger,
      logStream: opts.logStream,
      logLevel: opts.logLevel,
      trustProxy: opts.trustProxy,
      requestTimeoutMs: opts.requestTimeoutMs,
    },
  );
  await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 });
  const stopStream = await attachChangesStream(app, db, tokens);
  const port = (app.server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    db,
    async close() {
      await stopStream();
      await app.close();
      await db.close();
    },
  };
}
