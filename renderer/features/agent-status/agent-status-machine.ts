import type { AgentStateName, NotReadyReason } from '../../../shared';
import { IllegalTransitionError } from '../../../shared/util/illegal-transition';

// The states and reasons are shared with the host and the server (shared/domain/agent-state.ts).
export { agentStates, notReadyReasons } from '../../../shared';
export type AgentState = AgentStateName;
export type { NotReadyReason };

export interface AgentStatus {
  state: AgentState;
  reason: NotReadyReason | null;
  since: number;
  /** When after-call work ends by itself (epoch ms); only in 'acw'. */
  acwEndsAt: number | null;
  /**
   * Where the agent goes back to after a call (and its after-call work). A call in progress is
   * always "on call", even a direct call taken while Logged out of the queues or Not Ready: the
   * agent returns to that choice afterwards, and only a Ready agent is Ready again by itself.
   */
  resume: { state: 'ready' | 'not-ready' | 'logged-out'; reason: NotReadyReason | null } | null;
}

const transitions: Record<AgentState, readonly AgentState[]> = {
  'logged-out': ['ready', 'not-ready', 'on-call'],
  ready: ['not-ready', 'on-call', 'logged-out'],
  'not-ready': ['ready', 'not-ready', 'on-call', 'logged-out'],
  'on-call': ['acw', 'ready', 'not-ready', 'logged-out'],
  acw: ['ready', 'not-ready', 'on-call', 'logged-out'],
};

export const initialStatus = (now: number): AgentStatus => ({
  state: 'logged-out',
  reason: null,
  since: now,
  acwEndsAt: null,
  resume: null,
});

/** One explicit move; an illegal one throws (style.md §7). */
export function moveAgent(
  from: AgentStatus,
  to: AgentState,
  now: number,
  opts: { reason?: NotReadyReason; acwSeconds?: number } = {},
): AgentStatus {
  if (!transitions[from.state].includes(to)) throw new IllegalTransitionError('agent', from.state, to);
  if (to === 'not-ready' && !opts.reason) throw new Error('Not Ready needs a reason');
  // Into a call: remember the agent's own choice to come back to (an ACW interrupted by the
  // next call keeps the choice it had).
  const resume =
    to === 'on-call'
      ? from.state === 'on-call' || from.state === 'acw'
        ? from.resume
        : { state: from.state, reason: from.reason }
      : to === 'acw'
        ? from.resume
        : null;
  if (to === 'acw' && !(opts.acwSeconds && opts.acwSeconds > 0)) {
    const back = resume ?? { state: 'ready' as const, reason: null };
    return { state: back.state, reason: back.reason, since: now, acwEndsAt: null, resume: null };
  }
  return {
    state: to,
    reason: to === 'not-ready' ? (opts.reason ?? null) : null,
    since: now,
    acwEndsAt: to === 'acw' ? now + (opts.acwSeconds ?? 0) * 1000 : null,
    resume,
  };
}

/** Where after-call work ends: the agent's choice from before the call (Ready by default). */
export const afterCall = (s: AgentStatus): NonNullable<AgentStatus['resume']> =>
  s.resume ?? { state: 'ready', reason: null };

/** Queue calls are offered only to Ready agents (ADR 0004). */
export const isOfferable = (s: AgentStatus): boolean => s.state === 'ready';

export function acwRemainingSeconds(s: AgentStatus, now: number): number {
  return s.state === 'acw' && s.acwEndsAt !== null ? Math.max(0, Math.ceil((s.acwEndsAt - now) / 1000)) : 0;
}
