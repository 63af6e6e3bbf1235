import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');

export interface RunningHost {
  url: string;
  origin: string;
  port: number;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the browser-mode host as its own process (as an agent's machine runs it) and waits for "ready". */
export async function startHostProcess(opts: { dataDir: string; preset?: string }): Promise<RunningHost> {
  const args = ['--import', 'tsx', 'main/host/cli.ts', '--data-dir', opts.dataDir, '--port', '0'];
  if (opts.preset) args.push('--preset', opts.preset);
  const child = spawn(process.execPath, args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
  });
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<{ url: string; origin: string; port: number }>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`host did not get ready:\n${stderr}`)), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`host exited with ${code}:\n${stderr}`));
    });
    lines.on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { event?: string; url: string; origin: string; port: number };
        if (msg.event === 'ready') {
          clearTimeout(timer);
          ok(msg);
        }
      } catch {
        // not the ready line
      }
    });
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    ...ready,
    child,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
