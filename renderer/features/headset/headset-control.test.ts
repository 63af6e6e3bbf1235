import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore, type AppStore } from '../../store/app-store';
import { FakeHid, FakeHidDevice } from './fake-hid';
import { HeadsetControl } from './headset-control';
import { jabraEvolve2, mediaKeysOnly, polyBlackwire } from './headset-fixtures';

const flush = () => new Promise((r) => setTimeout(r, 0));
const at = new Date('2025-01-01T09:00:00Z');

/** Jabra report 2 output bits: off-hook 0, ring 1, mute 2, hold 3. */
const OFF_HOOK = 0x01;
const RING = 0x02;
const MUTE = 0x04;
const HOLD = 0x08;

function rig(collections = jabraEvolve2, opts: { granted?: boolean; answerLater?: boolean } = {}) {
  const store: AppStore = createAppStore();
  const hid = new FakeHid();
  const device = new FakeHidDevice('Jabra Evolve2 65', collections, 0x0b0e, 0x02e6);
  if (opts.granted !== false) hid.granted.push(device);
  const called: string[] = [];
  const callId = () => store.getState().lines.focused?.callId ?? '';
  const control = new HeadsetControl({
    hid,
    store,
    commands: {
      answer: () => {
        called.push('answer');
        if (opts.answerLater) return;
        store.getState().moveCall(callId(), 'connecting', at);
        store.getState().moveCall(callId(), 'established', at);
      },
      hangup: () => {
        called.push('hangup');
        store.getState().moveCall(callId(), 'ended', at);
      },
      toggleMute: () => {
        called.push('toggleMute');
        store.getState().setMuted(!store.getState().lines.focused?.muted);
      },
      toggleHold: () => called.push('toggleHold'),
    },
  });
  const lastLeds = () => device.sent.at(-1)?.bytes[0];
  const ring = () => store.getState().ring({ callId: 'c1', number: '0912345678', displayName: '' }, at);
  return { store, hid, device, control, called, lastLeds, ring };
}

let stopAll: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stopAll) await s();
  stopAll = [];
});

async function started(r: ReturnType<typeof rig>) {
  stopAll.push(() => r.control.stop());
  await r.control.start();
  await flush();
  return r;
}

