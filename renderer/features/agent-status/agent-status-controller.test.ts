import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared';
import { createAppStore } from '../../store/app-store';
import { AgentStatusController } from './agent-status-controller';

let status: AgentStatusController | null = null;
afterEach(() => status?.dispose());

function setup() {
  const store = createAppStore();
  const offered: boolean[] = [];
  status = new AgentStatusController(store, (o) => offered.push(o));
  return { store, offered, status };
}

describe('AgentStatusController and the pre-shift self-test', () => {
  it('refuses Ready until the self-test passed, and says why', () => {
    const { store, offered, status } = setup();
    expect(status.setReady()).toBe(false);
    expect(store.getState().agent.state).toBe('logged-out');
    expect(store.getState().notice?.key).toBe('selfTest.required');
    expect(offered).toEqual([]);
    store.setState({ selfTest: { ...store.getState().selfTest, status: 'passed' } });
    expect(status.setReady()).toBe(true);
    expect(store.getState().agent.state).toBe('ready');
    expect(offered).toEqual([true]);
  });

  it('accepts Ready after an override with a reason', () => {
    const { store, status } = setup();
    store.setState({
      selfTest: {
        ...store.getState().selfTest,
        status: 'overridden',
        override: { reason: 'supervisor-approved', at: new Date().toISOString() },
      },
    });
    expect(status.setReady()).toBe(true);
  });

  it('a direct call while Not Ready is On call, and after-call work goes back to the same Not Ready', async () => {
    const { store, status } = setup();
    store.getState().setSettings({ ...defaultSettings, acwSeconds: 1 });
    status.setNotReady('meeting');
    status.callStarted();
    expect(store.getState().agent.state).toBe('on-call');
    status.callEnded();
    expect(store.getState().agent.state).toBe('acw');
    await new Promise((r) => setTimeout(r, 1100));
    expect(store.getState().agent).toMatchObject({ state: 'not-ready', reason: 'meeting' });
  });

  it('a direct call while Logged out is On call, then Logged out again (never Ready by itself)', () => {
    const { store, status } = setup();
    store.getState().setSettings({ ...defaultSettings, acwSeconds: 0 });
    status.callStarted();
    expect(store.getState().agent.state).toBe('on-call');
    status.callEnded();
    expect(store.getState().agent.state).toBe('logged-out');
  });
});
