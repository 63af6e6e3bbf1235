import { describe, expect, it } from 'vitest';
import type { WrapUpDraft } from '../../../shared';
import { createAppStore } from '../../store/app-store';
import { WrapUpQueue } from './wrap-up-queue';

const call = (callId: string) => ({ callId, number: '+886223456789', startedAt: 't', endedAt: 't' });

function setup() {
  const store = createAppStore();
  const begun: string[] = [];
  const wrapUps = {
    begin: (c: { callId: string }) => {
      begun.push(c.callId);
      const draft = { callId: c.callId } as WrapUpDraft;
      store.setState({ wrapUp: { draft, status: 'editing', error: null, restored: false } });
    },
  };
  return { store, begun, queue: new WrapUpQueue(store, wrapUps) };
}

const file = (store: ReturnType<typeof createAppStore>) => {
  const w = store.getState().wrapUp!;
  store.setState({ wrapUp: { ...w, status: 'filed' } });
};

describe('WrapUpQueue', () => {
  it('opens a form at once when none is open or the open one is filed', () => {
    const { store, begun, queue } = setup();
    queue.add(call('a'), null);
    file(store);
    queue.add(call('b'), null);
    expect(begun).toEqual(['a', 'b']);
  });

  it('keeps later forms waiting, in order, until each open one is filed or closed', () => {
    const { store, begun, queue } = setup();
    queue.add(call('a'), null);
    queue.add(call('b'), null);
    queue.add(call('c'), null);
    expect(begun).toEqual(['a']);
    expect(queue.waiting()).toBe(2);
    store.getState().setNotice('unrelated change'); // not a filing
    expect(begun).toEqual(['a']);
    file(store);
    expect(begun).toEqual(['a', 'b']);
    store.setState({ wrapUp: null }); // closed
    expect(begun).toEqual(['a', 'b', 'c']);
    expect(queue.waiting()).toBe(0);
  });
});