describe('HeadsetControl', () => {
  it('opens an already-granted headset at start, with no chooser, and puts its lights out', async () => {
    const r = await started(rig());
    expect(r.device.opened).toBe(true);
    expect(r.hid.lastFilters).toBeNull();
    expect(r.control.getStatus()).toEqual({ supported: true, device: 'Jabra Evolve2 65', problem: null });
    expect(r.device.sent).toEqual([{ reportId: 2, bytes: [0] }]);
  });

  it('answers when the hook is lifted while ringing, and lights off-hook at once', async () => {
    const r = await started(rig());
    r.ring();
    await flush();
    expect(r.lastLeds()).toBe(RING);
    r.device.press(2, [0x01, 0]);
    await flush();
    expect(r.called).toEqual(['answer']);
    expect(r.store.getState().lines.focused?.state).toBe('established');
    expect(r.lastLeds()).toBe(OFF_HOOK);
  });

  it('keeps the off-hook light while the answer is on its way (the headset takes it as the ack)', async () => {
    const r = await started(rig(jabraEvolve2, { answerLater: true }));
    r.ring();
    r.device.press(2, [0x01, 0]);
    r.store.getState().setNotice('some.notice'); // an unrelated update must not bring the ring back
    await flush();
    expect(r.store.getState().lines.focused?.state).toBe('ringing');
    expect(r.lastLeds()).toBe(OFF_HOOK);
    r.store.getState().moveCall('c1', 'ended', at); // the caller gave up first
    await flush();
    expect(r.lastLeds()).toBe(0);
  });

  it('hangs up when the hook goes down during a call', async () => {
    const r = await started(rig());
    r.ring();
    r.device.press(2, [0x01, 0]);
    r.device.press(2, [0x00, 0]);
    await flush();
    expect(r.called).toEqual(['answer', 'hangup']);
    expect(r.store.getState().lines.focused?.state).toBe('ended');
    expect(r.lastLeds()).toBe(0);
  });

  it('hangs up a call answered on screen when the headset button is pressed (no hook echo needed)', async () => {
    const r = await started(rig());
    r.ring();
    r.store.getState().moveCall('c1', 'connecting', at);
    r.store.getState().moveCall('c1', 'established', at);
    await flush();
    expect(r.lastLeds()).toBe(OFF_HOOK);
    r.device.press(2, [0x01, 0]); // a Jabra echoes the off-hook light: not a new event
    r.device.press(2, [0x00, 0]);
    await flush();
    expect(r.called).toEqual(['hangup']);
  });

  it('toggles mute on each press and keeps the mute light on the app’s state', async () => {
    const r = await started(rig());
    r.ring();
    r.device.press(2, [0x01, 0]);
    r.device.press(2, [0x09, 0]);
    r.device.press(2, [0x01, 0]);
    await flush();
    expect(r.store.getState().lines.focused?.muted).toBe(true);
    expect(r.lastLeds()).toBe(OFF_HOOK | MUTE);
    r.device.press(2, [0x09, 0]);
    r.device.press(2, [0x01, 0]);
    await flush();
    expect(r.called).toEqual(['answer', 'toggleMute', 'toggleMute']);
    expect(r.lastLeds()).toBe(OFF_HOOK);
    r.store.getState().setMuted(true); // muted from the screen
    await flush();
    expect(r.lastLeds()).toBe(OFF_HOOK | MUTE);
  });

  it('shows hold, and flash toggles it', async () => {
    const r = await started(rig());
    r.ring();
    r.device.press(2, [0x01, 0]);
    r.device.press(2, [0x11, 0]);
    expect(r.called).toEqual(['answer', 'toggleHold']);
    r.store.getState().moveCall('c1', 'held', at);
    await flush();
    expect(r.lastLeds()).toBe(OFF_HOOK | HOLD);
  });

  it('ignores buttons with no call, and re-sends the lights so the headset goes back on hook', async () => {
    const r = await started(rig());
    const before = r.device.sent.length;
    r.device.press(2, [0x01, 0]);
    r.device.press(2, [0x08, 0]);
    await flush();
    expect(r.called).toEqual([]);
    expect(r.device.sent.length).toBeGreaterThan(before);
    expect(r.lastLeds()).toBe(0);
  });

  it('ignores malformed and short reports', async () => {
    const r = await started(rig());
    r.ring();
    r.device.press(2, []);
    r.device.press(9, [0xff, 0xff]);
    await flush();
    expect(r.called).toEqual([]);
    expect(r.lastLeds()).toBe(RING);
  });

  it('does not send unchanged lights again on unrelated store updates', async () => {
    const r = await started(rig());
    r.ring();
    await flush();
    const n = r.device.sent.length;
    r.store.getState().setNotice('some.notice');
    r.store.getState().setNotice(null);
    await flush();
    expect(r.device.sent.length).toBe(n);
  });

  it('drives a Poly Blackwire’s Ringer output on its own report', async () => {
    const r = await started(rig(polyBlackwire));
    r.ring();
    await flush();
    expect(r.device.sent.slice(-2)).toEqual([
      { reportId: 3, bytes: [0] },
      { reportId: 4, bytes: [1] },
    ]);
    r.device.press(3, [0x01]);
    await flush();
    expect(r.called).toEqual(['answer']);
    expect(r.device.sent.slice(-2)).toEqual([
      { reportId: 3, bytes: [1] },
      { reportId: 4, bytes: [0] },
    ]);
  });

  it('asks the chooser for telephony devices on request, and refuses one without the page', async () => {
    const r = await started(rig(mediaKeysOnly, { granted: false }));
    expect(r.control.getStatus().device).toBeNull();
    r.hid.pickable = [
      new FakeHidDevice('USB Receiver', [{ usagePage: 0x0b, usage: 0x07 }, ...mediaKeysOnly]),
    ];
    expect(await r.control.request()).toBe(false);
    expect(r.hid.lastFilters).toEqual([{ usagePage: 0x0b }]);
    expect(r.control.getStatus().problem).toBe('no-telephony');
    expect(await r.control.attach(r.device)).toBe(false);
    expect(r.device.opened).toBe(false);

    const jabra = new FakeHidDevice('Jabra Engage 50', jabraEvolve2);
    r.hid.pickable = [jabra];
    expect(await r.control.request()).toBe(true);
    expect(r.control.getStatus()).toEqual({ supported: true, device: 'Jabra Engage 50', problem: null });
  });

  it('reports a headset that cannot be opened', async () => {
    const r = rig();
    r.device.failOpen = true;
    await started(r);
    expect(r.control.getStatus()).toEqual({ supported: true, device: null, problem: 'open-failed' });
  });

  it('lets go of an unplugged headset and takes one plugged in later', async () => {
    const r = await started(rig());
    const seen: (string | null)[] = [];
    r.control.onStatus(() => seen.push(r.control.getStatus().device));
    r.hid.unplug(r.device);
    await flush();
    expect(r.control.getStatus().device).toBeNull();
    r.ring();
    r.device.press(2, [0x01, 0]);
    expect(r.called).toEqual([]);

    const other = new FakeHidDevice('EPOS IMPACT 460', jabraEvolve2);
    r.hid.plug(other);
    await flush();
    expect(seen).toEqual([null, 'EPOS IMPACT 460']);
    expect(other.sent.at(-1)?.bytes).toEqual([RING]);
  });

  it('is unsupported without WebHID and does nothing', async () => {
    const control = new HeadsetControl({
      hid: null,
      store: createAppStore(),
      commands: { answer: () => undefined, hangup: () => undefined, toggleMute: () => undefined },
    });
    await control.start();
    expect(control.getStatus().supported).toBe(false);
    expect(await control.request()).toBe(false);
  });
});
