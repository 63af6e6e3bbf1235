import type { HostClient } from '../../../shared';
import type { CallSnapshot } from '../softphone';
import { callRecord } from './call-outcome';

/**
 * Files each ended call in the seat's call history. Telephony tells it what the agent did to a
 * call (rejected it, transferred it) and, at the end, the call itself; the host call is
 * fire-and-forget, never awaited on the call path. Consultation legs are not recorded: the
 * customer's call (shown as transferred) is the record of the transfer.
 */
export class CallRecorder {
  private readonly rejected = new Set<string>();
  private readonly transferring = new Set<string>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly host: Pick<HostClient, 'calls:record'>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The agent refused `call` while it rang (only an inbound ringing call counts). */
  noteRejected(call: CallSnapshot | null | undefined): void {
    if (call?.direction === 'inbound' && call.state === 'ringing') this.rejected.add(call.callId);
  }

  /** A transfer of `callId` was asked for; if it is refused, `transferFailed` takes the mark back. */
  noteTransfer(callId: string | null | undefined): void {
    if (callId) this.transferring.add(callId);
  }

  transferFailed(callId: string): void {
    this.transferring.delete(callId);
  }

  /** The call ended: one host call, not awaited. Listeners hear of it once it is stored. */
  record(call: CallSnapshot, answered: boolean, customer: { id: string; name: string } | null): void {
    const facts = {
      direction: call.direction,
      answered,
      rejected: this.rejected.delete(call.callId),
      transferred: this.transferring.delete(call.callId),
    };
    if (call.consult) return;
    void this.host['calls:record'](callRecord(call, facts, customer, this.clock())).then(
      () => this.listeners.forEach((l) => l()),
      (err: unknown) =>
        console.warn(`call history: not recorded: ${err instanceof Error ? err.message : err}`),
    );
  }

  /** Called after each recorded call (the Recent calls panel reloads). Returns the unsubscriber. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
