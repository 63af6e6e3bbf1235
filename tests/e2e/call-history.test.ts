import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endAndFile, near } from '../helpers/agent-ui';
import { demoCustomers } from '../../shared/fixtures/demo-customers';
import { startCallRig, thirdExtension, type CallRig } from '../helpers/call-rig';

/**
 * The call history on the real bench (Kamailio, three Chromiums with distinct fake-mic tones, the
 * host on a seeded SQLite cache): answered and missed calls are listed with their outcome, "Call
 * back" dials the row's number, and the customer card's numbers and follow-ups dial out.
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

/** The newest history row (the list is newest first). */
const newest = () => rig.agent.getByTestId('recent-call').first();

async function answerCallFrom(number: string) {
  const { agent, caller, agentUri } = rig;
  await caller.call({ target: agentUri, fromNumber: number, displayName: '' });
  await agent.getByTestId('answer-button').click({ timeout: 10_000 });
  await expect
    .poll(async () => (await caller.dominantFrequency()).hz, { timeout: 10_000 })
    .toSatisfy(near(agentHz));
}

async function expectNewest(want: { outcome: string; direction: string; number: string }) {
  await expect
    .poll(
      async () => ({
        outcome: await newest().getAttribute('data-outcome'),
        direction: await newest().getAttribute('data-direction'),
        number: await newest().getAttribute('data-number'),
      }),
      { timeout: 10_000 },
    )
    .toEqual(want);
}

describe('call history', () => {
  it('lists an answered call with the customer, its talk time and outcome', async () => {
    const { agent } = rig;
    await agent.getByTestId('recent-calls').waitFor();
    await answerCallFrom(demoCustomers.vip.dialled);
    await agent.waitForTimeout(1500); // a second or more of talk time
    await endAndFile(rig.agent);
    await expectNewest({ outcome: 'answered', direction: 'inbound', number: demoCustomers.vip.phone });
    const text = await newest().innerText();
    expect(text).toContain(demoCustomers.vip.name);
    expect(text).toMatch(/0:0[1-9]/);
  });

  it('lists a call the caller gave up on while it rang as missed, visibly marked', async () => {
    const { agent, caller, agentUri } = rig;
    await caller.call({ target: agentUri, fromNumber: demoCustomers.mobile.dialled, displayName: '' });
    await agent.getByTestId('answer-button').waitFor({ timeout: 10_000 });
    await caller.hangup();
    await expectNewest({ outcome: 'missed', direction: 'inbound', number: demoCustomers.mobile.phone });
    expect(await newest().getAttribute('class')).toContain('outcome-missed');
    expect(await newest().getByTestId('recent-call-outcome').innerText()).toMatch(/Missed/);
    // Missed calls open no wrap-up: the agent is free for the next call at once.
    expect(await agent.getByTestId('wrapup-form').isVisible()).toBe(false);
  });

  it('"Call back" on a row dials its number: the third phone answers and hears the agent', async () => {
    const { agent, third } = rig;
    await agent.getByTestId('dial-input').fill(thirdExtension);
    await agent.getByTestId('dial-button').click();
    await expect
      .poll(async () => (await third!.dominantFrequency()).hz, { timeout: 15_000 })
      .toSatisfy(near(agentHz));
    await endAndFile(rig.agent);
    await expect.poll(() => third!.state(), { timeout: 10_000 }).toBe('idle');
    await expectNewest({ outcome: 'answered', direction: 'outbound', number: thirdExtension });

    // Keyboard: the row's button is reachable and named for the person called back.
    const callBack = newest().getByTestId('call-back');
    expect(await callBack.getAttribute('aria-label')).toContain(thirdExtension);
    await callBack.focus();
    await agent.keyboard.press('Enter');
    await expect
      .poll(async () => (await third!.dominantFrequency()).hz, { timeout: 15_000 })
      .toSatisfy(near(agentHz));
    expect(await agent.getByTestId('call-state').getAttribute('data-state')).toBe('established');
    // While the call is up, no row can dial.
    expect(await agent.getByTestId('call-back').first().isDisabled()).toBe(true);
    await endAndFile(rig.agent);
    await expect.poll(() => third!.state(), { timeout: 10_000 }).toBe('idle');
    await expectNewest({ outcome: 'answered', direction: 'outbound', number: thirdExtension });
  });

  it('lists a blind-transferred call as transferred', async () => {
    const { agent, caller, third } = rig;
    await answerCallFrom(demoCustomers.mobile.dialled);
    await agent.getByTestId('transfer-target').fill(thirdExtension);
    await agent.getByTestId('transfer-button').click();
    await expect
      .poll(async () => (await third!.dominantFrequency()).hz, { timeout: 15_000 })
      .toSatisfy(near(callerHz));
    await endAndFile(rig.agent);
    await caller.hangup();
    await expectNewest({ outcome: 'transferred', direction: 'inbound', number: demoCustomers.mobile.phone });
    await expect.poll(() => third!.state(), { timeout: 10_000 }).toBe('idle');
  });

  it("click-to-dial from the card's phone and follow-up: the INVITE goes out to that number", async () => {
    const { agent } = rig;
    const card = agent.getByTestId('screen-pop');
    // The VIP's card (two numbers, a pending follow-up) pops for their call.
    await answerCallFrom(demoCustomers.vip.dialled);
    await expect.poll(() => card.getAttribute('data-customer-id')).toBe(demoCustomers.vip.id);
    // On a call: the card's buttons are disabled.
    expect(await card.getByTestId('dial-phone').first().isDisabled()).toBe(true);
    await endAndFile(rig.agent);

    const other = demoCustomers.vip.otherPhones[0];
    await card.locator(`[data-testid="dial-phone"][data-number="${other}"]`).click();
    // Nobody is registered as that number on the bench: Kamailio refuses it, the agent is told.
    await agent.getByTestId('call-notice').waitFor({ timeout: 10_000 });
    await expectNewest({ outcome: 'failed', direction: 'outbound', number: other });
    await expect.poll(() => agent.getByTestId('call-state').getAttribute('data-state')).toBe('idle');

    await answerCallFrom(demoCustomers.vip.dialled);
    await endAndFile(rig.agent);
    const followUp = card.getByTestId('dial-followup').first();
    const primary = await followUp.getAttribute('data-number');
    expect(primary).toMatch(/^\+886/);
    await followUp.click();
    await agent.getByTestId('call-notice').waitFor({ timeout: 10_000 });
    await expectNewest({ outcome: 'failed', direction: 'outbound', number: primary! });
  });
});
