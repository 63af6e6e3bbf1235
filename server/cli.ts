import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { relayConfigFromEnv } from './media/relay-env';
import { securityOptionsFromEnv } from './security-env';
import { seedServer } from './seed/seed-server';
import { startServer } from './start-server';

/**
 * `node --import tsx server/cli.ts [--port N] [--host H] [--data-dir DIR] [--seed-demo PASSWORD]
 *   [--seed-customers N] [--seed-interactions M]`
 * Database: DATABASE_URL (PostgreSQL) or else embedded PGlite in --data-dir.
 * Token secret: SEATDESK_TOKEN_SECRET (hex, ≥ 32 bytes; the same on every node), or for the
 * embedded mode one generated into the data dir. STUN/TURN for seats: see server/media/relay-env.ts;
 * limits and proxies: server/security-env.ts.
 * Prints one JSON "ready" line on stdout.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string' },
    'seed-demo': { type: 'string' },
    'seed-customers': { type: 'string', default: '0' },
    'seed-interactions': { type: 'string', default: '0' },
  },
});
const log = (msg: string) => process.stderr.write(`[server] ${msg}\n`);
const databaseUrl = process.env.DATABASE_URL;
const dataDir = values['data-dir'];
if (!databaseUrl && !dataDir) {
  log('set DATABASE_URL or pass --data-dir for the embedded database');
  process.exit(2);
}

function tokenSecret(): Buffer {
  const env = process.env.SEATDESK_TOKEN_SECRET;
  if (env) {
    const b = Buffer.from(env, 'hex');
    if (b.length < 32) throw new Error('SEATDESK_TOKEN_SECRET must be at least 64 hex digits');
    return b;
  }
  if (!dataDir) throw new Error('SEATDESK_TOKEN_SECRET is required with DATABASE_URL (all nodes share it)');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'token-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
const server = await startServer({
  databaseUrl,
  dataDir: dataDir ? join(dataDir, 'pgdata') : undefined,
  host: values.host,
  port: Number(values.port),
  tokenSecret: tokenSecret(),
  relays: relayConfigFromEnv(process.env),
  ...securityOptionsFromEnv(process.env),
  // Logs go to stderr: stdout carries only the ready line. No PII (see http/app.ts).
  logStream: process.stderr,
  logLevel: process.env.SEATDESK_LOG_LEVEL ?? 'info',
});
if (values['seed-demo']) {
  log('seeding…');
  await seedServer(server.db, {
    password: values['seed-demo'],
    customers: Number(values['seed-customers']),
    interactions: Number(values['seed-interactions']),
  });
  log('seeded');
}
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
console.log(
  JSON.stringify({ event: 'ready', url: server.url, port: server.port, dialect: server.db.dialect }),
);
