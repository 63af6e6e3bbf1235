import type { AudioSettings } from '../../../shared';
import type { AppStore } from '../../store/app-store';
import { resolveDevice, type DeviceInfo } from './device-choice';

export interface DeviceLists {
  inputs: DeviceInfo[];
  outputs: DeviceInfo[];
}

/** The slice of `navigator.mediaDevices` used here (a fake one in unit tests). */
export type MediaDevicesLike = Pick<MediaDevices, 'enumerateDevices' | 'addEventListener'>;

const noChoice: AudioSettings = { microphone: null, output: null, ringer: null, ringBoth: false };

/**
 * The agent's audio devices: the lists for settings, the resolved microphone / headset / ringer
 * for the call path, and hot-plug handling — a remembered device that disappears falls back to
 * the system default with a notice, and a call in progress carries on with the default microphone.
 */
export class AudioDevices {
  lists: DeviceLists = { inputs: [], outputs: [] };
  /** The microphone of the call in progress went away: the owner swaps in the new one. */
  onMicLost: () => void = () => {};
  /** The headset output changed (unplugged, or chosen in settings): the call audio follows. */
  onOutputChanged: (deviceId: string) => void = () => {};
  private micInUse: string | null = null;
  private missing = new Set<string>();
  private started = false;

  constructor(
    private readonly store: AppStore,
    private readonly media: () => MediaDevicesLike | undefined = () => navigator.mediaDevices,
  ) {}

  /** Idempotent: lists the devices and watches for hot-plug. */
  async start(): Promise<void> {
    if (!this.started) {
      this.started = true;
      this.media()?.addEventListener('devicechange', () => void this.changed());
    }
    await this.refresh();
    this.missing = this.fallbacks();
  }

  async refresh(): Promise<DeviceLists> {
    const all = (await this.media()?.enumerateDevices()) ?? [];
    const pick = (kind: MediaDeviceKind) =>
      all.filter((d) => d.kind === kind).map((d) => ({ deviceId: d.deviceId, label: d.label }));
    this.lists = { inputs: pick('audioinput'), outputs: pick('audiooutput') };
    this.store.getState().setDevices(this.lists);
    return this.lists;
  }

  /** Constraints for a call's microphone (the chosen one, else the default); remembers which. */
  micConstraints(): MediaTrackConstraints | true {
    const r = resolveDevice(this.lists.inputs, this.audio().microphone);
    this.micInUse = r.deviceId;
    return r.deviceId === 'default' ? true : { deviceId: { exact: r.deviceId } };
  }

  outputId(): string {
    return resolveDevice(this.lists.outputs, this.audio().output).deviceId;
  }

  /** Where the ringtone plays: the ringer device, plus the headset when "ring on both". */
  ringerIds(): string[] {
    const a = this.audio();
    const ringer = resolveDevice(this.lists.outputs, a.ringer).deviceId;
    return a.ringBoth ? [...new Set([ringer, this.outputId()])] : [ringer];
  }

  /** The settings changed: re-route the call audio, and the microphone if a call is live. */
  chosen(): void {
    this.onOutputChanged(this.outputId());
    this.followMicrophone();
  }

  private audio(): AudioSettings {
    return this.store.getState().settings?.audio ?? noChoice;
  }

  /** Which remembered roles (microphone / output / ringer) are not present now. */
  private fallbacks(): Set<string> {
    const a = this.audio();
    const roles = [
      ['microphone', resolveDevice(this.lists.inputs, a.microphone)],
      ['output', resolveDevice(this.lists.outputs, a.output)],
      ['ringer', resolveDevice(this.lists.outputs, a.ringer)],
    ] as const;
    return new Set(roles.filter(([, r]) => r.fellBack).map(([role]) => role));
  }

  private async changed(): Promise<void> {
    await this.refresh();
    const now = this.fallbacks();
    // Say it once, when a device goes away, not on every later plug event.
    const lost = [...now].filter((role) => !this.missing.has(role));
    this.missing = now;
    if (lost[0]) this.store.getState().setNotice(`devices.lost.${lost[0]}`);
    this.onOutputChanged(this.outputId());
    this.followMicrophone();
  }

  private followMicrophone(): void {
    const call = this.store.getState().lines.focused;
    if (!call || this.micInUse === null || call.state === 'ringing' || call.state === 'ended') return;
    const want = resolveDevice(this.lists.inputs, this.audio().microphone).deviceId;
    if (want !== this.micInUse) this.onMicLost();
  }
}
