import type { RegistrationState } from './call-machine';
import { CallLegs, type CallLegsDelegate } from './call-legs';
import type { IceConfig } from './ice-config';
import { SipConnection, type RegistrationProblem, type SipPhoneOptions } from './sip-connection';

export type { IncomingCall } from './call-legs';
export type { RegistrationProblem, SipPhoneOptions } from './sip-connection';

/** What the telephony module hears from the phone; all payloads are plain data. */
export interface SipPhoneDelegate extends CallLegsDelegate {
  onRegistration(state: RegistrationState, problem: RegistrationProblem): void;
}

/**
 * The only door to SIP.js, split along its seam (SIP.js's own layering): SipConnection owns
 * registration and transport, CallLegs owns the calls. This facade wires the two: a new INVITE
 * becomes a leg, and a re-registration after a drop refreshes the live calls' targets.
 */
export class SipPhone {
  readonly connection: SipConnection;
  readonly legs: CallLegs;

  constructor(delegate: SipPhoneDelegate) {
    this.connection = new SipConnection({
      onRegistration: (state, problem) => delegate.onRegistration(state, problem),
      onInvite: (invitation) => this.legs.incoming(invitation),
      onReconnected: () => void this.legs.refreshCalls(),
    });
    this.legs = new CallLegs(this.connection, delegate);
  }

  start(opts: SipPhoneOptions): Promise<void> {
    return this.connection.start(opts);
  }
  stop(): Promise<void> {
    return this.connection.stop();
  }
  setIce(ice: IceConfig): void {
    this.connection.setIce(ice);
  }
  ping(timeoutMs?: number): Promise<number> {
    return this.connection.ping(timeoutMs);
  }
  reconnectNow(): void {
    this.connection.reconnectNow();
  }
  setOffered(offered: boolean, queues: readonly string[]): Promise<void> {
    return this.connection.setOffered(offered, queues);
  }
}
