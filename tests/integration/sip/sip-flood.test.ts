import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../../helpers/free-port';
import { startKamailio, type RunningKamailio } from '../../helpers/kamailio';
import { header, newTag, SipWsClient } from '../../helpers/sip-ws-client';

/**
 * Flood protection (pike, the template's default limits): sipp sends 1,000 INVITEs a second from
 * 127.0.0.2 for 3 s (bounded: 3,000 calls, 20 s at most). That address is banned and mostly gets
 * no answer; meanwhile a legitimate call from 127.0.0.3 rings the agent registered from 127.0.0.4.
 */
const scenario = resolve(import.meta.dirname, 'fixtures/flood-invite.xml');
let k: RunningKamailio;
const clients: SipWsClient[] = [];

beforeAll(async () => {
  k = await startKamailio({ users: { '1001': 'pw-1001', gateway: 'gw-secret' } });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await k?.stop();
});

function runSipp(statFile: string, localPort: number): Promise<number | null> {
  const proc = spawn(
    'sipp',
    [
      `127.0.0.1:${k.sipUdpPort}`,
      '-sf',
      scenario,
      '-i',
      '127.0.0.2',
      '-p',
      String(localPort),
      '-m',
      '3000',
      '-r',
      '1000',
      '-rp',
      '1000',
      '-l',
      '3000',
      '-nr',
      '-timeout',
      '20s',
      '-trace_stat',
      '-stf',
      statFile,
      '-fd',
      '1',
      '-nostdin',
    ],
    { stdio: 'ignore' },
  );
  return new Promise((ok) => proc.once('exit', (code) => ok(code)));
}

function lastStats(statFile: string): Record<string, string> {
  const lines = readFileSync(statFile, 'utf8').trim().split('\n');
  const names = lines[0]!.split(';');
  const values = lines[lines.length - 1]!.split(';');
  return Object.fromEntries(names.map((n, i) => [n, values[i] ?? '']));
}

it('1,000 INVITEs a second from one address are blocked; a call from another address still rings', async () => {
  const callee = await SipWsClient.connect(k.wsUrl, k.domain, '127.0.0.4');
  clients.push(callee);
  expect((await callee.register('1001', 'pw-1001')).status).toBe(200);
  const caller = await SipWsClient.connect(k.wsUrl, k.domain, '127.0.0.3');
  clients.push(caller);

  const statFile = join(mkdtempSync(join(tmpdir(), 'seatdesk-flood-')), 'stats.csv');
  const flood = runSipp(statFile, await freePort());
  await new Promise((r) => setTimeout(r, 1500)); // in the middle of the flood
  const callId = newTag();
  const rang = await caller.request(
    'INVITE',
    `sip:1001@${k.domain}`,
    [
      `From: <sip:0223456789@${k.domain}>;tag=${newTag()}`,
      `To: <sip:1001@${k.domain}>`,
      `Call-ID: ${callId}`,
      `Contact: <sip:gw@x.invalid;transport=ws>`,
    ],
    { user: 'gateway', password: 'gw-secret' },
  );
  expect(rang.status).toBe(180);
  expect(callee.received.some((m) => header(m, 'call-id') === callId)).toBe(true);

  await flood;
  const stats = lastStats(statFile);
  const answered = Number(stats['SuccessfulCall(C)']);
  const unanswered = Number(stats['FailedCall(C)']);
  expect(answered + unanswered).toBeGreaterThanOrEqual(2900);
  // pike bans the address within its first sampling unit: most of the flood is never answered.
  expect(answered).toBeLessThan(1000);
  expect(readFileSync(k.logFile, 'utf8')).toMatch(/flood: 127\.0\.0\.2 banned/);
  // None of the flood rang the agent (unauthenticated), and the legitimate call did.
  expect(callee.received.filter((m) => m.method === 'INVITE')).toHaveLength(1);
}, 60_000);
