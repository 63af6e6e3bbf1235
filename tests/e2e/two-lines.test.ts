import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileWrapUp, near } from '../helpers/agent-ui';
import { startCallRig, thirdExtension, type CallRig } from '../helpers/call-rig';
import { dominantFrequency } from '../helpers/chromium';

/**
 * Two lines on the real bench (Kamailio, three Chromiums with distinct fake-mic tones): a second
 * call while talking (call waiting: answering it holds the first; swap between them), and the
 * attended transfer (consult the third party while the caller waits, then join them).
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

function outboxRows(): number {
  const db = new Database(join(rig.dataDir, 'seatdesk.db'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
const agentHears = () => dominantFrequency(rig.agent, { ms: 400 }).then((r) => r.hz);

describe('two lines', () => {
  it('call waiting: answering the second call holds the first; swap brings it back; each call gets its wrap-up', async () => {
    const { agent, caller, third, agentUri } = rig;
    await caller.call({ target: agentUri, fromNumber: '0223456789', displayName: '' });
    await agent.getByTestId('answer-button').click({ timeout: 10_000 });
    await expect.poll(agentHears, { timeout: 10_000 }).toSatisfy(near(callerHz));

    await third!.call({ target: agentUri, fromNumber: '0987654321', displayName: '' });
    await expect
      .poll(() => agent.getByTestId('other-line').getAttribute('data-state'), { timeout: 10_000 })
      .toBe('ringing');
    // The first call is untouched while the second waits.
    expect(await agent.getByTestId('call-state').getAttribute('data-state')).toBe('established');

    await agent.getByTestId('waiting-answer').click();
    await expect.poll(agentHears, { timeout: 10_000 }).toSatisfy(near(thirdHz));
    await expect
      .poll(async () => (await third!.dominantFrequency()).hz, { timeout: 10_000 })
      .toSatisfy(near(agentHz));
    await expect.poll(async () => (await caller.dominantFrequency()).hz, { timeout: 10_000 }).toBe(0);
    await expect.poll(() => agent.getByTestId('other-line').getAttribute('data-state')).toBe('held');

    await agent.getByTestId('swap-button').waitFor();
    // The card and the notes belong to the call in focus, and swap with it.
    const inFront = () => agent.getByTestId('incoming-call').getAttribute('data-call-id');
    const notesFor = () => agent.getByTestId('wrapup-form').getAttribute('data-call-id');
    const second = await inFront();
    expect(await notesFor()).toBe(second);
    await agent.keyboard.press('Control+Shift+S'); // the swap shortcut
    await expect.poll(inFront).not.toBe(second);
    expect(await notesFor()).toBe(await inFront());
    await expect.poll(agentHears, { timeout: 10_000 }).toSatisfy(near(callerHz));
    await expect
      .poll(async () => (await caller.dominantFrequency()).hz, { timeout: 10_000 })
      .toSatisfy(near(agentHz));
    await expect.poll(async () => (await third!.dominantFrequency()).hz, { timeout: 10_000 }).toBe(0);

    // The held party hangs up: its wrap-up opens; the call in focus goes on.
    await third!.hangup();
    await expect.poll(() => agent.getByTestId('other-line').count(), { timeout: 10_000 }).toBe(0);
    expect(await agent.getByTestId('call-state').getAttribute('data-state')).toBe('established');
    // Its wrap-up waits in the list, named; the workspace stays on the call in focus.
    expect(await agent.getByTestId('wrapup-queue-item').count()).toBe(1);
    await fileWrapUp(rig.agent, { queued: true });
    await agent.getByTestId('hangup-button').click();
    await fileWrapUp(rig.agent);
  });

  it('a waiting call sent away busy: the caller hears busy, the current call goes on', async () => {
    const { agent, caller, third, agentUri } = rig;
    await caller.call({ target: agentUri, fromNumber: '0223456789', displayName: '' });
    await agent.getByTestId('answer-button').click({ timeout: 10_000 });
    await third!.call({ target: agentUri, fromNumber: '0987654321', displayName: '' });
    await agent.getByTestId('waiting-reject').click({ timeout: 10_000 });
    await expect.poll(() => third!.state(), { timeout: 10_000 }).toMatch(/idle|Terminated/);
    await expect.poll(() => agent.getByTestId('other-line').count()).toBe(0);
    expect(await agent.getByTestId('call-state').getAttribute('data-state')).toBe('established');
    await agent.getByTestId('hangup-button').click();
    await fileWrapUp(rig.agent);
  });

  it('attended transfer: the agent consults the third party while the caller waits, then joins them', async () => {
    const { agent, caller, third, agentUri } = rig;
    const before = outboxRows();
    await caller.call({ target: agentUri, fromNumber: '0223456789', displayName: '' });
    await agent.getByTestId('answer-button').click({ timeout: 10_000 });
    await expect.poll(agentHears, { timeout: 10_000 }).toSatisfy(near(callerHz));

    await agent.getByTestId('transfer-target').fill(thirdExtension);
    await agent.getByTestId('consult-button').click();
    // Consulting: the agent and the third party talk; the caller hears silence (on hold).
    await expect.poll(agentHears, { timeout: 15_000 }).toSatisfy(near(thirdHz));
    await expect
      .poll(async () => (await third!.dominantFrequency()).hz, { timeout: 10_000 })
      .toSatisfy(near(agentHz));
    await expect.poll(async () => (await caller.dominantFrequency()).hz, { timeout: 10_000 }).toBe(0);

    await agent.getByTestId('complete-transfer-button').click();
    await expect
      .poll(async () => (await third!.dominantFrequency()).hz, { timeout: 15_000 })
      .toSatisfy(near(callerHz));
    await expect
      .poll(async () => (await caller.dominantFrequency()).hz, { timeout: 10_000 })
      .toSatisfy(near(thirdHz));
    // The agent is free: both legs ended; one wrap-up (the customer's), none for the consultation.
    await expect
      .poll(() => agent.getByTestId('call-state').getAttribute('data-state'), { timeout: 10_000 })
      .toBe('idle');
    await fileWrapUp(rig.agent);
    // A consultation leaves no record of its own: exactly one more record, for the customer.
    await agent.waitForTimeout(1000);
    expect(await agent.getByTestId('wrapup-form').count()).toBe(0);
    expect(outboxRows()).toBe(before + 1);
    await caller.hangup();
    await expect.poll(() => third!.state(), { timeout: 10_000 }).toMatch(/idle|Terminated/);
  });
});
