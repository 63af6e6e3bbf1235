export { createSyncSlice, type SyncSlice } from './sync-slice';
export { SyncStatusPoller } from './sync-status';
export { SyncIndicator } from './sync-indicator';
export { SyncQueueSection } from './sync-queue-section';
