import type { SliceCreator } from '../../store/slice';
import type { DeviceLists } from './audio-devices';

export interface DevicesSlice {
  /** Audio devices present now (labels appear once the microphone was allowed). */
  devices: DeviceLists;
  setDevices(devices: DeviceLists): void;
}

export const createDevicesSlice: SliceCreator<DevicesSlice> = (set) => ({
  devices: { inputs: [], outputs: [] },
  setDevices: (devices) => set({ devices }),
});
