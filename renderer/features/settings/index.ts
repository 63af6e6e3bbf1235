export { createSettingsSlice, type AppInfo, type SettingsSlice } from './settings-slice';
export { SettingsForm } from './settings-form';
export { ServerForm } from './server-form';
export { MediaRelaySettings } from './media-relay-settings';
