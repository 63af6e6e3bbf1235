import { describe, expect, it } from 'vitest';
import type { WrapUpDraft } from '../../shared';
import { createAppStore } from '../store/app-store';
import { gateShown, workspaceCallId } from './workspace-selectors';

const draft = (callId: string): WrapUpDraft => ({
  callId,
  customerId: null,
  phone: '+886223456789',
  startedAt: '2026-12-02T01:00:00.000Z',
  endedAt: '2026-12-02T01:05:00.000Z',
  category: null,
  priority: 'normal',
  disposition: null,
  notes: '',
  updatedAt: '2026-12-02T01:05:00.000Z',
});
const queue = (store: ReturnType<typeof createAppStore>, id: string) =>
  store.getState().putWrapUp({ draft: draft(id), status: 'editing', error: null, restored: false });

describe('the call the workspace is about', () => {
  it('the call in focus, else the oldest wrap-up to file, else the call filed last', () => {
    const store = createAppStore();
    expect(workspaceCallId(store.getState())).toBeNull();
    queue(store, 'q1');
    queue(store, 'q2');
    expect(workspaceCallId(store.getState())).toBe('q1');
    store.getState().ring({ callId: 'live', number: '0223456789', displayName: '' }, new Date());
    expect(workspaceCallId(store.getState())).toBe('live');
    store.getState().pinCall('q2'); // the agent opened a queued wrap-up
    expect(workspaceCallId(store.getState())).toBe('q2');
    store.getState().markFiled('q2'); // filed: back to the call in focus
    expect(workspaceCallId(store.getState())).toBe('live');
    store.getState().dropCall('live');
    store.getState().markFiled('q1');
    expect(workspaceCallId(store.getState())).toBe('q1'); // the last customer's card stays
    store.getState().clearLastFiled();
    expect(workspaceCallId(store.getState())).toBeNull();
  });

  it('the pre-shift check stands in front only while it runs or failed, and never over a call', () => {
    const store = createAppStore();
    const selfTest = store.getState().selfTest;
    store.getState().setSelfTest({ ...selfTest, status: 'failed' });
    expect(gateShown(store.getState())).toBe(true);
    store.getState().ring({ callId: 'c', number: '0223456789', displayName: '' }, new Date());
    expect(gateShown(store.getState())).toBe(false);
    store.getState().dropCall('c');
    store.getState().setSelfTest({ ...selfTest, status: 'overridden' });
    expect(gateShown(store.getState())).toBe(false);
  });
});
