import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCustomers, hostileNote } from '../../shared/fixtures/demo-customers';
import { maxDisplayNameLength } from '../../shared';
import { startCallRig, type CallRig } from '../helpers/call-rig';

/**
 * Hostile or odd caller input reaching the real app through Kamailio: nothing crashes, text is shown
 * as text, nothing is injected, and the agent can go on taking calls.
 */
let rig: CallRig;

beforeAll(async () => {
  rig = await startCallRig({ agentToneHz: 600, callerToneHz: 1200 });
  await rig.registerAndWait();
});

afterAll(async () => {
  await rig?.stop();
});

/** Rings the agent, waits for the card, returns what it shows, and lets the caller give up. */
async function ringAndRead(call: { fromNumber: string; displayName: string; fromUri?: string }) {
  const { agent, caller, agentUri } = rig;
  await caller.call({ target: agentUri, ...call });
  const pop = agent.getByTestId('screen-pop');
  await pop.waitFor({ timeout: 10_000 });
  const shown = {
    kind: await pop.getAttribute('data-kind'),
    customerId: await pop.getAttribute('data-customer-id'),
    popText: (await pop.textContent()) ?? '',
    callerText: (await agent.getByTestId('incoming-call').textContent()) ?? '',
    injected: await agent
      .locator(
        '[data-testid="screen-pop"] img, [data-testid="screen-pop"] script, [data-testid="incoming-call"] img, [data-testid="incoming-call"] b',
      )
      .count(),
  };
  await caller.hangup();
  await agent.waitForSelector('[data-testid="call-state"][data-state="idle"]', { timeout: 10_000 });
  return shown;
}

describe('bad caller input', () => {
  it('a From header with no user part pops a new-caller card', async () => {
    const shown = await ringAndRead({
      fromNumber: '',
      displayName: 'No User',
      fromUri: `sip:${rig.kamailio.domain}`,
    });
    expect(shown.kind).toBe('new');
    expect(shown.customerId).toBe('');
  });

  it('"anonymous" pops a new-caller card', async () => {
    const shown = await ringAndRead({ fromNumber: 'anonymous', displayName: 'Anonymous' });
    expect(shown.kind).toBe('new');
  });

  it('a 10 kB display name is shown bounded, and the number still pops the customer', async () => {
    const shown = await ringAndRead({
      fromNumber: demoCustomers.mobile.dialled,
      displayName: '長'.repeat(10) + 'N'.repeat(10_000),
    });
    expect(shown.customerId).toBe(demoCustomers.mobile.id);
    expect(shown.callerText.length).toBeLessThan(maxDisplayNameLength + 100);
  });

  it('HTML in a display name is shown as text, not markup', async () => {
    const name = '<img src=x onerror=alert(1)><b>boss</b>';
    // An unknown number: the header shows the display name (a matched customer's name wins).
    const shown = await ringAndRead({ fromNumber: '0277770000', displayName: name });
    expect(shown.kind).toBe('new');
    expect(shown.callerText).toContain('<b>boss</b>');
    expect(shown.injected).toBe(0);
  });

  it('HTML in a customer name and a note from the cache is shown as text', async () => {
    const shown = await ringAndRead({ fromNumber: demoCustomers.hostile.dialled, displayName: 'x' });
    expect(shown.customerId).toBe(demoCustomers.hostile.id);
    expect(shown.popText).toContain('<script>alert(1)</script>');
    expect(shown.popText).toContain(hostileNote);
    expect(shown.injected).toBe(0);
  });

  it('numbers in every written form reach the same customer', async () => {
    for (const written of ['+886 2 2345 6789', '02-2345-6789', '886223456789']) {
      const shown = await ringAndRead({ fromNumber: written, displayName: 'VIP' });
      expect(shown.customerId, written).toBe(demoCustomers.vip.id);
    }
  });
});
