import { readdirSync, readFileSync } from 'node:fs';

/** A process as /proc shows it; `start` (clock ticks since boot) tells a reused PID apart. */
export interface ProcInfo {
  pid: number;
  ppid: number;
  start: string;
  comm: string;
  cmdline: string;
}

export function readProc(pid: number): ProcInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    // fields[0] is the state: a zombie has exited already, it only waits to be reaped.
    if (fields[0] === 'Z') return null;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    return {
      pid,
      ppid: Number(fields[1]),
      start: fields[19] ?? '',
      comm: stat.slice(stat.indexOf('(') + 1, close),
      cmdline,
    };
  } catch {
    return null;
  }
}

export function allProcs(): ProcInfo[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => readProc(Number(d)))
    .filter((p): p is ProcInfo => p !== null);
}

/** Every live descendant of `root` (children, their children, …), not `root` itself. */
export function descendants(root: number): ProcInfo[] {
  const procs = allProcs();
  const found: ProcInfo[] = [];
  const parents = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs) {
      if (parents.has(p.ppid) && !parents.has(p.pid)) {
        parents.add(p.pid);
        found.push(p);
        grew = true;
      }
    }
  }
  return found;
}

/** Those of `procs` still running (the same PID with the same start time, not a zombie). */
export function survivors(procs: readonly ProcInfo[]): ProcInfo[] {
  return procs.filter((p) => readProc(p.pid)?.start === p.start);
}

/** Waits up to `timeoutMs` for all of `procs` to be gone; returns those that are not. */
export async function waitGone(procs: readonly ProcInfo[], timeoutMs: number): Promise<ProcInfo[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const left = survivors(procs);
    if (left.length === 0 || Date.now() > until) return left;
    await new Promise((r) => setTimeout(r, 100));
  }
}
