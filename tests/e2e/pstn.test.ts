import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileWrapUp, near, openDialPad } from '../helpers/agent-ui';
import { pstnExtension, startCallRig, thirdExtension, type CallRig } from '../helpers/call-rig';
import { dominantFrequency } from '../helpers/chromium';

const nearHz = (hz: number) => near(hz, 40);

/**
 * Calls from the telephone network (issue 4): a plain-SIP phone (baresip: UDP, RTP/AVP, G.711, no
 * ICE, no SRTP) reaches the agent's WebRTC softphone through Kamailio and rtpengine, which anchors
 * the media and converts it leg by leg (ICE + DTLS-SRTP + rtcp-mux toward the browser). Each side
 * plays its own tone, so every check is "who hears whom".
 */
const agentHz = 700;
const phoneHz = 1000;
const webrtcCallerHz = 1400;
const thirdToneHz = 2100;
let rig: CallRig;

beforeAll(async () => {
  rig = await startCallRig({
    agentToneHz: agentHz,
    callerToneHz: webrtcCallerHz,
    thirdToneHz,
    pstn: { toneHz: phoneHz },
  });
  await rig.registerAndWait();
});
afterAll(async () => rig?.stop());

const phone = () => rig.pstnPhone!;
const agentHears = async () => (await dominantFrequency(rig.agent, { ms: 400 })).hz;
const phoneHears = async () => (await phone().listen(400)).hz;

/** The phone calls agent 1001, the agent answers in the UI; both tones arrive. */
async function phoneCallsAgent() {
  const { agent, agentUri } = rig;
  const since = phone().events.length;
  await phone().dial(agentUri);
  await agent.getByTestId('answer-button').click({ timeout: 10_000 });
  await phone().waitForEvent('CALL_ESTABLISHED', { since });
  await expect.poll(agentHears, { timeout: 10_000 }).toSatisfy(nearHz(phoneHz));
  await expect.poll(phoneHears, { timeout: 10_000 }).toSatisfy(nearHz(agentHz));
}

async function expectNoMediaSessions() {
  await expect.poll(() => rig.rtpengine!.sessions(), { timeout: 5_000 }).toEqual([]);
}

