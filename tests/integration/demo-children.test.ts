import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { descendants, waitGone, type ProcInfo } from '../helpers/process-tree';

/**
 * A signal sent to the demo's process alone (as a process manager sends it, not to its group),
 * or a crash, must stop every child it started: tests/helpers/child-registry.ts.
 */
const repo = resolve(import.meta.dirname, '../..');
const registry = join(repo, 'tests/helpers/child-registry.ts');
const cleanup: (() => void)[] = [];

afterEach(() => {
  for (const undo of cleanup.splice(0)) undo();
});

/** Started as its own group leader, so that cleanup can take the whole tree whatever happens. */
function start(cmd: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const { VITEST: _runner, ...outside } = process.env;
  const child = spawn(cmd, args, {
    cwd: repo,
    env: { ...outside, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  cleanup.push(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // gone
    }
  });
  return child;
}

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  let out = '';
  child.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no ${pattern} in time:\n${out}`)), timeoutMs);
    child.once('exit', (code, signal) => fail(new Error(`exited (${code ?? signal}) first:\n${out}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (pattern.test(line)) {
        clearTimeout(timer);
        ok();
      }
    });
  });
}

const exited = (child: ChildProcess) =>
  new Promise<void>((done) =>
    child.exitCode !== null || child.signalCode !== null ? done() : child.once('exit', () => done()),
  );

function expectNoneLeft(left: ProcInfo[]) {
  for (const p of left) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  expect(left.map((p) => `${p.pid} ${p.comm}: ${p.cmdline.slice(0, 120)}`)).toEqual([]);
}

/** A node process that starts a sleeper and a shell with a sleeper of its own, through the registry. */
const parentScript = (then: string) => `
import { spawn } from 'node:child_process';
import { trackChild } from ${JSON.stringify(registry)};
trackChild(spawn('sleep', ['300'], { detached: true, stdio: 'ignore' }));
trackChild(spawn('sh', ['-c', 'sleep 300 & wait'], { detached: true, stdio: 'ignore' }));
setTimeout(() => console.log('started'), 300);
setTimeout(() => { ${then} }, 1500);
setInterval(() => {}, 1000);
`;

describe('the child registry', () => {
  for (const [what, then, signal] of [
    ['an uncaught exception', "throw new Error('crash');", null],
    ['an unhandled rejection', "void Promise.reject(new Error('crash'));", null],
    ['SIGTERM to the parent alone', '', 'SIGTERM'],
    ['SIGINT to the parent alone', '', 'SIGINT'],
  ] as const) {
    it(`stops every descendant on ${what}`, async () => {
      const parent = start(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', parentScript(then)],
        {},
      );
      await waitForLine(parent, /^started$/, 20_000);
      const tree = descendants(parent.pid!);
      expect(tree.filter((p) => p.comm === 'sleep')).toHaveLength(2);
      if (signal) process.kill(parent.pid!, signal);
      await exited(parent);
      expectNoneLeft(await waitGone(tree, 5_000));
    });
  }
});

describe('npm run demo', () => {
  it('stops the server, Kamailio, rtpengine, the host, the phones and Chromium on a SIGTERM to its own process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seatdesk-demo-children-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const demo = start('npm', ['run', '-s', 'demo'], {
      SEATDESK_WEB_BUILT: '1',
      SEATDESK_DEMO_DIR: dir,
      SEATDESK_DEMO_CUSTOMERS: '50',
      SEATDESK_DEMO_INTERACTIONS: '50',
      SEATDESK_DEMO_RING_MS: '600000',
    });
    // The host's URL is printed once every part is up.
    await waitForLine(demo, /^\s+http:\/\/127\.0\.0\.1:\d+\/#token=/, 150_000);
    const tree = descendants(demo.pid!);
    const names = new Set(tree.map((p) => p.comm));
    for (const part of ['kamailio', 'rtpengine', 'baresip']) expect(names, part).toContain(part);
    expect(tree.some((p) => p.cmdline.includes('server/cli.ts'))).toBe(true);
    expect(tree.some((p) => p.cmdline.includes('main/host/cli.ts'))).toBe(true);
    expect(tree.some((p) => /chrom/.test(p.comm))).toBe(true);

    process.kill(demo.pid!, 'SIGTERM');
    await Promise.race([exited(demo), new Promise((r) => setTimeout(r, 30_000))]);
    expect(demo.exitCode !== null || demo.signalCode !== null, 'the demo exits').toBe(true);
    expectNoneLeft(await waitGone(tree, 20_000));
  }, 240_000);
});
