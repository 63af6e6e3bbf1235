import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { spawnReady } from './ready-process';

export interface RunningServer {
  url: string;
  port: number;
  child: ChildProcess;
  stderr(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface ServerProcessOptions {
  /** Embedded PGlite in this directory, unless databaseUrl is given. */
  dataDir?: string;
  databaseUrl?: string;
  port?: number;
  /** Shared by restarts and by every node of one deployment. */
  tokenSecret?: string;
  seed?: { password: string; customers?: number; interactions?: number };
  readyTimeoutMs?: number;
  /** More environment (e.g. SEATDESK_TURN_*). */
  env?: NodeJS.ProcessEnv;
}

export const newTokenSecret = () => randomBytes(32).toString('hex');

/** The central server as its own process (kill -9 tests need a real process). */
export async function startServerProcess(opts: ServerProcessOptions): Promise<RunningServer> {
  const args = ['--port', String(opts.port ?? 0)];
  if (opts.dataDir) args.push('--data-dir', opts.dataDir);
  if (opts.seed) {
    args.push('--seed-demo', opts.seed.password);
    args.push('--seed-customers', String(opts.seed.customers ?? 0));
    args.push('--seed-interactions', String(opts.seed.interactions ?? 0));
  }
  const env: NodeJS.ProcessEnv = {
    SEATDESK_TOKEN_SECRET: opts.tokenSecret ?? newTokenSecret(),
    ...opts.env,
  };
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  else env.DATABASE_URL = '';
  const p = await spawnReady<{ url: string; port: number }>('server/cli.ts', args, {
    env,
    timeoutMs: 120_000,
  });
  return { ...p.ready, child: p.child, stderr: p.stderr, stop: p.stop };
}
