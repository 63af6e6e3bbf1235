import type { SliceCreator } from '../store/slice';

export type View = 'workspace' | 'settings';

export interface WorkspaceSlice {
  workspace: {
    view: View;
    /** A queued wrap-up the agent opened; null follows the call in focus. */
    pinned: string | null;
  };
  showView(view: View): void;
  /** Opens a call's card and notes in the workspace (null: back to the call in focus). */
  pinCall(callId: string | null): void;
}

export const createWorkspaceSlice: SliceCreator<WorkspaceSlice> = (set) => ({
  workspace: { view: 'workspace', pinned: null },
  showView: (view) => set((s) => ({ workspace: { ...s.workspace, view } })),
  pinCall: (pinned) => set((s) => ({ workspace: { ...s.workspace, pinned } })),
});
