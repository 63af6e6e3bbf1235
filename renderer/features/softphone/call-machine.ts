/** The call's life-cycle as an explicit state machine: an illegal move throws (style.md §7). */
export const callStates = ['idle', 'ringing', 'connecting', 'established', 'ended'] as const;
export type CallState = (typeof callStates)[number];

const callTransitions: Record<CallState, readonly CallState[]> = {
  idle: ['ringing'],
  ringing: ['connecting', 'ended'],
  connecting: ['established', 'ended'],
  established: ['ended'],
  ended: ['idle', 'ringing'],
};

export const registrationStates = ['unregistered', 'registering', 'registered', 'failed'] as const;
export type RegistrationState = (typeof registrationStates)[number];

const registrationTransitions: Record<RegistrationState, readonly RegistrationState[]> = {
  unregistered: ['registering'],
  registering: ['registered', 'failed', 'unregistered'],
  registered: ['registering', 'unregistered', 'failed'],
  failed: ['registering', 'unregistered'],
};

export class IllegalTransitionError extends Error {
  constructor(machine: string, from: string, to: string) {
    super(`${machine}: illegal transition ${from} → ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

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
