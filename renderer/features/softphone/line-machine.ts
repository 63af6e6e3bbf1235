import { IllegalTransitionError, nextCallState, type CallState } from './call-machine';
import type { CallSnapshot, NewCall } from './call-snapshot';

/**
 * The seat's two lines as one explicit state machine (style.md §7). `focused` is the call the
 * agent talks on; `other` is the second line: a call waiting to be answered, or the call on hold
 * behind the focused one. Every move goes through the transition table; an illegal one throws.
 */
export interface Lines {
  focused: CallSnapshot | null;
  other: CallSnapshot | null;
}

export const noLines: Lines = { focused: null, other: null };

/** The shape of the two lines, derived from them; the table is written in these terms. */
export const linePhases = [
  'idle',
  'ringing',
  'dialing',
  'talking',
  'waiting',
  'two-calls',
  'consulting',
] as const;
export type LinePhase = (typeof linePhases)[number];

export type LineEvent =
  | { type: 'ring'; call: NewCall; at: Date }
  | { type: 'dial'; call: NewCall; at: Date }
  /** A second call rings while the agent talks (call waiting). */
  | { type: 'waiting'; call: NewCall; at: Date }
  /** The waiting call is answered: the focused call (already on hold) goes behind it. */
  | { type: 'answer-waiting'; at: Date }
  /** The held call comes forward, the focused one goes behind it. */
  | { type: 'swap' }
  /** A consultation call is placed; the focused call (on hold) becomes the other line. */
  | { type: 'consult'; call: NewCall; at: Date }
  /** One call's own state moves (answered, held, resumed, ended). */
  | { type: 'move'; callId: string; to: CallState; at: Date }
  /** A call is gone (hung up either side, refused, transferred): the other line comes forward. */
  | { type: 'drop'; callId: string }
  | { type: 'mute'; muted: boolean };

type EventType = LineEvent['type'];

const always: readonly EventType[] = ['move', 'drop', 'mute'];

/** Which events each phase accepts. */
const lineTransitions: Record<LinePhase, readonly EventType[]> = {
  idle: ['ring', 'dial'],
  ringing: [...always],
  dialing: [...always],
  talking: ['waiting', 'consult', ...always],
  waiting: ['answer-waiting', ...always],
  'two-calls': ['swap', ...always],
  consulting: ['swap', ...always],
};

export function linePhase({ focused, other }: Lines): LinePhase {
  if (!focused) return 'idle';
  if (other?.state === 'ringing') return 'waiting';
  if (other) return focused.consult ? 'consulting' : 'two-calls';
  if (focused.state === 'ringing') return 'ringing';
  if (focused.state === 'dialing') return 'dialing';
  return 'talking';
}

function snapshot(
  c: NewCall,
  line: 1 | 2,
  direction: CallSnapshot['direction'],
  state: CallState,
  at: Date,
  consult = false,
): CallSnapshot {
  return {
    ...c,
    line,
    direction,
    state,
    muted: false,
    startedAt: at.toISOString(),
    answeredAt: null,
    endedAt: null,
    consult,
  };
}

const freeLine = (taken: CallSnapshot | null): 1 | 2 => (taken?.line === 1 ? 2 : 1);

/** The next lines after `event`; throws IllegalTransitionError on a move the table does not allow. */
export function nextLines(lines: Lines, event: LineEvent): Lines {
  const phase = linePhase(lines);
  if (!lineTransitions[phase].includes(event.type))
    throw new IllegalTransitionError('lines', phase, event.type);
  const { focused, other } = lines;
  switch (event.type) {
    case 'ring':
      return {
        focused: snapshot(event.call, 1, 'inbound', nextCallState('idle', 'ringing'), event.at),
        other,
      };
    case 'dial':
      return {
        focused: snapshot(event.call, 1, 'outbound', nextCallState('idle', 'dialing'), event.at),
        other,
      };
    case 'waiting':
      return { focused, other: snapshot(event.call, freeLine(focused), 'inbound', 'ringing', event.at) };
    case 'answer-waiting': {
      const answered = { ...other!, state: nextCallState(other!.state, 'connecting') };
      return { focused: answered, other: focused };
    }
    case 'swap':
      return { focused: other, other: focused };
    case 'consult':
      return {
        focused: snapshot(event.call, freeLine(focused), 'outbound', 'dialing', event.at, true),
        other: focused,
      };
    case 'move': {
      const slot =
        focused?.callId === event.callId ? 'focused' : other?.callId === event.callId ? 'other' : null;
      const call = slot ? lines[slot] : null;
      if (!slot || !call) return lines;
      const at = event.at.toISOString();
      const moved: CallSnapshot = {
        ...call,
        state: nextCallState(call.state, event.to),
        answeredAt: event.to === 'established' && !call.answeredAt ? at : call.answeredAt,
        endedAt: event.to === 'ended' ? at : call.endedAt,
      };
      return { ...lines, [slot]: moved };
    }
    case 'drop':
      if (other?.callId === event.callId) return { focused, other: null };
      if (focused?.callId === event.callId) return { focused: other, other: null };
      return lines;
    case 'mute':
      return focused ? { focused: { ...focused, muted: event.muted }, other } : lines;
  }
}

/** The call with `callId` on either line. */
export function findCall(lines: Lines, callId: string | null | undefined): CallSnapshot | null {
  if (!callId) return null;
  if (lines.focused?.callId === callId) return lines.focused;
  if (lines.other?.callId === callId) return lines.other;
  return null;
}
