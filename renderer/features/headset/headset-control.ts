import { usagePage } from '../../../shared/hid/telephony-usages';
import type { CallSnapshot, CallState } from '../softphone';
import type { AppStore } from '../../store/app-store';
import { encodeLeds, ledsOff, sameLeds, type LedState } from './led-encoder';
import { TelephonyReportDecoder, type HeadsetEvent } from './report-decoder';
import { parseTelephonyLayout, type TelephonyLayout } from './telephony-layout';
import type { HID, HIDConnectionEvent, HIDDevice, HIDInputReportEvent } from './webhid';

/** What a headset button may ask of the app; the app's own commands, handed in. */
export interface HeadsetCommands {
  answer(): void;
  hangup(): void;
  toggleMute(): void;
  toggleHold?(): void;
}

export interface HeadsetStatus {
  /** False where the browser has no WebHID (Firefox, Safari, an insecure origin). */
  supported: boolean;
  /** The connected headset's product name, or null. */
  device: string | null;
  problem: 'no-telephony' | 'open-failed' | 'request-failed' | null;
}

export interface HeadsetControlOptions {
  /** `navigator.hid`, or null where WebHID is missing. */
  hid: HID | null;
  store: Pick<AppStore, 'getState' | 'subscribe'>;
  commands: HeadsetCommands;
  log?: (msg: string) => void;
}

const inCall: readonly CallState[] = ['dialing', 'connecting', 'established', 'held'];
const talking: readonly CallState[] = ['established', 'held'];

/** The lights the headset should show for the app's call. */
export function ledsFor(call: CallSnapshot | null): LedState {
  if (!call) return ledsOff;
  const offHook = inCall.includes(call.state);
  return {
    offHook,
    ring: call.state === 'ringing',
    mute: offHook && call.muted,
    hold: call.state === 'held',
  };
}

interface Attached {
  device: HIDDevice;
  layout: TelephonyLayout;
  decoder: TelephonyReportDecoder;
  onReport: (e: Event) => void;
}

/**
 * Headset call-control buttons through WebHID. Listens to the one connected headset that exposes
 * the telephony page: lifting the hook while ringing answers, hanging up ends the call, the mute
 * button toggles mute, flash toggles hold. Mirrors the call back to the headset's lights (ring,
 * off-hook, mute, hold), and re-sends them after every button event: headsets take the off-hook
 * light as the host's acknowledgement and fall back on hook without it.
 */
