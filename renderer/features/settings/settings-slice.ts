import type { HostOutput, Settings } from '../../../shared';
import type { SliceCreator } from '../../store/slice';

export type AppInfo = HostOutput<'app:info'>;

export interface SettingsSlice {
  info: AppInfo | null;
  settings: Settings | null;
  setInfo(info: AppInfo): void;
  /** The host's answer to settings:get / settings:update: the host's copy is the truth. */
  setSettings(settings: Settings): void;
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set) => ({
  info: null,
  settings: null,
  setInfo: (info) => set({ info }),
  setSettings: (settings) => set({ settings }),
});
