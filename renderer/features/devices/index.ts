export { createDevicesSlice, type DevicesSlice } from './devices-slice';
export { AudioDevices, type DeviceLists } from './audio-devices';
export { AudioSettingsSection } from './audio-settings';
export { playTestTone, watchMicLevel } from './test-tone';
