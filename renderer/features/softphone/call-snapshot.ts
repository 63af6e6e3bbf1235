import type { CallState } from './call-machine';

/** A plain, serialisable picture of one call: what the store holds (no SIP objects, style.md §7). */
export interface CallSnapshot {
  callId: string;
  /** Which of the seat's two lines the call is on, for the agent ("line 1", "line 2"). */
  line: 1 | 2;
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

/** What the SIP layer knows of a new call. */
export interface NewCall {
  callId: string;
  number: string;
  displayName: string;
}

/** A call that still has media or signalling (not ringing out, not ended). */
export const isLive = (c: CallSnapshot | null | undefined): c is CallSnapshot => !!c && c.state !== 'ended';