describe('PSTN: a plain-RTP phone and the WebRTC agent, media anchored in rtpengine', () => {
  it('the phone calls, the agent answers: each hears the other; mute and hold silence the agent; the phone hangs up', async () => {
    const { agent } = rig;
    await phoneCallsAgent();

    // Mute: the phone keeps receiving (silence), and the customer is still heard.
    await agent.getByTestId('mute-button').click();
    await expect
      .poll(
        async () => {
          const heard = await phone().listen(400);
          return heard.samples > 0 ? heard.hz : -1;
        },
        { timeout: 10_000 },
      )
      .toBe(0);
    expect(await agentHears()).toSatisfy(nearHz(phoneHz));
    await agent.getByTestId('mute-button').click();
    await expect.poll(phoneHears, { timeout: 10_000 }).toSatisfy(nearHz(agentHz));

    // Hold and resume are re-INVITEs through rtpengine (SAVPF offer on one leg, AVP on the other).
    // Checked on the agent's side: baresip 1.0 stops its receive recording at a re-INVITE.
    await agent.getByTestId('hold-button').click();
    await expect.poll(() => agent.getByTestId('hold-button').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(agentHears, { timeout: 10_000 }).toBe(0);
    await agent.getByTestId('hold-button').click();
    await expect.poll(() => agent.getByTestId('hold-button').getAttribute('aria-pressed')).toBe('false');
    await expect.poll(agentHears, { timeout: 10_000 }).toSatisfy(nearHz(phoneHz));
    // The phone still sends and receives on the anchored leg after the re-INVITEs.
    expect(phone().events.at(-1)?.type).not.toBe('CALL_CLOSED');

    const since = phone().events.length;
    await phone().hangup();
    await phone().waitForEvent('CALL_CLOSED', { since });
    await fileWrapUp(rig.agent);
    await expectNoMediaSessions();
  });

  it('DTMF from the dial pad reaches the phone as RFC 4733 telephone-events; the agent hangs up', async () => {
    const { agent } = rig;
    await phoneCallsAgent();
    const before = phone().dtmfReceived().length;
    // One key at a time, as a person presses them (a new tone replaces the sender's queued ones).
    let sent = '';
    await openDialPad(agent);
    for (const [k, digit] of [
      ['1', '1'],
      ['2', '2'],
      ['hash', '#'],
    ] as const) {
      await agent.getByTestId(`dialpad-${k}`).click();
      sent += digit;
      await expect.poll(() => phone().dtmfReceived().slice(before), { timeout: 10_000 }).toBe(sent);
    }
    const since = phone().events.length;
    await agent.getByTestId('hangup-button').click();
    await phone().waitForEvent('CALL_CLOSED', { since });
    await fileWrapUp(rig.agent);
    await expectNoMediaSessions();
  });

  it('the agent dials the phone (WebRTC offer to a plain-RTP answer) and they talk both ways', async () => {
    const { agent } = rig;
    const since = phone().events.length;
    await agent.getByTestId('dial-input').fill(pstnExtension);
    await agent.getByTestId('dial-button').click();
    await phone().waitForEvent('CALL_INCOMING', { since });
    await phone().answer();
    await expect.poll(agentHears, { timeout: 10_000 }).toSatisfy(nearHz(phoneHz));
    await expect.poll(phoneHears, { timeout: 10_000 }).toSatisfy(nearHz(agentHz));
    await agent.getByTestId('hangup-button').click();
    await phone().waitForEvent('CALL_CLOSED', { since });
    await fileWrapUp(rig.agent);
    await expectNoMediaSessions();
  });

  it('Kamailio restarted mid-call: the media keeps flowing through rtpengine, the agent is registered again, its hang-up reaches the phone', async () => {
    const { agent, kamailio } = rig;
    await phoneCallsAgent();
    const since = phone().events.length;
    await kamailio.stop();
    await expect
      .poll(() => agent.getByTestId('registration-state').getAttribute('data-state'), { timeout: 5_000 })
      .not.toBe('registered');
    await expect.poll(agentHears, { timeout: 10_000 }).toSatisfy(nearHz(phoneHz));
    await kamailio.start();
    await agent.waitForSelector('[data-testid="registration-state"][data-state="registered"]', {
      timeout: 5_000,
    });
    expect(await agent.getByTestId('call-state').getAttribute('data-state')).toBe('established');
    await expect.poll(agentHears, { timeout: 10_000 }).toSatisfy(nearHz(phoneHz));
    // The BYE goes over the agent's new connection and on to the phone's UDP address.
    await agent.getByTestId('hangup-button').click();
    await phone().waitForEvent('CALL_CLOSED', { since });
    await fileWrapUp(rig.agent);
    await expectNoMediaSessions();
    // The restart dropped the WebRTC phones too (later tests use them).
    await rig.caller.reconnect();
    await rig.third?.reconnect();
  });

  it('blind transfer of a phone call: the phone calls the third party (WebRTC) and they talk; the agent is free', async () => {
    const { agent, third } = rig;
    await phoneCallsAgent();
    await agent.getByTestId('transfer-target').fill(thirdExtension);
    await agent.getByTestId('transfer-button').click();
    await expect
      .poll(async () => (await third!.dominantFrequency()).hz, { timeout: 15_000 })
      .toSatisfy(nearHz(phoneHz));
    await fileWrapUp(rig.agent);
    await third!.hangup();
    await expect.poll(() => third!.state(), { timeout: 10_000 }).toMatch(/idle|Terminated/);
    await expectNoMediaSessions();
  });

  it('call waiting with a phone call on the line: the WebRTC caller is answered, the phone held; swap back', async () => {
    const { agent, caller, agentUri } = rig;
    await phoneCallsAgent();
    const since = phone().events.length;
    await caller.call({ target: agentUri, fromNumber: '0223456789', displayName: '' });
    await agent.getByTestId('waiting-answer').click({ timeout: 10_000 });
    await expect.poll(agentHears, { timeout: 10_000 }).toSatisfy(nearHz(webrtcCallerHz));
    await expect.poll(() => agent.getByTestId('other-line').getAttribute('data-state')).toBe('held');
    await agent.getByTestId('swap-button').click();
    await expect.poll(agentHears, { timeout: 10_000 }).toSatisfy(nearHz(phoneHz));
    await caller.hangup();
    // The held caller hung up: its wrap-up waits in the list while the phone call goes on.
    await fileWrapUp(rig.agent, { queued: true });
    await agent.getByTestId('hangup-button').click();
    await phone().waitForEvent('CALL_CLOSED', { since });
    await fileWrapUp(rig.agent);
    await expectNoMediaSessions();
  });

  it('a call the agent does not take leaves no media session behind', async () => {
    const { agent, agentUri } = rig;
    const since = phone().events.length;
    await phone().dial(agentUri);
    await agent.getByTestId('answer-button').waitFor({ timeout: 10_000 });
    expect((await rig.rtpengine!.sessions()).length).toBe(1);
    await phone().hangup(); // CANCEL
    await phone().waitForEvent('CALL_CLOSED', { since });
    await expect.poll(() => agent.getByTestId('answer-button').isVisible()).toBe(false);
    await expectNoMediaSessions();
  });

  it('a WebRTC caller still talks to the agent with the media anchored (WebRTC on both legs)', async () => {
    const { agent, caller, agentUri } = rig;
    await caller.call({ target: agentUri, fromNumber: '0223456789', displayName: '' });
    await agent.getByTestId('answer-button').click({ timeout: 10_000 });
    await expect
      .poll(async () => (await caller.dominantFrequency()).hz, { timeout: 10_000 })
      .toSatisfy(nearHz(agentHz));
    await expect.poll(agentHears, { timeout: 10_000 }).toSatisfy(nearHz(webrtcCallerHz));
    await caller.hangup();
    await fileWrapUp(rig.agent);
    await expectNoMediaSessions();
  });
});
