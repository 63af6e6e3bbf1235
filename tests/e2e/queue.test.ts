import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileWrapUp, waitSelfTestPassed } from '../helpers/agent-ui';
import { startHostProcess, type RunningHost } from '../helpers/app-host';
import { openCallerSim, type CallerSim } from '../helpers/caller-sim';
import { installRemoteAudioProbe, launchChromium } from '../helpers/chromium';
import { startKamailio, type RunningKamailio } from '../helpers/kamailio';
import { writeToneWav } from '../helpers/tone';

/**
 * Agent states and the queue (ADR 0004), with two real agents on the real bench: a call to the
 * queue rings the Ready agent and never the Not Ready one; after-call work counts down and
 * returns the agent to Ready by itself.
 */
let kamailio: RunningKamailio;
const hosts: RunningHost[] = [];
const browsers: Browser[] = [];
let a: Page;
let b: Page;
let caller: CallerSim;
let queueUri: string;

async function agentPage(user: string, password: string, toneHz: number, dir: string): Promise<Page> {
  const preset = join(dir, `${user}.json`);
  writeFileSync(
    preset,
    JSON.stringify({
      settings: {
        sip: {
          wsUrl: kamailio.wsUrl,
          sipUri: `sip:${user}@${kamailio.domain}`,
          authUser: user,
          displayName: user,
        },
        queues: [queueUri],
        acwSeconds: 3,
      },
      sipPassword: password,
    }),
  );
  const host = await startHostProcess({ dataDir: join(dir, user), preset });
  hosts.push(host);
  const wav = join(dir, `${user}.wav`);
  writeToneWav(wav, toneHz, 30);
  const browser = await launchChromium({ fakeAudioWav: wav });
  browsers.push(browser);
  const page = await browser.newPage({ locale: 'en-US' });
  await installRemoteAudioProbe(page);
  await page.goto(host.url);
  await page.getByTestId('register-button').click();
  await page.waitForSelector('[data-testid="registration-state"][data-state="registered"]', {
    timeout: 15_000,
  });
  // The pre-shift self-test runs at log-in; Ready is offered once it passed.
  await waitSelfTestPassed(page);
  return page;
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'seatdesk-queue-'));
  kamailio = await startKamailio({
    users: { '1001': 'pw-1001', '1003': 'pw-1003', gateway: 'gw-secret' },
    queues: { 'queue-north': ['1001', '1003'] },
  });
  queueUri = `sip:queue-north@${kamailio.domain}`;
  a = await agentPage('1001', 'pw-1001', 600, dir);
  b = await agentPage('1003', 'pw-1003', 900, dir);
  const callerWav = join(dir, 'caller.wav');
  writeToneWav(callerWav, 1500, 30);
  const callerBrowser = await launchChromium({ fakeAudioWav: callerWav });
  browsers.push(callerBrowser);
  caller = await openCallerSim(callerBrowser, kamailio, { authUser: 'gateway', password: 'gw-secret' });
});

afterAll(async () => {
  for (const br of browsers) await br.close();
  for (const h of hosts) await h.stop();
  await kamailio?.stop();
});

const agentState = (p: Page) => p.getByTestId('agent-state').getAttribute('data-state');

describe('queue calls follow agent states', () => {
  it('rings only the Ready agent; after-call work returns to Ready by itself; then the other way round', async () => {
    expect(await agentState(a)).toBe('logged-out');
    await a.getByTestId('agent-state-select').selectOption('ready');
    await b.getByTestId('agent-state-select').selectOption('not-ready:meal');
    expect(await agentState(b)).toBe('not-ready');
    expect(await b.getByTestId('agent-state').getAttribute('data-reason')).toBe('meal');

    await caller.call({ target: queueUri, fromNumber: '0223456789', displayName: '' });
    await a.getByTestId('answer-button').waitFor({ timeout: 10_000 });
    // The Not Ready agent is not offered the call: no ring while the Ready one rings.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await b.getByTestId('answer-button').count()).toBe(0);
    await a.getByTestId('answer-button').click();
    await expect.poll(() => agentState(a), { timeout: 10_000 }).toBe('on-call');
    await caller.hangup();
    await expect.poll(() => agentState(a), { timeout: 10_000 }).toBe('acw');
    expect(await a.getByTestId('acw-countdown').textContent()).toMatch(/0:0[1-3]/);
    await fileWrapUp(a);
    // ACW → Ready by itself when its 3 s are up.
    await expect.poll(() => agentState(a), { timeout: 10_000 }).toBe('ready');

    await b.getByTestId('agent-state-select').selectOption('ready');
    await a.getByTestId('agent-state-select').selectOption('not-ready:break');
    await caller.call({ target: queueUri, fromNumber: '0912345678', displayName: '' });
    await b.getByTestId('answer-button').waitFor({ timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await a.getByTestId('answer-button').count()).toBe(0);
    await b.getByTestId('answer-button').click();
    await expect.poll(() => agentState(b), { timeout: 10_000 }).toBe('on-call');
    await caller.hangup();
    await expect.poll(() => agentState(b), { timeout: 10_000 }).toBe('acw');
    await b.getByTestId('acw-finish').click();
    expect(await agentState(b)).toBe('ready');
    await fileWrapUp(b);

    // Nobody Ready: the queue does not ring anyone (Kamailio answers 480).
    await b.getByTestId('agent-state-select').selectOption('not-ready:meeting');
    await caller.call({ target: queueUri, fromNumber: '0912345678', displayName: '' });
    await expect.poll(() => caller.state(), { timeout: 10_000 }).toBe('idle');
    expect(await a.getByTestId('answer-button').count()).toBe(0);
    expect(await b.getByTestId('answer-button').count()).toBe(0);
  });
});
