import { beforeEach, describe, expect, it } from 'vitest';
import type { HostClient, WrapUp, WrapUpDraft } from '../../../shared';
import { createAppStore, type AppStore } from '../../store/app-store';
import { WrapUpController } from './wrap-up-controller';

/** A fake host that answers draft saves slowly and out of order unless the controller serialises them. */
function fakeHost() {
  const saved: string[] = [];
  const filed: WrapUp[] = [];
  let failSubmit = false;
  const drafts: WrapUpDraft[] = [];
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
    'wrapup:listDrafts': async () => drafts,
  } as unknown as HostClient;
  return { host, saved, filed, drafts, failNextSubmit: () => (failSubmit = true) };
}

const call = {
  callId: crypto.randomUUID(),
  number: '+886223456789',
  startedAt: '2026-11-25T01:00:00.000Z',
  line: 1 as const,
  label: '王小明',
};
const endedAt = '2026-11-25T01:05:00.000Z';
let store: AppStore;
let fake: ReturnType<typeof fakeHost>;
let ctl: WrapUpController;
const entry = (id = call.callId) => store.getState().wrapUps.entries[id];

beforeEach(() => {
  fake = fakeHost();
  store = createAppStore();
  ctl = new WrapUpController(store, fake.host);
  ctl.open(call, 'cust-1');
});

describe('wrap-up controller', () => {
  it('opens at the answer naming its call, and takes notes while the call is up', () => {
    ctl.edit(call.callId, { notes: 'bill charged twice' });
    expect(entry()?.draft).toMatchObject({
      label: '王小明',
      line: 1,
      endedAt: null,
      notes: 'bill charged twice',
    });
  });

  it('saves every change, in order, so the last save is the latest text', async () => {
    for (const notes of ['a', 'ab', 'abc']) ctl.edit(call.callId, { notes });
    ctl.edit(call.callId, { category: 'complaint', disposition: 'resolved' });
    ctl.callEnded(call.callId, endedAt, null);
    expect(await ctl.submit(call.callId, '陳美玲')).toBe(true);
    expect(fake.saved).toEqual(['', 'a', 'ab', 'abc', 'abc', 'abc']);
    expect(fake.filed).toHaveLength(1);
    expect(fake.filed[0]).toMatchObject({
      notes: 'abc',
      category: 'complaint',
      customerId: 'cust-1',
      agent: '陳美玲',
      endedAt,
    });
    expect(entry()).toBeUndefined(); // filed: the form leaves the list, the confirmation names it
    expect(store.getState().lastFiled).toEqual({ callId: call.callId, label: '王小明' });
  });

  it('does not file while the call is still up', async () => {
    ctl.edit(call.callId, { category: 'inquiry', disposition: 'resolved' });
    expect(await ctl.submit(call.callId, 'a')).toBe(false);
    expect(fake.filed).toHaveLength(0);
    expect(entry()).toMatchObject({ status: 'error', error: 'inCall' });
  });

  it('refuses to file without category and disposition, keeping the draft', async () => {
    ctl.edit(call.callId, { notes: 'half done' });
    ctl.callEnded(call.callId, endedAt, null);
    await ctl.submit(call.callId, 'a');
    expect(fake.filed).toHaveLength(0);
    expect(entry()).toMatchObject({ status: 'error', error: 'required' });
    expect(entry()?.draft.notes).toBe('half done');
  });

  it('keeps the form and its text when filing fails', async () => {
    ctl.edit(call.callId, { category: 'inquiry', disposition: 'resolved', notes: 'keep me' });
    ctl.callEnded(call.callId, endedAt, null);
    fake.failNextSubmit();
    await ctl.submit(call.callId, 'a');
    expect(entry()).toMatchObject({ status: 'error', error: 'disk full' });
    expect(entry()?.draft.notes).toBe('keep me');
  });

  it('keeps each call to its own notes: two calls, two records', async () => {
    const second = { ...call, callId: crypto.randomUUID(), line: 2 as const, label: '+8613800138000' };
    ctl.open(second, null);
    ctl.edit(call.callId, { notes: 'first caller' });
    ctl.edit(second.callId, { notes: 'second caller' });
    ctl.callEnded(second.callId, endedAt, null);
    ctl.edit(second.callId, { category: 'inquiry', disposition: 'resolved' });
    await ctl.submit(second.callId, 'a');
    expect(fake.filed.map((w) => [w.callId, w.notes, w.customerId])).toEqual([
      [second.callId, 'second caller', null],
    ]);
    expect(entry()?.draft.notes).toBe('first caller');
    expect(ctl.pending().map((e) => e.draft.callId)).toEqual([call.callId]);
    expect(store.getState().wrapUps.order).toEqual([call.callId]);
    expect(store.getState().lastFiled).toEqual({ callId: second.callId, label: '+8613800138000' });
  });

  it('a customer found after the answer is the one the record is filed against', () => {
    ctl.identify(call.callId, { id: 'cust-9', name: '李娜' });
    expect(entry()?.draft).toMatchObject({ customerId: 'cust-9', label: '李娜' });
  });

  it('brings back every unfiled draft after a restart, oldest first, ended by then', async () => {
    const lost = (n: number): WrapUpDraft => ({
      callId: crypto.randomUUID(),
      customerId: null,
      phone: `0223456${n}`,
      startedAt: '2026-11-25T00:00:00.000Z',
      endedAt: null,
      category: null,
      priority: 'normal',
      disposition: null,
      notes: `draft ${n}`,
      updatedAt: `2026-11-25T00:0${n}:00.000Z`,
    });
    fake.drafts.push(lost(2), lost(1)); // the host lists the newest first
    const fresh = createAppStore();
    const back = await new WrapUpController(fresh, fake.host).restore();
    expect(back.map((d) => d.notes)).toEqual(['draft 1', 'draft 2']);
    const restored = fresh.getState().wrapUps;
    expect(restored.order.map((id) => restored.entries[id]?.draft.notes)).toEqual(['draft 1', 'draft 2']);
    expect(restored.entries[restored.order[0]!]).toMatchObject({ restored: true });
    expect(restored.entries[restored.order[0]!]?.draft.endedAt).toBe('2026-11-25T00:01:00.000Z');
  });
});
