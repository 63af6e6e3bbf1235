import { createStore } from 'zustand/vanilla';
import type { AppInfo } from './types';
import type { ScreenPop, Settings, SyncStatus, WrapUpDraft } from '../../shared';
import {
  nextCallState,
  nextRegistrationState,
  type CallState,
  type RegistrationState,
} from '../features/softphone/call-machine';
import type { RegistrationProblem } from '../features/softphone/sip-phone';
import { initialStatus, type AgentStatus } from '../features/agent-status/agent-status-machine';
import type { QualityWarning } from '../features/quality/quality-monitor';
import type { QualitySample } from '../features/quality/stats-sample';
import type { DeviceLists } from '../features/devices/audio-devices';
import { initialSelfTest, type SelfTestState } from '../features/self-test/self-test-checks';

export interface CallSnapshot {
  callId: string;
  direction: 'inbound' | 'outbound';
  state: CallState;
  number: string;
  displayName: string;
  muted: boolean;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  /** An internal consultation call (before an attended transfer): no wrap-up of its own. */
  consult: boolean;
}

export interface PopSnapshot {
  callId: string;
  status: 'loading' | 'ready' | 'error';
  data: ScreenPop | null;
}

/** One bound store; each slice's actions sit beside its state (zustand's slices pattern). */
export interface AppState {
  info: AppInfo | null;
  settings: Settings | null;
  registration: { state: RegistrationState; problem: RegistrationProblem };
  call: CallSnapshot | null;
  /** The second line: a call waiting to be answered, or the call on hold behind `call`. */
  otherCall: CallSnapshot | null;
  notice: { key: string; values?: Record<string, string> } | null;
  pop: PopSnapshot | null;
  wrapUp: {
    draft: WrapUpDraft;
    status: 'editing' | 'saving' | 'filed' | 'error';
    error: string | null;
    restored: boolean;
  } | null;
  /** The host's view of the central server; null until the first poll answers. */
  sync: SyncStatus | null;
  /** Ready / Not Ready / on call / after-call work: decides whether queue calls are offered. */
  agent: AgentStatus;
  /** The current call's latest quality reading and its sustained warnings. */
  quality: { callId: string; sample: QualitySample | null; warnings: QualityWarning[] } | null;
  /** Audio devices present now (labels appear once the microphone was allowed). */
  devices: DeviceLists;
  /** The pre-shift self-test: Ready is offered once it passed (or was overridden with a reason). */
  selfTest: SelfTestState;

  setRegistration(state: RegistrationState, problem: RegistrationProblem): void;
  ring(call: { callId: string; number: string; displayName: string }, at: Date): void;
  /** An outbound call the agent placed (dial pad, click-to-dial). */
  dial(call: { callId: string; number: string; displayName: string }, at: Date): void;
  moveCall(callId: string, to: CallState, at: Date): void;
  /** A second call rings while the agent talks (call waiting). */
  waiting(call: { callId: string; number: string; displayName: string }, at: Date): void;
  /** A consultation call is placed; the current call (on hold) becomes the other line. */
  consult(call: { callId: string; number: string; displayName: string }, at: Date): void;
  /** The other line comes into focus and the focused one goes behind it. */
  swapCalls(): void;
  /** A call is gone: if it was in focus, the other line (if any) takes its place. */
  dropCall(callId: string): void;
  setMuted(muted: boolean): void;
  clearCall(): void;
  setPop(pop: PopSnapshot): void;
  setNotice(key: string | null, values?: Record<string, string>): void;
  setSync(sync: SyncStatus | null): void;
  setAgent(agent: AgentStatus): void;
  setQuality(quality: AppState['quality']): void;
}

export type AppStore = ReturnType<typeof createAppStore>;

export function createAppStore() {
  return createStore<AppState>()((set, get) => ({
    info: null,
    settings: null,
    registration: { state: 'unregistered', problem: null },
    call: null,
    notice: null,
    pop: null,
    wrapUp: null,
    otherCall: null,
    sync: null,
    agent: initialStatus(Date.now()),
    quality: null,
    devices: { inputs: [], outputs: [] },
    selfTest: initialSelfTest,

    setRegistration: (state, problem) =>
      set((s) => ({ registration: { state: nextRegistrationState(s.registration.state, state), problem } })),
    ring: (c, at) => {
      const prev = get().call;
      const state = nextCallState(prev?.state ?? 'idle', 'ringing');
      set({
        call: {
          ...c,
          direction: 'inbound',
          state,
          muted: false,
          startedAt: at.toISOString(),
          answeredAt: null,
          endedAt: null,
          consult: false,
        },
        pop: { callId: c.callId, status: 'loading', data: null },
        notice: null,
      });
    },
    dial: (c, at) => {
      const state = nextCallState(get().call?.state ?? 'idle', 'dialing');
      set({
        call: {
          ...c,
          direction: 'outbound',
          state,
          muted: false,
          startedAt: at.toISOString(),
          answeredAt: null,
          endedAt: null,
          consult: false,
        },
        pop: { callId: c.callId, status: 'loading', data: null },
        notice: null,
      });
    },
    waiting: (c, at) =>
      set({
        otherCall: {
          ...c,
          direction: 'inbound',
          state: 'ringing',
          muted: false,
          startedAt: at.toISOString(),
          answeredAt: null,
          endedAt: null,
          consult: false,
        },
      }),
    consult: (c, at) =>
      set((s) => ({
        otherCall: s.call,
        call: {
          ...c,
          direction: 'outbound',
          state: 'dialing',
          muted: false,
          startedAt: at.toISOString(),
          answeredAt: null,
          endedAt: null,
          consult: true,
        },
      })),
    swapCalls: () => set((s) => (s.otherCall ? { call: s.otherCall, otherCall: s.call } : {})),
    dropCall: (callId) =>
      set((s) => {
        if (s.otherCall?.callId === callId) return { otherCall: null };
        if (s.call?.callId === callId) return { call: s.otherCall, otherCall: null };
        return {};
      }),
    moveCall: (callId, to, at) => {
      const slot =
        get().call?.callId === callId ? 'call' : get().otherCall?.callId === callId ? 'otherCall' : null;
      const call = slot ? get()[slot] : null;
      if (!slot || !call) return;
      const state = nextCallState(call.state, to);
      set({
        [slot]: {
          ...call,
          state,
          answeredAt: to === 'established' && !call.answeredAt ? at.toISOString() : call.answeredAt,
          endedAt: to === 'ended' ? at.toISOString() : call.endedAt,
        },
      });
    },
    setMuted: (muted) => set((s) => (s.call ? { call: { ...s.call, muted } } : {})),
    clearCall: () => set({ call: null }),
    setPop: (pop) => {
      if (get().call?.callId === pop.callId || get().wrapUp?.draft.callId === pop.callId) set({ pop });
    },
    setNotice: (key, values) => set({ notice: key ? { key, values } : null }),
    setAgent: (agent) => set({ agent }),
    setQuality: (quality) => set({ quality }),
    setSync: (sync) => {
      // Polled every second and usually unchanged: keep the old object so selectors don't re-render.
      if (JSON.stringify(get().sync) !== JSON.stringify(sync)) set({ sync });
    },
  }));
}
