/**
 * The demo (npm run demo): Kamailio, the host on a seeded cache, and a caller simulator that rings
 * agent 1001 every ~20 s with seeded customers. Opens the desktop in Electron where its runtime is
 * installed, otherwise prints the URL to open in a browser. Ctrl+C stops everything.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { demoCustomers } from '../../shared/fixtures/demo-customers';
import { seedDatabase } from '../../main/seed/seed-database';
import { startHostProcess } from '../../tests/helpers/app-host';
import { openCallerSim } from '../../tests/helpers/caller-sim';
import { launchChromium } from '../../tests/helpers/chromium';
import { startKamailio } from '../../tests/helpers/kamailio';
import { writeToneWav } from '../../tests/helpers/tone';

const repo = resolve(import.meta.dirname, '../..');
const dataDir = join(repo, '.data', 'demo');
const ringEveryMs = Number(process.env.SEATDESK_DEMO_RING_MS ?? 20_000);
const say = (msg: string) => console.log(`[demo] ${msg}`);

mkdirSync(dataDir, { recursive: true });
say('preparing the local cache (20,000 customers, 100,000 past calls)…');
await seedDatabase(join(dataDir, 'seatdesk.db'), { customers: 20_000, interactions: 100_000, seed: 1 });

const password = 'demo-1001';
const kamailio = await startKamailio({ users: { '1001': password, gateway: 'demo-gateway' } });
const account = {
  wsUrl: kamailio.wsUrl,
  sipUri: `sip:1001@${kamailio.domain}`,
  authUser: '1001',
  displayName: 'Agent 1001',
};
const tmp = mkdtempSync(join(tmpdir(), 'seatdesk-demo-'));
const preset = join(tmp, 'preset.json');
writeFileSync(
  preset,
  JSON.stringify({ settings: { sip: account, agentName: '陳美玲' }, sipPassword: password }),
);
const host = await startHostProcess({ dataDir, preset });

// The caller: a customer phone in a headless Chromium that plays a 440 Hz tone.
const wav = join(tmp, 'caller.wav');
writeToneWav(wav, 440, 30, 0.3);
const callerBrowser = await launchChromium({ fakeAudioWav: wav });
const caller = await openCallerSim(callerBrowser, kamailio, {
  authUser: 'gateway',
  password: 'demo-gateway',
});

const ro = new Database(join(dataDir, 'seatdesk.db'), { readonly: true });
const seeded = (
  ro.prepare('SELECT e164 FROM customer_phones ORDER BY random() LIMIT 30').all() as { e164: string }[]
).map((r) => r.e164);
ro.close();
const numbers = [
  ...Object.values(demoCustomers).map((c) => c.dialled),
  '0987 000 111',
  'anonymous',
  ...seeded,
];

const electron = join(repo, 'node_modules', 'electron', 'dist');
if (existsSync(electron)) {
  say('Electron runtime found: opening the desktop (enter the SIP account below in Settings).');
  spawn('npx', ['electron-vite', 'preview'], { cwd: repo, stdio: 'inherit' });
} else {
  say('Electron runtime not installed here: open the desktop in a browser (Chromium or Chrome):');
}
console.log(`\n    ${host.url}\n`);
say(`SIP account (pre-filled in the browser): ${account.sipUri} on ${account.wsUrl}, password ${password}`);
say(`Click "Register"; a customer calls every ${ringEveryMs / 1000} s. Ctrl+C to stop.\n`);

let n = 0;
const ring = async () => {
  if ((await caller.state()) !== 'idle') await caller.hangup().catch(() => undefined);
  const number = numbers[n++ % numbers.length] ?? '0223456789';
  say(`ringing agent 1001 from ${number}`);
  await caller.call({ target: account.sipUri, fromNumber: number, displayName: '' });
};
const timer = setInterval(
  () => void ring().catch((e: unknown) => say(`call failed: ${String(e)}`)),
  ringEveryMs,
);
setTimeout(() => void ring(), 3000);

async function stop() {
  clearInterval(timer);
  await callerBrowser.close().catch(() => undefined);
  await host.stop();
  await kamailio.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
