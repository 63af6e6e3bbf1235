import type { CallOutcome, CallRecord } from '../../../shared';
import type { CallSnapshot } from '../softphone';

/** What the softphone knows about a call as it ends. */
export interface EndedCallFacts {
  direction: 'inbound' | 'outbound';
  /** The call was established (the agent talked to the other side). */
  answered: boolean;
  /** The agent refused the call while it rang (Reject, Busy, or hang-up while ringing). */
  rejected: boolean;
  /** A transfer of this call was accepted (blind, or attended with a consultation). */
  transferred: boolean;
}

/** How the call ended, for the history. An unanswered outbound call is `failed`, whatever the cause. */
export function callOutcome(f: EndedCallFacts): CallOutcome {
  if (f.answered) return f.transferred ? 'transferred' : 'answered';
  if (f.direction === 'outbound') return 'failed';
  return f.rejected ? 'rejected' : 'missed';
}

const clip = (s: string, max: number) => (s.length > max ? s.slice(0, max) : s);

/**
 * The record the host stores for an ended call (the contract's bounds applied: an over-long SIP
 * display name is clipped, never a reason to lose the row). `customer` is the card's, if any.
 */
export function callRecord(
  call: CallSnapshot,
  facts: EndedCallFacts,
  customer: { id: string; name: string } | null,
  now: Date,
): CallRecord {
  const outcome = callOutcome(facts);
  const endedAt = call.endedAt ?? now.toISOString();
  const talked = outcome === 'answered' || outcome === 'transferred';
  return {
    callId: call.callId,
    direction: call.direction,
    number: clip(call.number, 64),
    displayName: clip(customer?.name ?? call.displayName, 200),
    customerId: customer?.id ?? null,
    startedAt: call.startedAt,
    answeredAt: talked ? (call.answeredAt ?? endedAt) : null,
    endedAt,
    outcome,
  };
}
