import type { SyncStatus } from '../../../shared';
import type { SliceCreator } from '../../store/slice';

export interface SyncSlice {
  /** The host's view of the central server; null until the first poll answers. */
  sync: SyncStatus | null;
  setSync(sync: SyncStatus | null): void;
}

export const createSyncSlice: SliceCreator<SyncSlice> = (set, get) => ({
  sync: null,
  setSync: (sync) => {
    // Polled every second and usually unchanged: keep the old object so selectors don't re-render.
    if (JSON.stringify(get().sync) !== JSON.stringify(sync)) set({ sync });
  },
});
