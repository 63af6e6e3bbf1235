/**
 * The demo (npm run demo): the central server (embedded PostgreSQL, seeded), Kamailio, the host
 * whose cache syncs from that server, and a caller simulator that rings agent 1001 every ~20 s
 * with the server's customers. Every third call comes from the PSTN side instead: a plain-SIP phone
 * (baresip, RTP/AVP, G.711) whose media rtpengine converts to WebRTC. Opens the desktop in Electron where its runtime is
 * installed, otherwise prints the URL to open in a browser. Ctrl+C stops everything.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { demoCustomers } from '../../shared/fixtures/demo-customers';
import { startHostProcess } from '../../tests/helpers/app-host';
import { onShutdown, trackChild } from '../../tests/helpers/child-registry';
import { startServerProcess } from '../../tests/helpers/central-server';
import { openCallerSim } from '../../tests/helpers/caller-sim';
import { launchChromium } from '../../tests/helpers/chromium';
import { startBaresip } from '../../tests/helpers/baresip';
import { startKamailio } from '../../tests/helpers/kamailio';
import { startRtpengine } from '../../tests/helpers/rtpengine';
import { writeToneWav } from '../../tests/helpers/tone';

const repo = resolve(import.meta.dirname, '../..');
// SEATDESK_DEMO_DIR and the seed sizes let a test run a small demo of its own.
const demoDir = process.env.SEATDESK_DEMO_DIR ?? join(repo, '.data', 'demo');
const dataDir = join(demoDir, 'seat');
const serverDir = join(demoDir, 'server');
const seedCustomers = Number(process.env.SEATDESK_DEMO_CUSTOMERS ?? 20_000);
const seedInteractions = Number(process.env.SEATDESK_DEMO_INTERACTIONS ?? 60_000);
const serverPassword = 'seatdesk-demo';
const ringEveryMs = Number(process.env.SEATDESK_DEMO_RING_MS ?? 20_000);
const say = (msg: string) => console.log(`[demo] ${msg}`);

mkdirSync(dataDir, { recursive: true });
say(
  'starting the central server (embedded PostgreSQL; first run seeds 20,000 customers, 60,000 past calls)…',
);
const server = await startServerProcess({
  dataDir: serverDir,
  port: Number(process.env.SEATDESK_DEMO_SERVER_PORT ?? 0),
  tokenSecret: 'd'.repeat(64),
  seed: { password: serverPassword, customers: seedCustomers, interactions: seedInteractions },
});
say(
  `central server at ${server.url} (users agent1001, agent1002, agent2001, lead-north, admin; password ${serverPassword})`,
);

const password = 'demo-1001';
// rtpengine first: Kamailio's rtpengine module pings it at start-up.
const rtpengine = await startRtpengine();
const kamailio = await startKamailio({
  users: { '1001': password, gateway: 'demo-gateway', '3001': 'demo-pstn' },
  rtpengine: { ngPort: rtpengine.ngPort },
});
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
  JSON.stringify({
    settings: { sip: account, agentName: '陳美玲' },
    sipPassword: password,
    server: { url: server.url, username: 'agent1001', password: serverPassword },
  }),
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

// The PSTN customer: a plain-SIP phone (UDP, RTP/AVP) that plays a 1 kHz tone.
const pstnWav = join(tmp, 'pstn.wav');
writeToneWav(pstnWav, 1000, 600, 0.3, 8000);
const pstnPhone = await startBaresip({
  sip: kamailio,
  user: '3001',
  password: 'demo-pstn',
  toneWav: pstnWav,
});

// The server's generated customers have numbers +88693 followed by their index (seed-server.ts).
const seeded = Array.from(
  { length: 30 },
  () => `+88693${String(1 + Math.floor(Math.random() * Math.max(1, seedCustomers))).padStart(7, '0')}`,
);
const numbers = [
  ...Object.values(demoCustomers).map((c) => c.dialled),
  '0987 000 111',
  'anonymous',
  ...seeded,
];

const electron = join(repo, 'node_modules', 'electron', 'dist');
if (existsSync(electron)) {
  say('Electron runtime found: opening the desktop (enter the SIP account below in Settings).');
  trackChild(spawn('npx', ['electron-vite', 'preview'], { cwd: repo, stdio: 'inherit', detached: true }));
} else {
  say('Electron runtime not installed here: open the desktop in a browser (Chromium or Chrome):');
}
console.log(`\n    ${host.url}\n`);
say(`SIP account (pre-filled in the browser): ${account.sipUri} on ${account.wsUrl}, password ${password}`);
say(
  `Click "Register"; a customer calls every ${ringEveryMs / 1000} s (every third call is a plain-RTP call from the PSTN phone 3001). Ctrl+C to stop.\n`,
);

let n = 0;
const ring = async () => {
  if ((await caller.state()) !== 'idle') await caller.hangup().catch(() => undefined);
  await pstnPhone.hangup().catch(() => undefined); // "no active call" when idle
  if (++n % 3 === 0) {
    say('ringing agent 1001 from the PSTN phone 3001 (plain RTP through rtpengine)');
    await pstnPhone.dial(account.sipUri);
    return;
  }
  const number = numbers[n % numbers.length] ?? '0223456789';
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
  await pstnPhone.stop();
  await host.stop();
  await server.stop();
  await kamailio.stop();
  await rtpengine.stop();
}
// On SIGINT/SIGTERM/SIGHUP the registry runs this, then exits; on a crash it stops the children itself.
onShutdown(stop);
