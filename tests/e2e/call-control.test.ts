import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSettings, endAndFile, near, openDialPad, openSettings } from '../helpers/agent-ui';
import { dominantFrequency } from '../helpers/chromium';
import { startCallRig, thirdExtension, type CallRig } from '../helpers/call-rig';

/**
 * Call control on the real bench (Kamailio, three Chromiums with distinct fake-mic tones):
 * hold silences both ways and resume brings the tones back; DTMF reaches the far side; the
 * agent dials out; a blind transfer connects the caller to a third party.
 */
const agentHz = 700;
const callerHz = 1400;
const thirdHz = 2100;
let rig: CallRig;

beforeAll(async () => {
  rig = await startCallRig({ agentToneHz: agentHz, callerToneHz: callerHz, thirdToneHz: thirdHz });
  await rig.registerAndWait();
});
afterAll(async () => rig?.stop());

async function answerCallFrom(number: string) {
  const { agent, caller, agentUri } = rig;
  await caller.call({ target: agentUri, fromNumber: number, displayName: '' });
  await agent.getByTestId('answer-button').click({ timeout: 10_000 });
  await expect
    .poll(async () => (await caller.dominantFrequency()).hz, { timeout: 10_000 })
    .toSatisfy(near(agentHz));
}

describe('call control', () => {
  it('hold: the caller hears silence and the agent hears nothing; resume: both tones are back', async () => {
    const { agent, caller } = rig;
    await answerCallFrom('0223456789');
    // The live quality line: a clean loopback call rates near the top of the MOS scale.
    await expect
      .poll(async () => Number(await agent.getByTestId('call-quality').getAttribute('data-mos')), {
        timeout: 10_000,
      })
      .toBeGreaterThan(4);
    expect(await agent.getByTestId('quality-warning').count()).toBe(0);
    await agent.getByTestId('hold-button').click();
    await expect.poll(() => agent.getByTestId('hold-button').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await caller.dominantFrequency()).hz, { timeout: 10_000 }).toBe(0);
    await expect
      .poll(async () => (await dominantFrequency(agent, { ms: 400 })).hz, { timeout: 10_000 })
      .toBe(0);
    expect(await agent.getByTestId('call-state').getAttribute('data-state')).toBe('held');
    await agent.getByTestId('hold-button').click();
    await expect.poll(() => agent.getByTestId('hold-button').getAttribute('aria-pressed')).toBe('false');
    await expect
      .poll(async () => (await caller.dominantFrequency()).hz, { timeout: 10_000 })
      .toSatisfy(near(agentHz));
    await expect
      .poll(async () => (await dominantFrequency(agent, { ms: 400 })).hz, { timeout: 10_000 })
      .toSatisfy(near(callerHz));
    await endAndFile(rig.agent);
    // The filed record carries the call's quality summary (it goes up to the server with it).
    const db = new Database(join(rig.dataDir, 'seatdesk.db'), { readonly: true });
    const row = db.prepare(`SELECT payload FROM outbox ORDER BY created_at DESC LIMIT 1`).get() as {
      payload: string;
    };
    db.close();
    const quality = (JSON.parse(row.payload) as { quality: { samples: number; minMos: number } }).quality;
    expect(quality.samples).toBeGreaterThan(0);
    expect(quality.minMos).toBeGreaterThan(3.5);
  });

  it('DTMF from the dial pad: RFC 4733 events on the audio sender by default, SIP INFO reaching the far side when chosen', async () => {
    const { agent, caller } = rig;
    await answerCallFrom('0912345678');
    // RFC 4733: the browser can insert telephone-events on the audio sender.
    const canRfc4733 = await agent.evaluate(
      'Promise.resolve(window.__remoteTracks !== undefined && typeof RTCDTMFSender !== "undefined")',
    );
    expect(canRfc4733).toBe(true);
    await openSettings(agent);
    await agent.getByTestId('settings-dtmf-mode').selectOption('info');
    await closeSettings(agent);
    await openDialPad(agent);
    for (const k of ['1', '2', 'hash']) await agent.getByTestId(`dialpad-${k}`).click();
    await expect.poll(() => caller.dtmfReceived(), { timeout: 10_000 }).toMatch(/12#$/);
    // The keyboard's digits send DTMF too, when the cursor is not in a field.
    await agent.keyboard.press('3');
    await expect.poll(() => caller.dtmfReceived(), { timeout: 10_000 }).toMatch(/12#3$/);
    await endAndFile(rig.agent);
  });

  it('dials out to an extension and talks both ways', async () => {
    const { agent, third } = rig;
    // By keyboard only: Ctrl+D puts the cursor in the dial field, Enter dials.
    await agent.keyboard.press('Control+d');
    await expect.poll(() => agent.evaluate('document.activeElement?.dataset.testid')).toBe('dial-input');
    await agent.keyboard.type(thirdExtension);
    await agent.keyboard.press('Enter');
    await expect
      .poll(async () => (await dominantFrequency(agent, { ms: 400 })).hz, { timeout: 15_000 })
      .toSatisfy(near(thirdHz));
    await expect
      .poll(async () => (await third!.dominantFrequency()).hz, { timeout: 10_000 })
      .toSatisfy(near(agentHz));
    await agent.getByTestId('hangup-button').click();
    await endAndFile(rig.agent);
    await expect.poll(() => third!.state(), { timeout: 10_000 }).toBe('idle');
  });

  it('audio devices: the headset output and a new microphone chosen mid-call, the call carries on', async () => {
    const { agent, caller } = rig;
    await answerCallFrom('0223456789');
    // Settings open mid-call: the call goes on, its state stays in the top bar.
    await openSettings(agent);
    // Labels are visible once the call opened the microphone.
    await expect
      .poll(() => agent.getByTestId('device-microphone').locator('option').allTextContents(), {
        timeout: 10_000,
      })
      .toContain('Fake Audio Input 2');
    await agent.getByTestId('device-output').selectOption({ label: 'Fake Audio Output 1' });
    const outputId = await agent.evaluate(
      `navigator.mediaDevices.enumerateDevices().then((ds) => ds.find((d) => d.label === 'Fake Audio Output 1').deviceId)`,
    );
    await expect
      .poll(() => agent.evaluate(`document.querySelector('[data-testid="remote-audio"]').sinkId`))
      .toBe(outputId);
    await agent.getByTestId('device-microphone').selectOption({ label: 'Fake Audio Input 2' });
    const senderLabel = `(window.__pcs.filter((pc) => pc.connectionState !== 'closed').at(-1)
      ?.getSenders().find((s) => s.track?.kind === 'audio')?.track?.label) ?? null`;
    await expect.poll(() => agent.evaluate(senderLabel), { timeout: 10_000 }).toBe('Fake Audio Input 2');
    // Same call, same dialog: the caller still hears the agent.
    expect(await agent.getByTestId('call-state').getAttribute('data-state')).toBe('established');
    await expect
      .poll(async () => (await caller.dominantFrequency()).hz, { timeout: 10_000 })
      .toSatisfy(near(agentHz));
    // Remembered by label as well as id (ids change between sessions).
    const saved = JSON.parse(readFileSync(join(rig.dataDir, 'settings.json'), 'utf8')) as {
      audio: { microphone: { id: string; label: string } };
    };
    expect(saved.audio.microphone.label).toBe('Fake Audio Input 2');
    expect(saved.audio.microphone.id).toMatch(/^[0-9a-f]{16,}$/);
    await closeSettings(agent);
    await agent.getByTestId('hangup-button').click();
    await endAndFile(rig.agent);
    await openSettings(agent);
    for (const testId of ['device-microphone', 'device-output'])
      await agent.getByTestId(testId).selectOption('default');
    await closeSettings(agent);
  });

  it('blind transfer: the third party hears the caller and the agent is free', async () => {
    const { agent, caller, third } = rig;
    await answerCallFrom('0223456789');
    await agent.getByTestId('transfer-target').fill(thirdExtension);
    await agent.getByTestId('transfer-button').click();
    await expect
      .poll(async () => (await third!.dominantFrequency()).hz, { timeout: 15_000 })
      .toSatisfy(near(callerHz));
    await expect
      .poll(async () => (await caller.dominantFrequency()).hz, { timeout: 10_000 })
      .toSatisfy(near(thirdHz));
    await agent.getByTestId('wrapup-form').waitFor({ timeout: 15_000 });
    await endAndFile(rig.agent);
    await caller.hangup();
  });
});
