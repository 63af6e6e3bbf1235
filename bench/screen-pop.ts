/**
 * npm run bench:screen-pop — screen-pop latency on a seeded cache.
 *  lookup_*: the host-side query alone (cache:screenPop through dispatchHostCall), the floor.
 *  pop_*:    from the INVITE reaching the renderer (SIP.js onInvite) to the customer card committed
 *            to the DOM, over real INVITEs through Kamailio into the real app in Chromium.
 * Prints progress and each pop's phases (p50/p90/p99/max, see popPhases) on stderr and, as its last
 * line, one JSON object. SEATDESK_BENCH_TRACE=FILE also writes every pop's timeline as JSON.
 * SEATDESK_BENCH_SIZE=tiny (CI) seeds 2,000 / 10,000 and does 20 pops; full: 1,000,000 / 5,000,000, 200 pops.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { dispatchHostCall } from '../shared';
import { openDatabase } from '../main/db/open-database';
import { createDataHandlers } from '../main/services/data-handlers';
import { seedDatabase } from '../main/seed/seed-database';
import { startKamailio } from '../tests/helpers/kamailio';
import { launchChromium } from '../tests/helpers/chromium';
import { startHostProcess } from '../tests/helpers/app-host';
import { openCallerSim } from '../tests/helpers/caller-sim';
import { enterAccountAndRegister } from '../tests/helpers/agent-ui';
import type { HostHandlers } from '../shared';

const tiny = process.env.SEATDESK_BENCH_SIZE === 'tiny';
const size = tiny
  ? { customers: 2_000, interactions: 10_000, lookups: 500, pops: 20 }
  : { customers: 1_000_000, interactions: 5_000_000, lookups: 5_000, pops: 200 };
const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, i)] ?? NaN) * 1000) / 1000;
}

const dataDir = resolve(import.meta.dirname, '.data', tiny ? 'tiny' : 'full');
mkdirSync(dataDir, { recursive: true });
const dbFile = join(dataDir, 'seatdesk.db');
const t0 = performance.now();
let lastPct = -10;
const seeded = await seedDatabase(dbFile, {
  customers: size.customers,
  interactions: size.interactions,
  seed: 1,
  onProgress: (done, total) => {
    const pct = Math.floor((done / total) * 100);
    if (pct >= lastPct + 10) log(`seeding ${(lastPct = pct)}%`);
  },
});
log(
  `cache: ${seeded.customers} customers, ${seeded.interactions} interactions (${seeded.reused ? 'reused' : `seeded in ${Math.round(performance.now() - t0) / 1000} s`})`,
);

// Numbers to dial: random customers' phones, written as a person or trunk would (national format for TW).
const ro = new Database(dbFile, { readonly: true });
const phones = (
  ro.prepare('SELECT e164 FROM customer_phones ORDER BY random() LIMIT ?').all(size.lookups) as {
    e164: string;
  }[]
).map((r) => r.e164);
ro.close();
const asDialled = (e164: string) => (e164.startsWith('+886') ? `0${e164.slice(4)}` : e164);

// 1. The host-side floor.
const db = openDatabase(dbFile);
const handlers = createDataHandlers({
  db,
  clock: () => new Date(),
  defaultRegion: () => 'TW',
}) as unknown as HostHandlers;
const lookupMs: number[] = [];
for (const [i, phone] of phones.entries()) {
  const input = { number: asDialled(phone) };
  const start = performance.now();
  const r = await dispatchHostCall(handlers, 'cache:screenPop', input, 64);
  const ms = performance.now() - start;
  if (!r.ok || (r.value as { kind: string }).kind !== 'known')
    throw new Error(`lookup of ${phone} did not find the customer`);
  if (i >= 20) lookupMs.push(ms); // the first few warm the page cache
}
db.close();
lookupMs.sort((a, b) => a - b);
log(`lookup p50 ${percentile(lookupMs, 50)} ms, p99 ${percentile(lookupMs, 99)} ms over ${lookupMs.length}`);

/**
 * Where a pop's time goes, each phase in ms: the renderer's and the host's clocks are joined on
 * wall time (performance.timeOrigin + now() on both sides, the same machine).
 *  toSend   onInvite → the cache:screenPop request handed to the WebSocket (renderer)
 *  up       → the host's 'message' event (Chromium's network stack, the host's wake-up)
 *  host     → the reply handed to the host's socket (parse, validation, lookup, stringify)
 *  down     → the renderer's WebSocket 'message' event
 *  client   → pop-answer (JSON parse, the transport's validation, promise resolution)
 *  commit   → pop-committed (the ringing state, the card rendered and committed by React)
 *  sipjs    the INVITE frame's arrival → onInvite: SIP.js's own handling, before the pop starts
 */
const popPhases = ['toSend', 'up', 'host', 'down', 'client', 'commit', 'roundTrip', 'pop', 'sipjs'] as const;
type PopPhases = Record<(typeof popPhases)[number], number>;

