import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterAccountAndRegister, fileWrapUp, near } from '../helpers/agent-ui';
import { agentPassword, startCallRig, type CallRig } from '../helpers/call-rig';
import { dominantFrequency } from '../helpers/chromium';
import { startTcpCutter, type TcpCutter } from '../helpers/tcp-cutter';

/**
 * The call survives the signalling path: the agent's WebSocket cut mid-call (a network drop) and
 * Kamailio restarted mid-call. Media keeps flowing; the phone reconnects and registers again by
 * itself; in-dialog requests (hold, BYE both ways) work over the new connection.
 */
const agentHz = 700;
const callerHz = 1400;
let rig: CallRig;
let cutter: TcpCutter;

beforeAll(async () => {
  rig = await startCallRig({ agentToneHz: agentHz, callerToneHz: callerHz });
  cutter = await startTcpCutter(Number(new URL(rig.kamailio.wsUrl).port));
  // The agent reaches Kamailio through a relay the test can cut; the caller connects directly.
  await enterAccountAndRegister(rig.agent, {
    wsUrl: `ws://127.0.0.1:${cutter.port}`,
    sipUri: rig.agentUri,
    authUser: '1001',
    password: agentPassword,
  });
  await registered(15_000);
});
afterAll(async () => {
  await rig?.stop();
  await cutter?.close();
});

const registrationState = () => rig.agent.getByTestId('registration-state').getAttribute('data-state');
const registered = (timeout: number) =>
  rig.agent.waitForSelector('[data-testid="registration-state"][data-state="registered"]', { timeout });

async function talking() {
  await expect
    .poll(async () => (await rig.caller.dominantFrequency()).hz, { timeout: 10_000 })
    .toSatisfy(near(agentHz));
  await expect
    .poll(async () => (await dominantFrequency(rig.agent, { ms: 400 })).hz, { timeout: 10_000 })
    .toSatisfy(near(callerHz));
}

async function answerCall() {
  await rig.caller.call({ target: rig.agentUri, fromNumber: '0223456789', displayName: '' });
  await rig.agent.getByTestId('answer-button').click({ timeout: 10_000 });
  await talking();
}

describe('resilience', () => {
  it('WebSocket cut mid-call: reconnects and re-registers, media goes on, hold and the far side’s BYE work over the new connection', async () => {
    const { agent, caller } = rig;
    await answerCall();
    const before = cutter.connections();
    cutter.cut();
    await expect.poll(registrationState, { timeout: 5_000 }).not.toBe('registered');
    await registered(10_000);
    expect(cutter.connections()).toBeGreaterThan(before);
    expect(await agent.getByTestId('call-state').getAttribute('data-state')).toBe('established');
    await talking();

    await agent.getByTestId('hold-button').click();
    await expect.poll(async () => (await caller.dominantFrequency()).hz, { timeout: 10_000 }).toBe(0);
    await agent.getByTestId('hold-button').click();
    await talking();

    // The caller's BYE finds the agent on the new connection (the re-INVITE refreshed the target).
    await caller.hangup();
    await fileWrapUp(rig.agent);
  });

  it('a silent dead path (nothing answers, nothing resets): the keep-alive finds it, the phone stops saying "registered", and registers again once the path is back', async () => {
    await registered(10_000);
    const before = cutter.connections();
    cutter.freeze();
    // CRLF keep-alive every ~25 s, dead after 10 s without a pong: well inside 45 s.
    await expect.poll(registrationState, { timeout: 45_000, interval: 250 }).not.toBe('registered');
    // Reconnects meanwhile reach nothing (their handshakes are dropped too).
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await registrationState()).not.toBe('registered');
    cutter.thaw();
    await registered(15_000);
    expect(cutter.connections()).toBeGreaterThan(before);
  });

  it('Kamailio restarted mid-call: media goes on while it is down; the agent is registered again soon after it is back; hang-up reaches the caller', async () => {
    const { agent, caller, kamailio } = rig;
    await answerCall();
    await kamailio.stop();
    await expect.poll(registrationState, { timeout: 5_000 }).not.toBe('registered');
    await talking(); // media never went through Kamailio
    await kamailio.start();
    // Retries are capped at ~1.5 s: back well within a few seconds (usually under 2 s).
    await registered(5_000);
    await caller.reconnect(); // the customer's phone comes back too
    expect(await agent.getByTestId('call-state').getAttribute('data-state')).toBe('established');
    await talking();
    await agent.getByTestId('hangup-button').click();
    await expect.poll(() => caller.state(), { timeout: 10_000 }).toMatch(/idle|Terminated/);
    await fileWrapUp(rig.agent);
  });
});
