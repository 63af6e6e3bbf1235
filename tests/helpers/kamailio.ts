import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, openSync } from 'node:fs';
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';
import { trackChild } from './child-registry';

export interface RunningKamailio {
  wsUrl: string;
  /** With `tls`: the wss listener's URL (same host, its own port). */
  wssUrl: string | null;
  domain: string;
  sipUdpPort: number;
  logFile: string;
  stop(): Promise<void>;
  /** Starts it again on the same ports (registrations are gone: usrloc is in memory). */
  start(): Promise<void>;
}

const template = resolve(import.meta.dirname, '../../deploy/kamailio/kamailio.cfg.tpl');
const domain = 'seatdesk.test';

function userLines(users: Record<string, string>): string {
  return Object.entries(users)
    .map(([user, password]) => {
      if (!/^[\w.+-]{1,64}$/.test(user) || !/^[\w.+-]{1,128}$/.test(password)) {
        throw new Error(`bench user ${user}: only letters, digits and . + - _ are allowed`);
      }
      return `\t$sht(users=>${user}) = "${password}";`;
    })
    .join('\n');
}

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  return new Promise((ok, fail) => {
    const tryOnce = () => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        ok();
      });
      s.once('error', () => {
        s.destroy();
        if (Date.now() > until) fail(new Error(`kamailio did not listen on ${port}`));
        else setTimeout(tryOnce, 50);
      });
    };
    tryOnce();
  });
}

function queueLines(queues: Record<string, string[]>): string {
  return Object.entries(queues)
    .flatMap(([queue, members]) => {
      if (!/^queue-[\w-]{1,40}$/.test(queue)) throw new Error(`queue ${queue}: must be queue-<name>`);
      return members.map((m) => {
        if (!/^[\w.+-]{1,64}$/.test(m)) throw new Error(`queue member ${m}: bad user`);
        return `\t$sht(queues=>${queue}/${m}) = 1;`;
      });
    })
    .join('\n');
}

function tableLines(table: string, keys: string[], valid: RegExp): string {
  return keys
    .map((k) => {
      if (!valid.test(k)) throw new Error(`${table} entry ${k}: not allowed`);
      return `\t$sht(${table}=>${k}) = 1;`;
    })
    .join('\n');
}

export interface KamailioFloodLimits {
  /** Requests one address may send per sampling unit before it is banned. */
  density: number;
  samplingSeconds?: number;
  banSeconds?: number;
}

/**
 * Starts Kamailio (from Debian) on free loopback ports with the given digest users and queues.
 * `gateways` are the accounts that may present any caller (From, P-Asserted-Identity): by default
 * the bench's PSTN gateway account `gateway` when there is one; every other account speaks only as
 * itself. `trunks` are source addresses (loopback here) trusted without digest. `flood` overrides
 * the template's per-address limits; `tls` adds a wss listener with that certificate.
 * With `rtpengine`, every call's media is anchored in that rtpengine (start it first): WebRTC legs
 * and plain RTP/AVP legs meet there. Without it, media flows end to end as before.
 */
export async function startKamailio(opts: {
  users: Record<string, string>;
  queues?: Record<string, string[]>;
  rtpengine?: { ngPort: number };
  gateways?: string[];
  trunks?: string[];
  flood?: KamailioFloodLimits;
  tls?: { certFile: string; keyFile: string };
}): Promise<RunningKamailio> {
  const dir = mkdtempSync(join(tmpdir(), 'seatdesk-kamailio-'));
  const [udp, ws] = [await freePort(), await freePort()];
  const wss = opts.tls ? await freePort() : 0;
  const gateways = opts.gateways ?? ('gateway' in opts.users ? ['gateway'] : []);
  const defines = [`#!define RR_SECRET "${randomBytes(24).toString('hex')}"`];
  if (opts.rtpengine) {
    defines.push(
      '#!define WITH_RTPENGINE',
      `#!define RTPENGINE_SOCK "udp:127.0.0.1:${Math.trunc(opts.rtpengine.ngPort)}"`,
    );
  }
  if (opts.flood) {
    const { density, samplingSeconds = 2, banSeconds = 300 } = opts.flood;
    defines.push(
      `#!define PIKE_DENSITY ${Math.trunc(density)}`,
      `#!define PIKE_SAMPLING_SECONDS ${Math.trunc(samplingSeconds)}`,
      `#!define PIKE_BAN_SECONDS ${Math.trunc(banSeconds)}`,
    );
  }
  if (opts.tls) {
    for (const f of [opts.tls.certFile, opts.tls.keyFile]) {
      if (!/^[\w./-]+$/.test(f)) throw new Error(`tls file ${f}: unusual characters`);
    }
    defines.push('#!define WITH_TLS');
  }
  const cfg = readFileSync(template, 'utf8')
    .replace('@@DEFINES@@', defines.join('\n'))
    .replaceAll('@@SIP_IP@@', '127.0.0.1')
    .replaceAll('@@UDP_PORT@@', String(udp))
    .replaceAll('@@WS_PORT@@', String(ws))
    .replaceAll('@@WSS_PORT@@', String(wss))
    .replace('@@TLS_CERT@@', opts.tls?.certFile ?? '')
    .replace('@@TLS_KEY@@', opts.tls?.keyFile ?? '')
    .replaceAll('@@DOMAIN@@', domain)
    .replace('@@USERS@@', () => userLines(opts.users))
    .replace('@@QUEUE_MEMBERS@@', () => queueLines(opts.queues ?? {}))
    .replace('@@GATEWAYS@@', () => tableLines('gateways', gateways, /^[\w.+-]{1,64}$/))
    .replace('@@TRUNKS@@', () => tableLines('trunks', opts.trunks ?? [], /^127(\.\d{1,3}){3}$/));
  const cfgFile = join(dir, 'kamailio.cfg');
  writeFileSync(cfgFile, cfg);
  try {
    execFileSync('kamailio', ['-c', '-f', cfgFile], { stdio: 'pipe' });
  } catch (err) {
    const out = (err as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`kamailio -c ${cfgFile} failed:\n${out.slice(-3000)}`);
  }
  const logFile = join(dir, 'kamailio.log');
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const launch = async () => {
    const out = openSync(logFile, 'a');
    // Its own process group (child-registry.ts): the workers go with the main process.
    const proc = trackChild(
      spawn(
        'kamailio',
        ['-DD', '-E', '-f', cfgFile, '-P', join(dir, 'kamailio.pid'), '-Y', dir, '-m', '64', '-M', '8'],
        { stdio: ['ignore', out, out], detached: true },
      ),
    );
    child = proc;
    exited = new Promise<void>((done) => proc.once('exit', () => done()));
    try {
      await waitForPort(ws, 10_000);
    } catch (err) {
      proc.kill('SIGKILL');
      throw new Error(`${(err as Error).message}\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
    }
  };
  const stop = async () => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGKILL');
      await exited;
    }
  };
  await launch();
  return {
    wsUrl: `ws://127.0.0.1:${ws}`,
    wssUrl: opts.tls ? `wss://127.0.0.1:${wss}` : null,
    domain,
    sipUdpPort: udp,
    logFile,
    stop,
    start: launch,
  };
}