/** In the agent's page, before the app: notes when the host and SIP WebSockets send and receive. */
const wsProbe = `(() => {
  const w = window;
  w.__probe = { hostSent: new Map(), hostIn: new Map(), invites: [] };
  const Original = window.WebSocket;
  class Probed extends Original {
    constructor(url, protocols) {
      super(url, protocols);
      const p = w.__probe;
      const idOf = (text) => Number(/"id":(\\d+)/.exec(text.slice(0, 40))?.[1]);
      if (new URL(url).pathname === '/host') {
        // Listeners run in the order they were added: this one before the app's onmessage.
        const note = (m, id) => {
          m.set(id, performance.now());
          if (m.size > 200) m.delete(m.keys().next().value);
        };
        this.addEventListener('message', (e) => note(p.hostIn, idOf(String(e.data))));
        const send = this.send.bind(this);
        this.send = (data) => {
          const text = String(data);
          if (text.includes('"cache:screenPop"')) note(p.hostSent, idOf(text));
          send(data);
        };
      } else {
        this.addEventListener('message', (e) => {
          if (typeof e.data !== 'string' || !e.data.startsWith('INVITE ')) return;
          p.invites.push(performance.now());
          if (p.invites.length > 50) p.invites.splice(0, 25);
        });
      }
    }
  }
  window.WebSocket = Probed;
})()`;

/** Waits (no polling: a PerformanceObserver) for the card of the newest INVITE; its timeline. */
const awaitPop = `(async () => {
  const t0 = performance.timeOrigin;
  const find = () => {
    const invite = performance.getEntriesByName('seatdesk:invite').at(-1);
    const pop = performance.getEntriesByName('seatdesk:pop-committed').at(-1);
    const answer = performance.getEntriesByName('seatdesk:pop-answer').at(-1);
    if (!invite || !pop || invite.detail?.callId !== pop.detail?.callId) return null;
    const p = window.__probe;
    const sent = [...p.hostSent].find(([, at]) => at >= invite.startTime);
    const frame = p.invites.filter((at) => at <= invite.startTime).at(-1);
    return {
      invite: t0 + invite.startTime,
      answer: answer ? t0 + answer.startTime : null,
      committed: t0 + pop.startTime,
      requestId: sent ? sent[0] : null,
      sent: sent ? t0 + sent[1] : null,
      received: sent && p.hostIn.has(sent[0]) ? t0 + p.hostIn.get(sent[0]) : null,
      inviteFrame: frame === undefined ? null : t0 + frame,
    };
  };
  return (
    find() ??
    (await new Promise((resolve) => {
      const timer = setTimeout(() => {
        obs.disconnect();
        resolve(null);
      }, 5000);
      const obs = new PerformanceObserver(() => {
        const r = find();
        if (!r) return;
        obs.disconnect();
        clearTimeout(timer);
        resolve(r);
      });
      obs.observe({ type: 'mark' });
    }))
  );
})()`;

interface PopTimeline {
  invite: number;
  answer: number | null;
  committed: number;
  requestId: number | null;
  sent: number | null;
  received: number | null;
  inviteFrame: number | null;
}
interface HostTrace {
  id: number;
  method: string;
  /** Wall-clock ms: the 'message' event, and the reply handed to the socket. */
  received: number;
  replied: number;
  /** The host process's CPU time, and the blocks it read from disk, in between. */
  cpuMs: number;
  fsRead: number;
}

function phasesOf(t: PopTimeline, h: HostTrace | undefined): PopPhases {
  const at = (x: number | null | undefined) => (x == null ? NaN : x - t.invite);
  const answer = at(t.answer);
  return {
    toSend: at(t.sent),
    up: at(h?.received) - at(t.sent),
    host: h ? h.replied - h.received : NaN,
    down: at(t.received) - at(h?.replied),
    client: answer - at(t.received),
    commit: at(t.committed) - answer,
    roundTrip: answer - at(t.sent),
    pop: at(t.committed),
    sipjs: -at(t.inviteFrame),
  };
}

