import type { ChildProcess } from 'node:child_process';

/** SIGTERM, up to `graceMs` to exit, then SIGKILL; resolves once the process is gone. */
export async function stopChild(
  child: ChildProcess,
  exited: Promise<unknown>,
  graceMs = 3000,
): Promise<void> {
  const running = () => child.exitCode === null && child.signalCode === null;
  if (!running()) return;
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs))]);
  if (running()) {
    child.kill('SIGKILL');
    await exited;
  }
}
