import { describe, expect, it, vi } from 'vitest';
import type { CallLogEntry, HostClient, ScreenPop, WrapUpDraft } from '../../../shared';
import { createAppStore } from '../../store/app-store';
import { AgentStatusController } from '../agent-status';
import { CallRecorder } from '../call-history';
import { PopLoader } from '../screen-pop';
import { WrapUpController } from '../wrap-up';
import type { SipPhoneDelegate } from './sip-phone';
import { Telephony, type PhoneLike } from './telephony';

const customer = (id: string, name: string): ScreenPop =>
  ({
    kind: 'known',
    phone: '+886223456789',
    customer: { id, name, vip: false, phones: ['+886223456789'], products: [] },
    interactions: [],
    complaints: [],
    followUps: [],
  }) as unknown as ScreenPop;

/** Everything Telephony talks to, faked at its edges: the SIP phone, the host, sounds. */
function rig(opts: { popDelayMs?: number; pops?: Record<string, ScreenPop> } = {}) {
  const store = createAppStore();
  const drafts: WrapUpDraft[] = [];
  const recorded: unknown[] = [];
  const host = {
    'cache:screenPop': async ({ number }: { number: string }) => {
      if (opts.popDelayMs) await new Promise((r) => setTimeout(r, opts.popDelayMs));
      return (
        opts.pops?.[number] ?? ({ kind: 'new', phone: number, rawNumber: number } as unknown as ScreenPop)
      );
    },
    'wrapup:saveDraft': async (d: WrapUpDraft) => {
      drafts.push(d);
      return { savedAt: new Date().toISOString() };
    },
    'wrapup:listDrafts': async () => [],
    'wrapup:submit': async () => ({ interactionId: 'x', duplicate: false }),
    'calls:record': async (entry: CallLogEntry) => {
      recorded.push(entry);
      return { added: true };
    },
    'credentials:getSipPassword': async () => ({ password: null }),
    'media:iceServers': async () => ({ iceServers: [], iceTransportPolicy: 'all' as const }),
  } as unknown as HostClient;
  const legs = {
    answer: vi.fn(async () => undefined),
    reject: vi.fn(async () => undefined),
    hangup: vi.fn(async () => undefined),
    dial: vi.fn(() => 'out-1'),
    setHeld: vi.fn(async () => true),
    setFocus: vi.fn(),
    setMuted: vi.fn(),
    sendDtmf: vi.fn(async () => true),
    transfer: vi.fn(async () => undefined),
    completeTransfer: vi.fn(async () => undefined),
    replaceMicrophone: vi.fn(async () => true),
    peerConnection: vi.fn(() => null),
  };
  let delegate!: SipPhoneDelegate;
  const phone: PhoneLike = {
    start: vi.fn(async () => undefined),
    stop: vi.fn(async () => undefined),
    setIce: vi.fn(),
    setOffered: vi.fn(async () => undefined),
    ping: vi.fn(async () => 3),
    reconnectNow: vi.fn(),
    legs,
  };
  const ringtone = { warmUp: vi.fn(), start: vi.fn(), stop: vi.fn(), waitingBeep: vi.fn() };
  const notify = vi.fn();
  const wrapUps = new WrapUpController(store, host);
  const agentStatus = new AgentStatusController(store, () => undefined);
  let sampling: string | null = null;
  const telephony = new Telephony({
    store,
    host,
    createPhone: (d) => {
      delegate = d;
      return phone;
    },
    pops: new PopLoader(store, host),
    wrapUps,
    history: new CallRecorder(host),
    agentStatus,
    quality: {
      start: (id) => void (sampling = id),
      stop: () => {
        sampling = null;
        return null;
      },
      running: () => sampling,
    },
    devices: {
      start: async () => undefined,
      refresh: async () => undefined,
      micConstraints: () => true,
      outputId: () => 'default',
      onOutputChanged: () => undefined,
    },
    ringtone,
    notify,
  });
  const lines = () => store.getState().lines;
  /** Waits for the ring path (lookup raced against its 50 ms cap) to commit. */
  const settle = (ms = 70) => new Promise((r) => setTimeout(r, ms));
  return { store, telephony, delegate, legs, ringtone, notify, drafts, recorded, lines, settle };
}

