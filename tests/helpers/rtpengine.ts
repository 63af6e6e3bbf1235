import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bdecode, bencode, type Bencoded } from './bencode';
import { stopChild } from './stop-child';
import { trackChild } from './child-registry';

export interface RunningRtpengine {
  /** The ng control port on 127.0.0.1 (UDP): Kamailio's rtpengine module talks to it. */
  ngPort: number;
  logFile: string;
  /** Sends one ng command (`ping`, `list`, `statistics`, …) and returns its decoded reply. */
  ng(command: Record<string, Bencoded>): Promise<Record<string, Bencoded>>;
  /** Call-ids of the media sessions rtpengine holds now (a leak check after calls). */
  sessions(): Promise<string[]>;
  stop(): Promise<void>;
}

/** A UDP port free on 127.0.0.1 right now. */
export function freeUdpPort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createSocket('udp4');
    s.once('error', fail);
    s.bind(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

function ngRequest(
  port: number,
  command: Record<string, Bencoded>,
  timeoutMs = 2000,
): Promise<Record<string, Bencoded>> {
  const cookie = randomBytes(6).toString('hex');
  return new Promise((ok, fail) => {
    const s = createSocket('udp4');
    const timer = setTimeout(() => {
      s.close();
      fail(new Error(`rtpengine ng ${String(command.command)}: no reply in ${timeoutMs} ms`));
    }, timeoutMs);
    s.on('message', (msg) => {
      const space = msg.indexOf(0x20);
      if (msg.subarray(0, space).toString() !== cookie) return;
      clearTimeout(timer);
      s.close();
      const reply = bdecode(msg.subarray(space + 1));
      if (typeof reply !== 'object' || reply === null || Buffer.isBuffer(reply) || Array.isArray(reply)) {
        fail(new Error('rtpengine ng: reply is not a dictionary'));
        return;
      }
      ok(reply);
    });
    s.send(Buffer.concat([Buffer.from(`${cookie} `), bencode(command)]), port, '127.0.0.1');
  });
}

/**
 * Starts Debian's rtpengine-daemon in userspace (no kernel table) on 127.0.0.1 with ng control on
 * a free loopback UDP port, in the foreground, and waits for "Startup complete": Kamailio pings it
 * when its rtpengine module starts, so this must come first.
 */
export async function startRtpengine(
  opts: { portMin?: number; portMax?: number } = {},
): Promise<RunningRtpengine> {
  const dir = mkdtempSync(join(tmpdir(), 'seatdesk-rtpengine-'));
  const ngPort = await freeUdpPort();
  const logFile = join(dir, 'rtpengine.log');
  const out = openSync(logFile, 'a');
  const child: ChildProcess = trackChild(
    spawn(
      'rtpengine',
      [
        '--config-file=none', // not Debian's /etc/rtpengine/rtpengine.conf (kernel table 0, any interface)
        '--foreground',
        '--log-stderr',
        '--log-level=6',
        '--table=-1',
        '--interface=127.0.0.1',
        `--listen-ng=127.0.0.1:${ngPort}`,
        `--port-min=${opts.portMin ?? 20000}`,
        `--port-max=${opts.portMax ?? 29999}`,
        // Forget a deleted call at once, so a session count right after hang-up is exact.
        '--delete-delay=0',
        `--pidfile=${join(dir, 'rtpengine.pid')}`,
      ],
      { stdio: ['ignore', out, out], detached: true },
    ),
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const until = Date.now() + 10_000;
  for (;;) {
    const log = readFileSync(logFile, 'utf8');
    if (log.includes('Startup complete')) break;
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`rtpengine did not start:\n${log.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const ng = (command: Record<string, Bencoded>) => ngRequest(ngPort, command);
  return {
    ngPort,
    logFile,
    ng,
    async sessions() {
      const reply = await ng({ command: 'list', limit: 1000 });
      const calls = reply.calls;
      return Array.isArray(calls) ? calls.map((c) => String(c)) : [];
    },
    async stop() {
      await stopChild(child, exited);
    },
  };
}
