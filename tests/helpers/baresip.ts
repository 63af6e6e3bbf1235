import { spawn } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { dominantTone, type ToneReading } from './goertzel';
import { freeUdpPort } from './rtpengine';
import { stopChild } from './stop-child';
import { trackChild } from './child-registry';

/** One event baresip reports on its control socket (`CALL_ESTABLISHED`, `CALL_DTMF_START`, …). */
export interface BaresipEvent {
  type: string;
  param?: string;
  peeruri?: string;
  direction?: string;
  at: number;
}

export interface Baresip {
  /** This phone's address of record, e.g. sip:customer@seatdesk.test. */
  aor: string;
  events: BaresipEvent[];
  /** Sends one long command (`dial`, `accept`, `hangup`, `reginfo`, …) and returns its reply text. */
  command(command: string, params?: string): Promise<string>;
  dial(uri: string): Promise<void>;
  answer(): Promise<void>;
  hangup(): Promise<void>;
  /** Resolves with the first event of `type` after index `since` of `events` (default: any). */
  waitForEvent(type: string, opts?: { since?: number; timeoutMs?: number }): Promise<BaresipEvent>;
  /** DTMF digits baresip received (RFC 4733 telephone-events) so far, in order. */
  dtmfReceived(): string;
  /**
   * The strongest tone in what the phone decodes over the next `ms` (its sndfile recording), and
   * how many samples that was. Limitation of baresip 1.0: a re-INVITE (hold) drops its receive
   * filters, so the recording stops for the rest of that call (`samples` 0 from then on).
   */
  listen(ms?: number): Promise<ToneReading & { samples: number }>;
  logFile: string;
  stop(): Promise<void>;
}

/** Writes a netstring (ctrl_tcp's framing) of the given JSON. */
function netstring(o: unknown): string {
  const s = JSON.stringify(o);
  return `${Buffer.byteLength(s)}:${s},`;
}

