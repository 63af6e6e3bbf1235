import { beforeEach, describe, expect, it } from 'vitest';
import type { HostClient, WrapUp, WrapUpDraft } from '../../../shared';
import { createAppStore, type AppStore } from '../../store/app-store';
import { WrapUpController } from './wrap-up-controller';

/** A fake host that answers draft saves slowly and out of order unless the controller serialises them. */
function fakeHost() {
  const saved: string[] = [];
  const filed: WrapUp[] = [];
  let failSubmit = false;
  const host = {
    'wrapup:saveDraft': async (d: WrapUpDraft) => {
      // Earlier saves take longer: without serialisation the last write would be an old one.
      await new Promise((r) => setTimeout(r, Math.max(0, 20 - saved.length * 5)));
      saved.push(d.notes);
      return { savedAt: new Date().toISOString() };
    },
    'wrapup:submit': async (w: WrapUp) => {
      if (failSubmit) throw new Error('disk full');
      filed.push(w);
      return { interactionId: w.id, duplicate: false };
    },
    'wrapup:listDrafts': async () => [],
  } as unknown as HostClient;
  return { host, saved, filed, failNextSubmit: () => (failSubmit = true) };
}

const call = {
  callId: crypto.randomUUID(),
  number: '+886223456789',
  startedAt: '2026-11-25T01:00:00.000Z',
  endedAt: '2026-11-25T01:05:00.000Z',
};
let store: AppStore;
let fake: ReturnType<typeof fakeHost>;
let ctl: WrapUpController;

beforeEach(() => {
  fake = fakeHost();
  store = createAppStore();
  ctl = new WrapUpController(store, fake.host);
  ctl.begin(call, 'cust-1');
});

describe('wrap-up controller', () => {
  it('saves every change, in order, so the last save is the latest text', async () => {
    for (const notes of ['a', 'ab', 'abc']) ctl.edit({ notes });
    ctl.edit({ category: 'complaint', disposition: 'resolved' });
    await ctl.submit('陳美玲');
    expect(fake.saved).toEqual(['', 'a', 'ab', 'abc', 'abc']);
    expect(fake.filed).toHaveLength(1);
    expect(fake.filed[0]).toMatchObject({
      notes: 'abc',
      category: 'complaint',
      customerId: 'cust-1',
      agent: '陳美玲',
    });
    expect(store.getState().wrapUp?.status).toBe('filed');
  });

  it('refuses to file without category and disposition, keeping the draft', async () => {
    ctl.edit({ notes: 'half done' });
    await ctl.submit('a');
    expect(fake.filed).toHaveLength(0);
    expect(store.getState().wrapUp).toMatchObject({ status: 'error', error: 'required' });
    expect(store.getState().wrapUp?.draft.notes).toBe('half done');
  });

  it('keeps the form and its text when filing fails', async () => {
    ctl.edit({ category: 'inquiry', disposition: 'resolved', notes: 'keep me' });
    fake.failNextSubmit();
    await ctl.submit('a');
    expect(store.getState().wrapUp).toMatchObject({ status: 'error', error: 'disk full' });
    expect(store.getState().wrapUp?.draft.notes).toBe('keep me');
  });
});
