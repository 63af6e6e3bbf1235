import type { SliceCreator } from '../../store/slice';
import { initialSelfTest, type SelfTestState } from './self-test-checks';

export interface SelfTestSlice {
  /** The pre-shift self-test: Ready is offered once it passed (or was overridden with a reason). */
  selfTest: SelfTestState;
  setSelfTest(selfTest: SelfTestState): void;
}

export const createSelfTestSlice: SliceCreator<SelfTestSlice> = (set) => ({
  selfTest: initialSelfTest,
  setSelfTest: (selfTest) => set({ selfTest }),
});
