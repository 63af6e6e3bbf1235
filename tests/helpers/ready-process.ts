import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { trackChild } from './child-registry';

const repo = resolve(import.meta.dirname, '../..');

export interface ReadyProcess<T> {
  ready: T;
  child: ChildProcess;
  /** The last ~10 kB of stderr, for failure messages. */
  stderr(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Spawns a TypeScript entry point with tsx and waits for its one-line JSON `{"event":"ready"}`. */
export async function spawnReady<T>(
  entry: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<ReadyProcess<T>> {
  // Its own process group, stopped when this process exits however it does (child-registry.ts).
  const child = trackChild(
    spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...opts.env },
      detached: true,
    }),
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<T>((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`${entry} did not get ready:\n${stderr}`)),
      opts.timeoutMs ?? 60_000,
    );
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      // 'exit' can come before the last of stderr is read, and that last line is usually the
      // reason (a missing build, a port in use): wait for the pipe to drain, briefly.
      const pipe = child.stderr;
      const drained = pipe && !pipe.closed ? once(pipe, 'close') : Promise.resolve();
      void Promise.race([drained, delay(1000, undefined, { ref: false })]).then(() =>
        fail(new Error(`${entry} exited with ${code ?? signal} before it was ready:\n${stderr}`)),
      );
    });
    lines.on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { event?: string };
        if (msg.event === 'ready') {
          clearTimeout(timer);
          ok(msg as T);
        }
      } catch {
        // not the ready line
      }
    });
  });
  return {
    ready,
    child,
    stderr: () => stderr,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
