import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostClient, SyncStatus } from '../../../shared';
import { createAppStore } from '../../store/app-store';
import { SyncStatusPoller } from './sync-status';

const status = (pending: number): SyncStatus => ({
  connection: 'online',
  phase: 'idle',
  progress: null,
  lastSyncAt: null,
  error: null,
  user: null,
  outbox: { pending, rejected: 0 },
});

/** A host whose sync:status answers with the next queued status (or fails when told to). */
function fakeHost() {
  let calls = 0;
  let failing = false;
  const host = {
    'sync:status': async () => {
      calls++;
      if (failing) throw new Error('sync:status: disconnected: gone');
      return status(calls);
    },
  } as unknown as HostClient;
  return { host, calls: () => calls, fail: () => (failing = true) };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('sync status poller', () => {
  it('asks at once, then once a second, and stops when told', async () => {
    const fake = fakeHost();
    const store = createAppStore();
    const poller = new SyncStatusPoller(store, fake.host);
    poller.start();
    poller.start(); // a second start does not start a second chain
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.calls()).toBe(1);
    expect(store.getState().sync?.outbox.pending).toBe(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(fake.calls()).toBe(4);
    poller.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(fake.calls()).toBe(4);
  });

  it('keeps the last known status while the host cannot answer', async () => {
    const fake = fakeHost();
    const store = createAppStore();
    const poller = new SyncStatusPoller(store, fake.host);
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    fake.fail();
    await vi.advanceTimersByTimeAsync(2000);
    expect(fake.calls()).toBe(3);
    expect(store.getState().sync?.outbox.pending).toBe(1);
    poller.stop();
  });

  it('does not replace an unchanged status, so subscribers are not woken every second', () => {
    const store = createAppStore();
    store.getState().setSync(status(2));
    const first = store.getState().sync;
    store.getState().setSync(status(2));
    expect(store.getState().sync).toBe(first);
    store.getState().setSync(status(3));
    expect(store.getState().sync).not.toBe(first);
  });
});