describe('Telephony', () => {
  it('commits the ringing call and its card together, then answers on the right leg', async () => {
    const r = rig({ pops: { '0223456789': customer('c1', '李娜') } });
    r.delegate.onIncoming({ callId: 'a', number: '0223456789', displayName: 'Spoofed name' });
    expect(r.lines().focused).toBeNull(); // nothing shows before the card is there
    await r.settle(5);
    expect(r.lines().focused).toMatchObject({ callId: 'a', state: 'ringing', line: 1 });
    expect(r.store.getState().pops.a?.status).toBe('ready');
    expect(r.ringtone.start).toHaveBeenCalledOnce();
    expect(r.notify).toHaveBeenCalledOnce();
    await r.telephony.answer();
    expect(r.ringtone.stop).toHaveBeenCalled();
    expect(r.legs.answer).toHaveBeenCalledWith(true, 'a');
    expect(r.lines().focused?.state).toBe('connecting');
  });

  it('rings after at most 50 ms when the lookup is slow, and the late card still lands', async () => {
    const r = rig({ popDelayMs: 120, pops: { '0223456789': customer('c1', '李娜') } });
    r.delegate.onIncoming({ callId: 'a', number: '0223456789', displayName: '' });
    await r.settle(70);
    expect(r.lines().focused?.state).toBe('ringing');
    expect(r.store.getState().pops.a).toBeUndefined();
    await r.settle(100);
    expect(r.store.getState().pops.a?.status).toBe('ready');
  });

  it('opens the notes at the answer, named for the customer, and queues them when the call ends', async () => {
    const r = rig({ pops: { '0223456789': customer('c1', '李娜') } });
    r.delegate.onIncoming({ callId: 'a', number: '0223456789', displayName: 'X' });
    await r.settle(5);
    await r.telephony.answer();
    r.delegate.onEstablished('a');
    const open = r.store.getState().wrapUps.entries.a;
    expect(open?.draft).toMatchObject({ customerId: 'c1', label: '李娜', line: 1, endedAt: null });
    expect(r.store.getState().agent.state).toBe('on-call');
    r.delegate.onEnded('a', true);
    expect(r.lines().focused).toBeNull();
    expect(r.store.getState().wrapUps.entries.a?.draft.endedAt).not.toBeNull();
    // The card stays while its wrap-up waits.
    expect(r.store.getState().pops.a?.status).toBe('ready');
    expect(r.recorded).toHaveLength(1); // the seat's call history, one record
  });

  it('a call missed while ringing gets no wrap-up, and says so', async () => {
    const r = rig();
    r.delegate.onIncoming({ callId: 'a', number: '0223456789', displayName: '' });
    await r.settle(5);
    r.delegate.onEnded('a', false);
    expect(r.store.getState().wrapUps.order).toEqual([]);
    expect(r.store.getState().notice?.key).toBe('call.missed');
    expect(r.store.getState().pops.a).toBeUndefined();
  });

  it('a call that ends before its ring was shown never shows', async () => {
    const r = rig({ popDelayMs: 20 });
    r.delegate.onIncoming({ callId: 'a', number: '0223456789', displayName: '' });
    r.delegate.onEnded('a', false);
    await r.settle(70);
    expect(r.lines().focused).toBeNull();
    expect(r.ringtone.start).not.toHaveBeenCalled();
  });

  it('call waiting: answering holds the first call; each call keeps its own notes; swap follows', async () => {
    const r = rig();
    r.delegate.onIncoming({ callId: 'a', number: '0223456789', displayName: 'A' });
    await r.settle(5);
    await r.telephony.answer();
    r.delegate.onEstablished('a');
    r.delegate.onIncoming({ callId: 'b', number: '0912345678', displayName: 'B' });
    expect(r.lines().other).toMatchObject({ callId: 'b', state: 'ringing', line: 2 });
    expect(r.ringtone.waitingBeep).toHaveBeenCalledOnce();
    await r.telephony.answer(); // Ctrl+Enter answers the waiting call
    expect(r.legs.setHeld).toHaveBeenCalledWith(true, 'a');
    expect(r.legs.answer).toHaveBeenLastCalledWith(true, 'b');
    r.delegate.onHeld('a', true);
    r.delegate.onEstablished('b');
    expect(r.lines().focused?.callId).toBe('b');
    expect(r.lines().other).toMatchObject({ callId: 'a', state: 'held' });
    expect(Object.keys(r.store.getState().wrapUps.entries)).toEqual(['a', 'b']);
    expect(r.store.getState().wrapUps.entries.b?.draft.line).toBe(2);
    await r.telephony.swap();
    expect(r.legs.setFocus).toHaveBeenCalledWith('a');
    expect(r.lines().focused?.callId).toBe('a');
    // The focused call hangs up: the held one comes forward and the agent is told.
    r.delegate.onEnded('a', true);
    expect(r.lines().focused?.callId).toBe('b');
    expect(r.store.getState().notice?.key).toBe('call.otherOnHold');
  });

  it('a consultation leg gets no notes of its own', async () => {
    const r = rig();
    r.delegate.onIncoming({ callId: 'a', number: '0223456789', displayName: 'A' });
    await r.settle(5);
    await r.telephony.answer();
    r.delegate.onEstablished('a');
    r.legs.dial.mockReturnValueOnce('c');
    expect(await r.telephony.consult('2002')).toBe(true);
    r.delegate.onEstablished('c');
    expect(Object.keys(r.store.getState().wrapUps.entries)).toEqual(['a']);
    expect(r.lines().focused).toMatchObject({ callId: 'c', consult: true });
  });

  it('refuses a number that cannot be dialled, and dials out when registered', async () => {
    const r = rig();
    expect(r.telephony.dial('not a number')).toBe(false);
    expect(r.store.getState().notice?.key).toBe('call.badNumber');
    expect(r.telephony.dial('2002')).toBe(false); // not registered
    r.store.getState().setRegistration('registering', null);
    r.store.getState().setRegistration('registered', null);
    expect(r.telephony.dial('2002')).toBe(true);
    expect(r.lines().focused).toMatchObject({ callId: 'out-1', direction: 'outbound', state: 'dialing' });
  });
});
