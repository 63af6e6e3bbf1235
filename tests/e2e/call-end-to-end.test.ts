import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { demoCustomers } from '../../shared/fixtures/demo-customers';
import { dominantFrequency } from '../helpers/chromium';
import { startCallRig, type CallRig } from '../helpers/call-rig';
import { enterAccountAndRegister } from '../helpers/agent-ui';

/**
 * Issue 2 end to end, with real parts only: Kamailio, two Chromiums with different fake-microphone
 * tones, the browser-mode host with a real SQLite file. The agent enters the account in the UI,
 * a customer calls, the card pops before answering, both sides hear each other, the wrap-up is filed
 * and shows in the next call's history.
 */
const AGENT_TONE_HZ = 520;
const CALLER_TONE_HZ = 1320;
const artifacts = join(resolve(import.meta.dirname, '../..'), 'test-results');
const vip = demoCustomers.vip;
let rig: CallRig;

/** The draft's notes as the host saved them in the real SQLite file. */
function draftNotes(dataDir: string): string | null {
  const db = new Database(join(dataDir, 'seatdesk.db'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT body FROM wrapup_drafts ORDER BY saved_at DESC LIMIT 1').get() as
      { body: string } | undefined;
    return row ? (JSON.parse(row.body) as { notes: string }).notes : null;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  rig = await startCallRig({ agentToneHz: AGENT_TONE_HZ, callerToneHz: CALLER_TONE_HZ });
});

afterAll(async () => {
  await rig?.stop();
});

describe('a call end to end', () => {
  it('says so when the SIP server cannot be reached', async () => {
    const { agent } = rig;
    await enterAccountAndRegister(agent, {
      wsUrl: 'ws://127.0.0.1:9',
      sipUri: rig.agentUri,
      authUser: '1001',
      password: 'whatever',
    });
    const state = agent.getByTestId('registration-state');
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 15_000 }).toBe('failed');
    expect(await state.textContent()).toContain('Cannot reach the SIP server');
    await agent.getByTestId('unregister-button').click();
    await expect.poll(() => state.getAttribute('data-state')).toBe('unregistered');
  });

  it('shows a clear failure for a wrong password, then registers', async () => {
    const { agent } = rig;
    await rig.register('wrong-password');
    const state = agent.getByTestId('registration-state');
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 15_000 }).toBe('failed');
    expect(await state.textContent()).toContain('Wrong user name or password');
    await agent
      .getByTestId('unregister-button')
      .click()
      .catch(() => undefined);
    await rig.register();
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 15_000 }).toBe('registered');
  });

  it('says the connection dropped, then re-registers by itself when the server is back', async () => {
    const { agent, kamailio } = rig;
    const state = agent.getByTestId('registration-state');
    await kamailio.stop();
    await expect.poll(() => state.textContent(), { timeout: 10_000 }).toMatch(/dropped|Cannot reach/);
    expect(await state.getAttribute('data-state')).not.toBe('registered');
    await kamailio.start();
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 20_000 }).toBe('registered');
    await rig.caller.reregister(); // the bench's caller phone has no reconnect logic of its own
  });

  it('pops the caller before answer, carries audio both ways, files the wrap-up', async () => {
    const { agent, caller, kamailio, dataDir } = rig;
    await caller.call({
      target: `sip:1001@${kamailio.domain}`,
      fromNumber: '02-2345-6789',
      displayName: vip.name,
    });

    // The card is up while it still rings.
    const pop = agent.getByTestId('screen-pop');
    await expect.poll(() => pop.getAttribute('data-customer-id'), { timeout: 10_000 }).toBe(vip.id);
    expect(await agent.getByTestId('call-state').getAttribute('data-state')).toBe('ringing');
    await expect.poll(() => agent.getByTestId('vip-badge').count()).toBe(1);
    expect(await agent.getByTestId('history-item').count()).toBeGreaterThan(0);
    expect(await agent.getByTestId('complaint-item').count()).toBeGreaterThan(0);
    expect(await agent.getByTestId('followup-item').count()).toBeGreaterThan(0);
    expect(await agent.getByTestId('incoming-call').textContent()).toContain(vip.name);

    await agent.getByTestId('answer-button').click();
    await expect
      .poll(() => agent.getByTestId('call-state').getAttribute('data-state'), { timeout: 10_000 })
      .toBe('established');

    // Two-way media: each side hears the other's tone.
    await expect
      .poll(async () => (await dominantFrequency(agent, { ms: 400 })).hz, { timeout: 10_000 })
      .toBeCloseTo(CALLER_TONE_HZ, -2);
    await expect
      .poll(async () => (await caller.dominantFrequency()).hz, { timeout: 10_000 })
      .toBeCloseTo(AGENT_TONE_HZ, -2);

    // Mute: the caller hears silence; unmute: the agent's tone is back.
    await agent.getByTestId('mute-button').click();
    expect(await agent.getByTestId('mute-button').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await caller.dominantFrequency()).hz, { timeout: 10_000 }).toBe(0);
    await agent.getByTestId('mute-button').click();
    await expect
      .poll(async () => (await caller.dominantFrequency()).hz, { timeout: 10_000 })
      .toBeCloseTo(AGENT_TONE_HZ, -2);

    // The language switches live, mid-call: the screenshot shows the Traditional Chinese UI.
    await agent.getByTestId('locale-select').selectOption('zh-Hant');
    await expect.poll(() => agent.getByTestId('call-state').textContent()).toBe('通話中');
    await agent.getByTestId('locale-select').selectOption('zh-Hans');
    await expect.poll(() => agent.getByTestId('call-state').textContent()).toBe('通话中');
    await agent.getByTestId('locale-select').selectOption('zh-Hant');
    await agent.screenshot({ path: join(artifacts, 'mid-call.png') });

    await agent.getByTestId('hangup-button').click();
    const form = agent.getByTestId('wrapup-form');
    await form.waitFor({ timeout: 10_000 });
    await form.getByTestId('wrapup-category').selectOption('complaint');
    await form.getByTestId('wrapup-priority').selectOption('high');
    await form.getByTestId('wrapup-disposition').selectOption('escalated');
    const note = '客戶反映帳單重複扣款 <b>not bold</b>';
    await form.getByTestId('wrapup-notes').fill(note);

    // The renderer dies mid-wrap-up: after a reload the draft is back, word for word.
    await expect.poll(() => draftNotes(dataDir), { timeout: 5_000 }).toBe(note);
    await agent.reload();
    await form.waitFor({ timeout: 10_000 });
    expect(await form.getByTestId('wrapup-notes').inputValue()).toBe(note);
    expect(await form.getByTestId('wrapup-category').inputValue()).toBe('complaint');
    await rig.register();
    await expect
      .poll(() => agent.getByTestId('registration-state').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('registered');
    await form.getByTestId('wrapup-submit').click();
    await agent.getByTestId('wrapup-saved').waitFor({ timeout: 10_000 });

    // Durable: the real SQLite file holds the interaction and its outbox row.
    const db = new Database(join(dataDir, 'seatdesk.db'), { readonly: true, fileMustExist: true });
    try {
      const row = db
        .prepare(
          'SELECT id, category, priority, disposition, notes FROM interactions WHERE customer_id = ? AND notes = ?',
        )
        .get(vip.id, note) as { id: string; category: string } | undefined;
      expect(row?.category).toBe('complaint');
      const outbox = db.prepare('SELECT state FROM outbox WHERE id = ?').get(row?.id) as
        { state: string } | undefined;
      expect(outbox?.state).toBe('pending');
    } finally {
      db.close();
    }

    // The next call from that customer shows the filed wrap-up first in its history.
    await caller.call({
      target: `sip:1001@${kamailio.domain}`,
      fromNumber: '+886 2 2345 6789',
      displayName: vip.name,
    });
    await expect.poll(() => pop.getAttribute('data-customer-id'), { timeout: 10_000 }).toBe(vip.id);
    await expect
      .poll(() => agent.getByTestId('history-item').first().textContent(), { timeout: 5_000 })
      .toContain(note);
    await agent.getByTestId('reject-button').click();
    copyFileSync(join(artifacts, 'mid-call.png'), join(artifacts, 'mid-call-latest.png'));
  });
});
