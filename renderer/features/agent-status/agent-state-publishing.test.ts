import { describe, expect, it } from 'vitest';
import type { HostInput } from '../../../shared';
import { createAppStore } from '../../store/app-store';
import { AgentStatusController } from './agent-status-controller';
import { publishAgentStates } from './agent-state-publishing';

describe('publishAgentStates', () => {
  it('hands each state change to the host once, and host failures never reach the caller', async () => {
    const store = createAppStore();
    store.setState({ selfTest: { ...store.getState().selfTest, status: 'passed' } });
    const sent: HostInput<'agent:publishState'>[] = [];
    const logged: string[] = [];
    let fail = false;
    const host = {
      'agent:publishState': async (input: HostInput<'agent:publishState'>) => {
        sent.push(input);
        if (fail) throw new Error('disconnected');
        return { queued: true };
      },
    };
    let now = Date.parse('2026-11-25T01:00:00.000Z');
    const status = new AgentStatusController(
      store,
      () => {},
      () => now,
    );
    const stop = publishAgentStates(store, host, (m) => logged.push(m));
    status.setReady();
    now += 1000;
    status.callStarted();
    store.getState().setNotice('anything'); // not a state change
    now += 60_000;
    status.callEnded(); // after-call work (its countdown re-sets the status each second)
    store.getState().setAgent({ ...store.getState().agent });
    fail = true;
    now += 5000;
    expect(() => status.setNotReady('meal')).not.toThrow();
    await Promise.resolve();
    status.dispose();
    stop();
    expect(sent.map((s) => [s.state, s.reason ?? null])).toEqual([
      ['logged-out', null],
      ['ready', null],
      ['on-call', null],
      ['acw', null],
      ['not-ready', 'meal'],
    ]);
    expect(sent[4]?.since).toBe('2026-11-25T01:01:06.000Z');
    expect(logged).toEqual([expect.stringMatching(/not handed to the host/)]);
  });
});
