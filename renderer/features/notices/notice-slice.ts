import type { SliceCreator } from '../../store/slice';

/** One line telling the agent what just happened (a missed call, a lost microphone …). */
export interface Notice {
  key: string;
  values?: Record<string, string>;
}

export interface NoticeSlice {
  notice: Notice | null;
  setNotice(key: string | null, values?: Record<string, string>): void;
}

export const createNoticeSlice: SliceCreator<NoticeSlice> = (set) => ({
  notice: null,
  setNotice: (key, values) => set({ notice: key ? { key, values } : null }),
});