function connectWithRetry(port: number, timeoutMs: number): Promise<Socket> {
  const until = Date.now() + timeoutMs;
  return new Promise((ok, fail) => {
    const attempt = () => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => ok(s));
      s.once('error', (err) => {
        s.destroy();
        if (Date.now() > until) fail(err);
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/** Reads the samples a growing 16-bit PCM WAV gained since byte `from` (0 = from its start). */
function readWavTail(file: string, from: number): { rate: number; samples: Int16Array; end: number } {
  const fd = openSync(file, 'r');
  try {
    const end = statSync(file).size;
    const head = Buffer.alloc(Math.min(end, 4096));
    readSync(fd, head, 0, head.length, 0);
    const fmt = head.indexOf('fmt ');
    const data = head.indexOf('data');
    if (fmt < 0 || data < 0) return { rate: 8000, samples: new Int16Array(0), end };
    const channels = head.readUInt16LE(fmt + 10);
    const rate = head.readUInt32LE(fmt + 12);
    const frame = 2 * channels;
    const dataStart = data + 8;
    const start = Math.max(from, dataStart);
    const aligned = start + ((frame - ((start - dataStart) % frame)) % frame);
    const bytes = Math.max(0, end - aligned - ((end - aligned) % frame));
    const buf = Buffer.alloc(bytes);
    readSync(fd, buf, 0, bytes, aligned);
    const samples = new Int16Array(bytes / frame);
    for (let i = 0; i < samples.length; i++) samples[i] = buf.readInt16LE(i * frame); // first channel
    return { rate, samples, end: aligned + bytes };
  } finally {
    closeSync(fd);
  }
}

/**
 * A plain-SIP customer phone (baresip 1.0 from Debian): UDP to Kamailio, RTP/AVP with G.711, no
 * ICE or SRTP, like a PSTN trunk. It plays `toneWav` (8 kHz mono, looped per call by aufile), plays
 * nothing out loud, records what it receives with the sndfile module, and is driven over ctrl_tcp
 * (netstring JSON on loopback). DTMF can be received (events) but not sent: baresip 1.0 has no
 * long command for it.
 */
export async function startBaresip(opts: {
  sip: { domain: string; sipUdpPort: number };
  user: string;
  password: string;
  toneWav: string;
}): Promise<Baresip> {
  const dir = mkdtempSync(join(tmpdir(), 'seatdesk-baresip-'));
  const [sipPort, ctrlPort] = [await freeUdpPort(), await freePort()];
  const proxy = `sip:127.0.0.1:${opts.sip.sipUdpPort};transport=udp`;
  const aor = `sip:${opts.user}@${opts.sip.domain}`;
  if (!/^[\w.+-]{1,64}$/.test(opts.user) || !/^[\w.+-]{1,128}$/.test(opts.password))
    throw new Error('baresip: user and password: only letters, digits and . + - _');
  writeFileSync(
    join(dir, 'config'),
    [
      'poll_method epoll',
      `sip_listen 127.0.0.1:${sipPort}`,
      'net_interface 127.0.0.1',
      'dns_server 127.0.0.1:53',
      `audio_source aufile,${opts.toneWav}`,
      'audio_player alsa,null',
      'audio_alert null',
      'module_path /usr/lib/baresip/modules',
      'module g711.so',
      'module alsa.so', // the null device consumes what is played
      'module aufile.so',
      'module sndfile.so',
      `snd_path ${dir}`,
      'module_app account.so',
      'module_app menu.so',
      'module_app ctrl_tcp.so',
      `ctrl_tcp_listen 127.0.0.1:${ctrlPort}`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'accounts'),
    `<${aor};transport=udp>;auth_pass=${opts.password};outbound="${proxy}";regint=300;answermode=manual\n`,
  );
  const logFile = join(dir, 'baresip.log');
  const out = openSync(logFile, 'a');
  // Its own process group: a Ctrl+C meant for the demo would make baresip wait to un-register
  // from a Kamailio that is stopping, and outlive us. We stop it ourselves, and kill it if we exit.
  const child = trackChild(spawn('baresip', ['-f', dir], { stdio: ['ignore', out, out], detached: true }));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((done) =>
    child.once('exit', () => {
      process.off('exit', killOnExit);
      done();
    }),
  );
  const fail = (msg: string) => new Error(`baresip: ${msg}\n${readFileSync(logFile, 'utf8').slice(-2000)}`);

  let sock: Socket;
  try {
    sock = await connectWithRetry(ctrlPort, 10_000);
  } catch {
    child.kill('SIGKILL');
    throw fail('its control port did not open');
  }
  const events: BaresipEvent[] = [];
  const waiters = new Set<() => void>();
  const pending = new Map<string, (r: { ok: boolean; data: string }) => void>();
  let buf = Buffer.alloc(0);
  sock.on('data', (chunk: Buffer) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      const colon = buf.indexOf(0x3a);
      if (colon < 0) break;
      const len = Number(buf.subarray(0, colon).toString());
      if (buf.length < colon + 1 + len + 1) break;
      const msg = JSON.parse(buf.subarray(colon + 1, colon + 1 + len).toString()) as {
        event?: boolean;
        response?: boolean;
        type?: string;
        param?: string;
        peeruri?: string;
        direction?: string;
        ok?: boolean;
        data?: string;
        token?: string;
      };
      buf = buf.subarray(colon + 1 + len + 1);
      if (msg.event && msg.type) {
        events.push({
          type: msg.type,
          param: msg.param,
          peeruri: msg.peeruri,
          direction: msg.direction,
          at: Date.now(),
        });
        for (const w of waiters) w();
      } else if (msg.response && msg.token) {
        pending.get(msg.token)?.({ ok: msg.ok ?? false, data: msg.data ?? '' });
        pending.delete(msg.token);
      }
    }
  });

  let token = 0;
  const command = (name: string, params = '') =>
    new Promise<string>((ok, reject) => {
      const t = String(++token);
      const timer = setTimeout(() => reject(fail(`no reply to ${name}`)), 5000);
      pending.set(t, (r) => {
        clearTimeout(timer);
        if (r.ok) ok(r.data);
        else reject(fail(`${name} ${params}: ${r.data.trim()}`));
      });
      sock.write(netstring({ command: name, params, token: t }));
    });

  const waitForEvent = (type: string, o: { since?: number; timeoutMs?: number } = {}) =>
    new Promise<BaresipEvent>((ok, reject) => {
      const check = () => {
        const e = events.slice(o.since ?? 0).find((x) => x.type === type);
        if (!e) return;
        clearTimeout(timer);
        waiters.delete(check);
        ok(e);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(fail(`no ${type} (events: ${events.map((e) => e.type).join(', ')})`));
      }, o.timeoutMs ?? 10_000);
      waiters.add(check);
      check();
    });

  // Registered: reginfo shows the account as OK (events before we connected are not replayed).
  const until = Date.now() + 10_000;
  // eslint-disable-next-line no-control-regex
  const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');
  while (!/\bOK\b/.test(plain(await command('reginfo')))) {
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw fail('did not register');
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const recording = () => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('-dec.wav'))
      .map((f) => join(dir, f))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    return files[0] ?? null;
  };

  return {
    aor,
    events,
    logFile,
    command,
    waitForEvent,
    async dial(uri) {
      await command('dial', uri);
    },
    async answer() {
      await command('accept');
    },
    async hangup() {
      await command('hangup');
    },
    dtmfReceived: () =>
      events
        .filter((e) => e.type === 'CALL_DTMF_START')
        .map((e) => e.param ?? '')
        .join(''),
    async listen(ms = 400) {
      const file = recording();
      if (!file) {
        await new Promise((r) => setTimeout(r, ms));
        return { hz: 0, level: -Infinity, samples: 0 };
      }
      const end = statSync(file).size;
      await new Promise((r) => setTimeout(r, ms));
      const { rate, samples } = readWavTail(file, end);
      return { ...dominantTone(samples, rate), samples: samples.length };
    },
    async stop() {
      sock.destroy();
      await stopChild(child, exited);
    },
  };
}
