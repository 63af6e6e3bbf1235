import type { WrapUpDraft } from '../../../shared';
import type { SliceCreator } from '../../store/slice';

/** One call's notes and wrap-up: open from the answer until it is filed. */
export interface WrapUpEntry {
  draft: WrapUpDraft;
  status: 'editing' | 'saving' | 'error';
  error: string | null;
  /** Brought back after a restart (crash, kill -9, closed window). */
  restored: boolean;
}

export interface WrapUpSlice {
  wrapUps: {
    entries: Record<string, WrapUpEntry>;
    /** Call ids, oldest first: the order the queued wrap-ups are listed and filed in. */
    order: string[];
  };
  /** The record filed last, for the confirmation the agent sees (the form itself moves on). */
  lastFiled: { callId: string; label: string } | null;
  putWrapUp(entry: WrapUpEntry): void;
  /** The record is in the outbox: the form leaves the list and the confirmation names it. */
  markFiled(callId: string): void;
  clearLastFiled(): void;
}

export const createWrapUpSlice: SliceCreator<WrapUpSlice> = (set) => ({
  wrapUps: { entries: {}, order: [] },
  lastFiled: null,
  clearLastFiled: () => set({ lastFiled: null }),
  putWrapUp: (entry) =>
    set(({ wrapUps: { entries, order } }) => {
      const id = entry.draft.callId;
      return {
        wrapUps: { entries: { ...entries, [id]: entry }, order: order.includes(id) ? order : [...order, id] },
      };
    }),
  markFiled: (callId) =>
    set(({ wrapUps: { entries, order } }) => {
      const filed = entries[callId];
      if (!filed) return {};
      const { [callId]: _gone, ...rest } = entries;
      return {
        wrapUps: { entries: rest, order: order.filter((id) => id !== callId) },
        lastFiled: { callId, label: filed.draft.label || filed.draft.phone },
      };
    }),
});