export class HeadsetControl {
  private attached: Attached | null = null;
  private status: HeadsetStatus;
  private readonly listeners = new Set<() => void>();
  private sent: LedState | null = null;
  /** The hook the user just moved, shown before the call's state catches up with the command. */
  private pending: { callId: string; state: CallState; offHook: boolean } | null = null;
  private sending: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly opts: HeadsetControlOptions) {
    this.status = { supported: opts.hid !== null, device: null, problem: null };
  }

  getStatus = (): HeadsetStatus => this.status;

  onStatus = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Listens for headsets and opens one the user already granted. No prompt. */
  async start(): Promise<void> {
    const hid = this.opts.hid;
    if (!hid || this.unsubscribe) return;
    hid.addEventListener('connect', this.onConnect);
    hid.addEventListener('disconnect', this.onDisconnect);
    this.unsubscribe = this.opts.store.subscribe(() => this.syncLeds(false));
    await this.attachFirst(await hid.getDevices().catch(() => []), false);
  }

  /** The chooser, from a user's click only (the browser refuses it otherwise). */
  async request(): Promise<boolean> {
    const hid = this.opts.hid;
    if (!hid) return false;
    let devices: HIDDevice[];
    try {
      devices = await hid.requestDevice({ filters: [{ usagePage: usagePage.telephony }] });
    } catch (e) {
      this.opts.log?.(`headset: chooser failed: ${e instanceof Error ? e.message : String(e)}`);
      this.setStatus({ problem: 'request-failed' });
      return false;
    }
    if (devices.length === 0) return false; // the user closed the chooser
    return this.attachFirst(devices, true);
  }

  async stop(): Promise<void> {
    this.opts.hid?.removeEventListener('connect', this.onConnect);
    this.opts.hid?.removeEventListener('disconnect', this.onDisconnect);
    this.unsubscribe?.();
    this.unsubscribe = null;
    const a = this.attached;
    this.detach();
    if (a) {
      await this.send(a, ledsOff);
      await a.device.close().catch(() => undefined);
    }
  }

  private async attachFirst(devices: readonly HIDDevice[], replace: boolean): Promise<boolean> {
    if (this.attached && !replace) return true;
    const usable = devices.find((d) => parseTelephonyLayout(d.collections) !== null);
    if (!usable) {
      if (devices.length > 0) this.setStatus({ problem: 'no-telephony' });
      return false;
    }
    return this.attach(usable);
  }

  /** Opens a headset and takes its buttons; refuses a device without telephony controls. */
  async attach(device: HIDDevice): Promise<boolean> {
    const layout = parseTelephonyLayout(device.collections);
    if (!layout) {
      this.setStatus({ problem: 'no-telephony' });
      return false;
    }
    if (this.attached?.device === device) return true;
    this.detach();
    try {
      if (!device.opened) await device.open();
    } catch (e) {
      this.opts.log?.(`headset: open failed: ${e instanceof Error ? e.message : String(e)}`);
      this.setStatus({ problem: 'open-failed' });
      return false;
    }
    const attached: Attached = {
      device,
      layout,
      decoder: new TelephonyReportDecoder(layout),
      onReport: (e) => this.onReport(attached, e as HIDInputReportEvent),
    };
    device.addEventListener('inputreport', attached.onReport);
    this.attached = attached;
    this.setStatus({ device: device.productName || 'HID headset', problem: null });
    this.syncLeds(true);
    return true;
  }

  private detach(): void {
    const a = this.attached;
    if (!a) return;
    a.device.removeEventListener('inputreport', a.onReport);
    this.attached = null;
    this.sent = null;
    this.pending = null;
    this.setStatus({ device: null });
  }

  private onConnect = (e: Event): void => {
    if (!this.attached) void this.attachFirst([(e as HIDConnectionEvent).device], false);
  };

  private onDisconnect = (e: Event): void => {
    if (this.attached?.device !== (e as HIDConnectionEvent).device) return;
    this.opts.log?.('headset: disconnected');
    this.detach();
    // Another granted headset (or the other interface of a docked one) may still be there.
    void this.opts.hid
      ?.getDevices()
      .then((ds) => this.attachFirst(ds, false))
      .catch(() => undefined);
  };

  private onReport(a: Attached, e: HIDInputReportEvent): void {
    if (this.attached !== a || !(e.data instanceof DataView)) return;
    const events = a.decoder.decode(e.reportId, e.data);
    for (const ev of events) this.handle(ev);
    if (events.length > 0) this.syncLeds(true);
  }

  private handle(ev: HeadsetEvent): void {
    const call = this.opts.store.getState().lines.focused;
    const state = call?.state;
    const { commands } = this.opts;
    if (ev === 'hook-off' && call && state === 'ringing') {
      this.pending = { callId: call.callId, state, offHook: true };
      commands.answer();
    } else if (ev === 'hook-on' && call && state && inCall.includes(state)) {
      this.pending = { callId: call.callId, state, offHook: false };
      commands.hangup();
    } else if (ev === 'mute-pressed' && state && talking.includes(state)) {
      commands.toggleMute();
    } else if (ev === 'flash' && state && talking.includes(state)) {
      commands.toggleHold?.();
    }
  }

  private ledsNow(): LedState {
    const call = this.opts.store.getState().lines.focused;
    const p = this.pending;
    if (p && call && call.callId === p.callId && call.state === p.state) {
      return { offHook: p.offHook, ring: false, mute: p.offHook && call.muted, hold: false };
    }
    this.pending = null;
    return ledsFor(call);
  }

  private syncLeds(force: boolean): void {
    const a = this.attached;
    if (!a) return;
    const leds = this.ledsNow();
    if (!force && this.sent && sameLeds(this.sent, leds)) return;
    this.sent = leds;
    // The headset follows the off-hook light; its next hook report is then a change from there.
    a.decoder.expectHook(leds.offHook);
    void this.send(a, leds);
  }

  private send(a: Attached, leds: LedState): Promise<void> {
    const reports = encodeLeds(a.layout, leds);
    this.sending = this.sending.then(async () => {
      for (const r of reports) {
        try {
          await a.device.sendReport(r.reportId, r.data);
        } catch (e) {
          this.opts.log?.(`headset: LED report failed: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    });
    return this.sending;
  }

  private setStatus(patch: Partial<HeadsetStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const l of this.listeners) l();
  }
}
