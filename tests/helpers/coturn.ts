import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeUdpPort } from './rtpengine';
import { stopChild } from './stop-child';

export interface RunningCoturn {
  /** turn:127.0.0.1:PORT?transport=udp */
  url: string;
  /** coturn's static-auth-secret: the central server issues credentials with it. */
  secret: string;
  log(): string;
  stop(): Promise<void>;
}

/**
 * Debian's coturn on 127.0.0.1 with TURN REST API credentials (`use-auth-secret`), no TLS, its
 * relay ports and the peers it may relay to on loopback only (the bench's private namespace).
 */
export async function startCoturn(): Promise<RunningCoturn> {
  const dir = mkdtempSync(join(tmpdir(), 'seatdesk-coturn-'));
  const port = await freeUdpPort();
  const secret = randomBytes(24).toString('hex');
  const logFile = join(dir, 'turnserver.log');
  const out = openSync(logFile, 'a');
  const child: ChildProcess = spawn(
    'turnserver',
    [
      '-c',
      '/dev/null', // not Debian's /etc/turnserver.conf
      '-n',
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      `--listening-port=${port}`,
      '--min-port=40000',
      '--max-port=40999',
      '--realm=seatdesk.test',
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      '--fingerprint',
      '--no-tls',
      '--no-dtls',
      '--no-tcp-relay',
      '--no-cli',
      '--allow-loopback-peers', // the agent's far end is on 127.0.0.1 here
      '--simple-log',
      '--log-file=stdout',
      '--verbose',
      `--pidfile=${join(dir, 'turnserver.pid')}`,
      `--userdb=${join(dir, 'turndb')}`,
    ],
    { stdio: ['ignore', out, out] },
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const log = () => readFileSync(logFile, 'utf8');
  const until = Date.now() + 10_000;
  // coturn says nothing as clear as "ready"; its UDP listener line comes once it listens.
  while (!/IPv4\. UDP listener opened on\s*:\s*127\.0\.0\.1:/.test(log())) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`coturn did not start:\n${log().slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `turn:127.0.0.1:${port}?transport=udp`,
    secret,
    log,
    async stop() {
      await stopChild(child, exited);
    },
  };
}
