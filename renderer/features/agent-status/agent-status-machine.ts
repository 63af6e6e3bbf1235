import type { AgentStateName, NotReadyReason } from '../../../shared';
import { IllegalTransitionError } from '../softphone/call-machine';

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
}

const transitions: Record<AgentState, readonly AgentState[]> = {
  'logged-out': ['ready', 'not-ready'],
  ready: ['not-ready', 'on-call', 'logged-out'],
  'not-ready': ['ready', 'not-ready', 'on-call', 'logged-out'],
  'on-call': ['acw', 'ready'],
  acw: ['ready', 'not-ready', 'on-call', 'logged-out'],
};

export const initialStatus = (now: number): AgentStatus => ({
  state: 'logged-out',
  reason: null,
  since: now,
  acwEndsAt: null,
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
  if (to === 'acw' && !(opts.acwSeconds && opts.acwSeconds > 0)) {
    return { state: 'ready', reason: null, since: now, acwEndsAt: null };
  }
  return {
    state: to,
    reason: to === 'not-ready' ? (opts.reason ?? null) : null,
    since: now,
    acwEndsAt: to === 'acw' ? now + (opts.acwSeconds ?? 0) * 1000 : null,
  };
}

/** Queue calls are offered only to Ready agents (ADR 0004). */
export const isOfferable = (s: AgentStatus): boolean => s.state === 'ready';

export function acwRemainingSeconds(s: AgentStatus, now: number): number {
  return s.state === 'acw' && s.acwEndsAt !== null ? Math.max(0, Math.ceil((s.acwEndsAt - now) / 1000)) : 0;
}
