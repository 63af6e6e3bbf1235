/**
 * npm run bench:screen-pop — screen-pop latency on a seeded cache.
 *  lookup_*: the host-side query alone (cache:screenPop through dispatchHostCall), the floor.
 *  pop_*:    from the INVITE reaching the renderer (SIP.js onInvite) to the customer card committed
 *            to the DOM, over real INVITEs through Kamailio into the real app in Chromium.
 * Prints progress on stderr and, as its last line, one JSON object.
 * SEATDESK_BENCH_SIZE=tiny (CI) seeds 2,000 / 10,000 and does 20 pops; full: 1,000,000 / 5,000,000, 200 pops.
 */
import { mkdirSync } from 'node:fs';
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

// 2. The whole pop in the real app: Kamailio, the host process, the agent's Chromium, a caller Chromium.
const kamailio = await startKamailio({ users: { '1001': 'bench-1001', gateway: 'bench-gw' } });
const host = await startHostProcess({ dataDir });
// Caller and agent in separate browsers: a second tab would put the agent's page in the background.
const browser = await launchChromium();
const callerBrowser = await launchChromium();
const popMs: number[] = [];
const answerMsList: number[] = [];
try {
  const agent = await browser.newPage();
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
    const [ms, answerMs] = (await agent.evaluate(`(async () => {
      for (let tries = 0; tries < 500; tries++) {
        const invite = performance.getEntriesByName('seatdesk:invite').at(-1);
        const pop = performance.getEntriesByName('seatdesk:pop-committed').at(-1);
        const answer = performance.getEntriesByName('seatdesk:pop-answer').at(-1);
        if (invite && pop && invite.detail?.callId === pop.detail?.callId) {
          return [pop.startTime - invite.startTime, answer ? answer.startTime - invite.startTime : -1];
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      return [-1, -1];
    })()`)) as [number, number];
    if (ms < 0) throw new Error(`pop ${i} never committed`);
    popMs.push(ms);
    answerMsList.push(answerMs);
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
  }),
);
