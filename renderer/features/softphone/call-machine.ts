import { IllegalTransitionError } from '../../../shared/util/illegal-transition';

export { IllegalTransitionError };

/** The call's life-cycle as an explicit state machine: an illegal move throws (style.md §7). */
export const callStates = [
  'idle',
  'ringing',
  'dialing',
  'connecting',
  'established',
  'held',
  'ended',
] as const;
export type CallState = (typeof callStates)[number];

/** `held` is entered only when the far end accepted the hold re-INVITE (never a stale hold). */
const callTransitions: Record<CallState, readonly CallState[]> = {
  idle: ['ringing', 'dialing'],
  ringing: ['connecting', 'ended'],
  dialing: ['established', 'ended'],
  connecting: ['established', 'ended'],
  established: ['held', 'ended'],
  held: ['established', 'ended'],
  ended: ['idle', 'ringing', 'dialing'],
};

export const registrationStates = ['unregistered', 'registering', 'registered', 'failed'] as const;
export type RegistrationState = (typeof registrationStates)[number];

const registrationTransitions: Record<RegistrationState, readonly RegistrationState[]> = {
  unregistered: ['registering'],
  registering: ['registered', 'failed', 'unregistered'],
  registered: ['registering', 'unregistered', 'failed'],
  failed: ['registering', 'unregistered'],
};

export function nextCallState(from: CallState, to: CallState): CallState {
  if (!callTransitions[from].includes(to)) throw new IllegalTransitionError('call', from, to);
  return to;
}

export function nextRegistrationState(from: RegistrationState, to: RegistrationState): RegistrationState {
  if (from === to) return to;
  if (!registrationTransitions[from].includes(to)) throw new IllegalTransitionError('registration', from, to);
  return to;
}

export { backoffMs } from '../../../shared/util/backoff';
