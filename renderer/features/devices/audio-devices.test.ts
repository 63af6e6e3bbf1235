import { describe, expect, it, vi } from 'vitest';
import { defaultSettings, type AudioSettings } from '../../../shared';
import { createAppStore } from '../../store/app-store';
import { AudioDevices, type MediaDevicesLike } from './audio-devices';

/** A stand-in for navigator.mediaDevices whose device list the test plugs and unplugs. */
function fakeMedia(devices: Array<{ kind: MediaDeviceKind; deviceId: string; label: string }>) {
  let onChange: (() => void) | null = null;
  const media = {
    devices,
    enumerateDevices: () =>
      Promise.resolve(devices.map((d) => ({ ...d, groupId: '', toJSON: () => d }) as MediaDeviceInfo)),
    addEventListener: (type: string, fn: () => void) => {
      if (type === 'devicechange') onChange = fn;
    },
    async plug(next: typeof devices) {
      devices.splice(0, devices.length, ...next);
      onChange?.();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
  return media;
}

const headset = { kind: 'audioinput' as const, deviceId: 'h-in', label: 'Jabra Evolve2 65' };
const headsetOut = { kind: 'audiooutput' as const, deviceId: 'h-out', label: 'Jabra Evolve2 65' };
const speakers = { kind: 'audiooutput' as const, deviceId: 'spk', label: 'Speakers' };
const defaults = [
  { kind: 'audioinput' as const, deviceId: 'default', label: 'Default' },
  { kind: 'audiooutput' as const, deviceId: 'default', label: 'Default' },
];

function setup(audio: AudioSettings) {
  const store = createAppStore();
  store.setState({ settings: { ...defaultSettings, audio } });
  const media = fakeMedia([...defaults, headset, headsetOut, speakers]);
  const devices = new AudioDevices(store, () => media as unknown as MediaDevicesLike);
  return { store, media, devices };
}

const chosen: AudioSettings = {
  microphone: { id: 'h-in', label: headset.label },
  output: { id: 'h-out', label: headsetOut.label },
  ringer: { id: 'spk', label: 'Speakers' },
  ringBoth: false,
};

describe('AudioDevices', () => {
  it('resolves the chosen microphone, headset and ringer', async () => {
    const { devices, store } = setup(chosen);
    await devices.start();
    expect(store.getState().devices.inputs.map((d) => d.deviceId)).toEqual(['default', 'h-in']);
    expect(devices.micConstraints()).toEqual({ deviceId: { exact: 'h-in' } });
    expect(devices.outputId()).toBe('h-out');
    expect(devices.ringerIds()).toEqual(['spk']);
  });

  it('rings on speakers and headset when asked to ring on both', async () => {
    const { devices } = setup({ ...chosen, ringBoth: true });
    await devices.start();
    expect(devices.ringerIds()).toEqual(['spk', 'h-out']);
  });

  it('finds a re-plugged headset by its label although its id changed', async () => {
    const { devices, media } = setup(chosen);
    await devices.start();
    await media.plug([
      ...defaults,
      { ...headset, deviceId: 'h-in-2' },
      { ...headsetOut, deviceId: 'h-out-2' },
    ]);
    expect(devices.micConstraints()).toEqual({ deviceId: { exact: 'h-in-2' } });
    expect(devices.outputId()).toBe('h-out-2');
  });

  it('falls back to the default mid-call when the headset is unplugged, once, with a notice', async () => {
    const { devices, media, store } = setup(chosen);
    await devices.start();
    store.getState().ring({ callId: 'c1', number: '+886', displayName: '' }, new Date());
    store.getState().moveCall('c1', 'connecting', new Date());
    store.getState().moveCall('c1', 'established', new Date());
    devices.micConstraints(); // the call opened the headset microphone
    const micLost = vi.fn();
    const output = vi.fn();
    devices.onMicLost = micLost;
    devices.onOutputChanged = output;

    await media.plug([...defaults, speakers]);
    expect(micLost).toHaveBeenCalledTimes(1);
    expect(output).toHaveBeenLastCalledWith('default');
    expect(store.getState().notice?.key).toBe('devices.lost.microphone');
    expect(store.getState().lines.focused?.state).toBe('established'); // the call is not touched

    // The swap asks for the default microphone; a later unrelated plug event says nothing more.
    expect(devices.micConstraints()).toBe(true);
    store.getState().setNotice(null);
    await media.plug([...defaults, speakers, { kind: 'audioinput', deviceId: 'usb', label: 'USB mic' }]);
    expect(micLost).toHaveBeenCalledTimes(1);
    expect(store.getState().notice).toBeNull();
  });

  it('does not touch the microphone when no call is live', async () => {
    const { devices, media } = setup(chosen);
    await devices.start();
    const micLost = vi.fn();
    devices.onMicLost = micLost;
    await media.plug([...defaults]);
    expect(micLost).not.toHaveBeenCalled();
  });

  it('start is idempotent: one hot-plug listener however often the agent logs in', async () => {
    const { devices, media } = setup(chosen);
    const add = vi.spyOn(media, 'addEventListener');
    await devices.start();
    await devices.start();
    expect(add).toHaveBeenCalledTimes(1);
  });
});
