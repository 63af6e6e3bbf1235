import type { SliceCreator } from '../../store/slice';
import type { QualityWarning } from './quality-monitor';
import type { QualitySample } from './stats-sample';

export interface CallQuality {
  callId: string;
  sample: QualitySample | null;
  warnings: QualityWarning[];
}

export interface QualitySlice {
  /** The current call's latest quality reading and its sustained warnings. */
  quality: CallQuality | null;
  setQuality(quality: CallQuality | null): void;
}

export const createQualitySlice: SliceCreator<QualitySlice> = (set) => ({
  quality: null,
  setQuality: (quality) => set({ quality }),
});