// 2. The whole pop in the real app: Kamailio, the host process, the agent's Chromium, a caller Chromium.
const kamailio = await startKamailio({ users: { '1001': 'bench-1001', gateway: 'bench-gw' } });
// The host prints a [host-trace] line per call (ws-bridge.ts) for the phase breakdown.
process.env.SEATDESK_HOST_TRACE = '1';
const host = await startHostProcess({ dataDir });
const hostTraces = new Map<number, HostTrace>();
let hostErr = '';
host.child.stderr?.on('data', (d: Buffer) => {
  hostErr += d.toString();
  const lines = hostErr.split('\n');
  hostErr = lines.pop() ?? '';
  for (const line of lines) {
    if (!line.startsWith('[host-trace] ')) continue;
    const t = JSON.parse(line.slice('[host-trace] '.length)) as HostTrace;
    hostTraces.set(t.id, t);
  }
});
const timelines: PopTimeline[] = [];
// Caller and agent in separate browsers: a second tab would put the agent's page in the background.
const browser = await launchChromium();
const callerBrowser = await launchChromium();
const popMs: number[] = [];
const answerMsList: number[] = [];
try {
  const agent = await browser.newPage();
  await agent.addInitScript(wsProbe);
  await agent.goto(host.url);
  await enterAccountAndRegister(agent, {
    wsUrl: kamailio.wsUrl,
    sipUri: `sip:1001@${kamailio.domain}`,
    authUser: '1001',
    password: 'bench-1001',
  });
  await agent.waitForSelector('[data-testid="registration-state"][data-state="registered"]', {
    timeout: 15_000,
  });
  const caller = await openCallerSim(callerBrowser, kamailio, { authUser: 'gateway', password: 'bench-gw' });
  for (let i = 0; i < size.pops; i++) {
    const phone = phones[i % phones.length]!;
    await caller.call({
      target: `sip:1001@${kamailio.domain}`,
      fromNumber: asDialled(phone),
      displayName: 'Bench',
    });
    // A string, not a function: tsx would wrap inner functions in a helper the page doesn't have.
    // It waits without polling, so the bench adds no work to the agent's page during the pop.
    const timeline = (await agent.evaluate(awaitPop)) as PopTimeline | null;
    if (!timeline) throw new Error(`pop ${i} never committed`);
    timelines.push(timeline);
    popMs.push(timeline.committed - timeline.invite);
    answerMsList.push(timeline.answer === null ? -1 : timeline.answer - timeline.invite);
    await caller.hangup();
    await agent.waitForSelector('[data-testid="call-state"][data-state="idle"]', { timeout: 10_000 });
    await agent.evaluate(() => performance.clearMarks());
    if ((i + 1) % 50 === 0) log(`${i + 1} pops`);
  }
  await caller.close();
} finally {
  await browser.close();
  await callerBrowser.close();
  await host.stop();
  await kamailio.stop();
}
await new Promise((r) => setTimeout(r, 100)); // the host's last trace lines
const rows = timelines.map((t) =>
  phasesOf(t, t.requestId === null ? undefined : hostTraces.get(t.requestId)),
);
const phaseStats = Object.fromEntries(
  popPhases.map((k) => {
    const v = rows.map((r) => r[k]).filter((x) => Number.isFinite(x));
    v.sort((a, b) => a - b);
    return [
      k,
      { p50: percentile(v, 50), p90: percentile(v, 90), p99: percentile(v, 99), max: v.at(-1) ?? NaN },
    ];
  }),
);
log(`phases (ms, per pop from onInvite)   p50      p90      p99      max`);
for (const [k, s] of Object.entries(phaseStats)) {
  const f = (x: number) => x.toFixed(2).padStart(8);
  log(`  ${k.padEnd(32)}${f(s.p50)} ${f(s.p90)} ${f(s.p99)} ${f(s.max)}`);
}
// The slow pops, seen from the host: the request waited behind another call (the host's event loop
// was busy with it), or the lookup itself was slow (reading from disk, or short of a CPU).
const behind = new Map<string, number>();
let slowHost = 0;
let slowFromDisk = 0;
let slowOffCpu = 0;
for (const t of timelines) {
  const h = t.requestId === null ? undefined : hostTraces.get(t.requestId);
  if (!h || t.sent === null) continue;
  for (const c of hostTraces.values()) {
    // In flight when the request was sent, and the request read only once it had answered: it
    // held the event loop (a call answered from another thread lets the request in meanwhile).
    const held = c.received < h.received && c.replied > t.sent && h.received >= c.replied;
    if (c.id !== h.id && held) behind.set(c.method, (behind.get(c.method) ?? 0) + 1);
  }
  if (h.replied - h.received <= 5) continue;
  slowHost++;
  if (h.fsRead > 0) slowFromDisk++;
  else if (h.cpuMs < (h.replied - h.received) / 4) slowOffCpu++;
}
log(
  `  requests that waited behind another host call: ${[...behind].map(([m, n]) => `${n} × ${m}`).join(', ') || 'none'}`,
);
log(
  `  host phase over 5 ms: ${slowHost} pops (${slowFromDisk} reading from disk, ${slowOffCpu} mostly off the CPU)`,
);
if (process.env.SEATDESK_BENCH_TRACE) {
  const pops = timelines.map((t, i) => ({ i, ...t, phases: rows[i] }));
  writeFileSync(process.env.SEATDESK_BENCH_TRACE, JSON.stringify({ pops, host: [...hostTraces.values()] }));
}
popMs.sort((a, b) => a - b);
log(`pop p50 ${percentile(popMs, 50)} ms, p99 ${percentile(popMs, 99)} ms over ${popMs.length}`);
answerMsList.sort((a, b) => a - b);
log(
  `  of which the host round trip: p50 ${percentile(answerMsList, 50)} ms, p99 ${percentile(answerMsList, 99)} ms`,
);

console.log(
  JSON.stringify({
    customers: seeded.customers,
    interactions: seeded.interactions,
    lookup_p50_ms: percentile(lookupMs, 50),
    lookup_p99_ms: percentile(lookupMs, 99),
    pop_p50_ms: percentile(popMs, 50),
    pop_p99_ms: percentile(popMs, 99),
    answer_p50_ms: percentile(answerMsList, 50),
    answer_p99_ms: percentile(answerMsList, 99),
    phases_p99_ms: Object.fromEntries(Object.entries(phaseStats).map(([k, s]) => [k, s.p99])),
  }),
);
