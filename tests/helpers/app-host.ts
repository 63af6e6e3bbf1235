import type { ChildProcess } from 'node:child_process';
import { spawnReady } from './ready-process';

export interface RunningHost {
  url: string;
  origin: string;
  port: number;
  child: ChildProcess;
  stderr(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the browser-mode host as its own process (as an agent's machine runs it) and waits for "ready". */
export async function startHostProcess(opts: { dataDir: string; preset?: string }): Promise<RunningHost> {
  const args = ['--data-dir', opts.dataDir, '--port', '0'];
  if (opts.preset) args.push('--preset', opts.preset);
  const p = await spawnReady<{ url: string; origin: string; port: number }>('main/host/cli.ts', args, {
    timeoutMs: 30_000,
  });
  return { ...p.ready, child: p.child, stderr: p.stderr, stop: p.stop };
}
