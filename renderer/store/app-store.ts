import { createStore } from 'zustand/vanilla';
import { createWorkspaceSlice, type WorkspaceSlice } from '../app/workspace-slice';
import { createAgentSlice, type AgentSlice } from '../features/agent-status';
import { createDevicesSlice, type DevicesSlice } from '../features/devices';
import { createNoticeSlice, type NoticeSlice } from '../features/notices';
import { createQualitySlice, type QualitySlice } from '../features/quality';
import { createPopSlice, type PopSlice } from '../features/screen-pop';
import { createSelfTestSlice, type SelfTestSlice } from '../features/self-test';
import { createSettingsSlice, type SettingsSlice } from '../features/settings';
import { createLinesSlice, type LinesSlice } from '../features/softphone';
import { createSyncSlice, type SyncSlice } from '../features/sync';
import { createWrapUpSlice, type WrapUpSlice } from '../features/wrap-up';

/** One bound store composed of the features' slices (zustand's slices guide). */
export type AppState = SettingsSlice &
  LinesSlice &
  NoticeSlice &
  PopSlice &
  WrapUpSlice &
  SyncSlice &
  AgentSlice &
  QualitySlice &
  DevicesSlice &
  SelfTestSlice &
  WorkspaceSlice;

export type AppStore = ReturnType<typeof createAppStore>;

export function createAppStore() {
  return createStore<AppState>()((...a) => ({
    ...createSettingsSlice(...a),
    ...createLinesSlice(...a),
    ...createNoticeSlice(...a),
    ...createPopSlice(...a),
    ...createWrapUpSlice(...a),
    ...createSyncSlice(...a),
    ...createAgentSlice(...a),
    ...createQualitySlice(...a),
    ...createDevicesSlice(...a),
    ...createSelfTestSlice(...a),
    ...createWorkspaceSlice(...a),
  }));
}
