import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Every child process the helpers start, so that none outlives the process that started it: the
 * demo, a benchmark or a test file. Each child leads its own process group (spawn with
 * `detached: true`), so Kamailio's workers, PostgreSQL's backends and Chromium's helpers go with
 * their leader.
 *
 *  - On exit, for any reason (process.exit, the end of the event loop, an uncaught exception or an
 *    unhandled rejection: Node emits 'exit' for those too), each group still running gets SIGTERM,
 *    a moment to go, then SIGKILL.
 *  - Outside vitest (whose runner owns its workers' signals), SIGINT, SIGTERM and SIGHUP run the
 *    entry point's own shutdown (onShutdown: the demo stops its parts in order), bounded in time,
 *    and then exit, which stops whatever is left. A second signal exits at once.
 *
 * A SIGKILL of the process itself cannot be caught; that is the one way to leave children behind.
 */
const tracked = new Map<number, ChildProcess>();
const shutdownHooks: (() => Promise<unknown>)[] = [];
const shutdownDeadlineMs = 15_000;
const exitGraceMs = 2_000;
let installed = false;
let shuttingDown = false;

/** Starts tracking `child` (spawned with `detached: true`); it is forgotten once it exits. */
export function trackChild(child: ChildProcess): ChildProcess {
  const pid = child.pid;
  if (pid === undefined) return child;
  install();
  tracked.set(pid, child);
  child.once('exit', () => tracked.delete(pid));
  return child;
}

/** Work the entry point does on a signal before its children are stopped (e.g. an orderly stop). */
export function onShutdown(hook: () => Promise<unknown>): void {
  shutdownHooks.push(hook);
  install();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.once('exit', stopAllNow);
  if (process.env.VITEST) return;
  const signals = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;
  for (const [signal, number] of Object.entries(signals)) {
    process.on(signal, () => void shutdown(128 + number));
  }
}

async function shutdown(code: number): Promise<void> {
  if (shuttingDown) process.exit(code);
  shuttingDown = true;
  const deadline = new Promise((done) => setTimeout(done, shutdownDeadlineMs).unref());
  const hooks = shutdownHooks.map((hook) => hook().catch(() => undefined));
  await Promise.race([Promise.all(hooks), deadline]);
  process.exit(code);
}

/** Gone or a zombie (exited, not yet reaped: the event loop that would reap it has stopped). */
function finished(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

const signalGroup = (pid: number, signal: NodeJS.Signals) => {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone
  }
};

/** Synchronous (an 'exit' listener cannot wait on the event loop): SIGTERM, a grace, SIGKILL. */
function stopAllNow(): void {
  const pids = [...tracked.keys()];
  if (pids.length === 0) return;
  for (const pid of pids) signalGroup(pid, 'SIGTERM');
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const until = Date.now() + exitGraceMs;
  while (Date.now() < until && !pids.every(finished)) Atomics.wait(sleeper, 0, 0, 50);
  // The leader may have gone while its group lives on (a worker, a backend): SIGKILL them all.
  for (const pid of pids) signalGroup(pid, 'SIGKILL');
}
