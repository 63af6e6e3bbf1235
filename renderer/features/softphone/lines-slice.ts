import type { SliceCreator } from '../../store/slice';
import { nextRegistrationState, type CallState, type RegistrationState } from './call-machine';
import type { NewCall } from './call-snapshot';
import { nextLines, noLines, type LineEvent, type Lines } from './line-machine';
import type { RegistrationProblem } from './sip-connection';

export interface LinesSlice {
  registration: { state: RegistrationState; problem: RegistrationProblem };
  /** The seat's two lines (line-machine.ts): the call in focus and the other line. */
  lines: Lines;
  setRegistration(state: RegistrationState, problem: RegistrationProblem): void;
  ring(call: NewCall, at: Date): void;
  /** An outbound call the agent placed (dial pad, click-to-dial). */
  dial(call: NewCall, at: Date): void;
  waiting(call: NewCall, at: Date): void;
  answerWaiting(at: Date): void;
  consult(call: NewCall, at: Date): void;
  swapLines(): void;
  moveCall(callId: string, to: CallState, at: Date): void;
  dropCall(callId: string): void;
  setMuted(muted: boolean): void;
}

export const createLinesSlice: SliceCreator<LinesSlice> = (set) => {
  const apply = (event: LineEvent) => set((s) => ({ lines: nextLines(s.lines, event) }));
  return {
    registration: { state: 'unregistered', problem: null },
    lines: noLines,
    setRegistration: (state, problem) =>
      set((s) => ({ registration: { state: nextRegistrationState(s.registration.state, state), problem } })),
    ring: (call, at) => apply({ type: 'ring', call, at }),
    dial: (call, at) => apply({ type: 'dial', call, at }),
    waiting: (call, at) => apply({ type: 'waiting', call, at }),
    answerWaiting: (at) => apply({ type: 'answer-waiting', at }),
    consult: (call, at) => apply({ type: 'consult', call, at }),
    swapLines: () => apply({ type: 'swap' }),
    moveCall: (callId, to, at) => apply({ type: 'move', callId, to, at }),
    dropCall: (callId) => apply({ type: 'drop', callId }),
    setMuted: (muted) => apply({ type: 'mute', muted }),
  };
};
