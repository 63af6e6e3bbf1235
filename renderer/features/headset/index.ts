export { HeadsetControl, ledsFor, type HeadsetCommands, type HeadsetStatus } from './headset-control';
export { HeadsetSettingsSection } from './headset-settings';
export { navigatorHid } from './navigator-hid';
export { parseTelephonyLayout, type TelephonyLayout } from './telephony-layout';
