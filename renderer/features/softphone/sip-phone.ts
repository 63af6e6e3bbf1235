import { Invitation, Registerer, RegistererState, SessionState, UserAgent, type Session } from 'sip.js';
import type { IncomingResponse } from 'sip.js/lib/core';
import type { SessionDescriptionHandler } from 'sip.js/lib/platform/web';
import { callerIdFrom, cleanDisplayName, type SipAccount } from '../../../shared';
import { backoffMs, type RegistrationState } from './call-machine';

export type RegistrationProblem = 'wrong-password' | 'unreachable' | 'dropped' | null;

export interface IncomingCall {
  callId: string;
  number: string;
  displayName: string;
}

/** What the telephony module tells the app; all payloads are plain data. */
export interface SipPhoneDelegate {
  onRegistration(state: RegistrationState, problem: RegistrationProblem): void;
  onIncoming(call: IncomingCall): void;
  onEstablished(callId: string): void;
  onEnded(callId: string, answered: boolean): void;
  onRemoteStream(stream: MediaStream | null): void;
}

export interface SipPhoneOptions {
  account: SipAccount;
  password: string;
  iceServers: string[];
}

/**
 * The only module that touches SIP.js. Built on the API layer (UserAgent, Registerer,
 * Invitation), one incoming call at a time for now; reconnects and re-registers with backoff.
 */
export class SipPhone {
  private ua: UserAgent | null = null;
  private registerer: Registerer | null = null;
  private session: { callId: string; invitation: Invitation; answered: boolean } | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  private uaStarted = false;

  constructor(private readonly delegate: SipPhoneDelegate) {}

  async start(opts: SipPhoneOptions): Promise<void> {
    await this.stop();
    this.stopped = false;
    const uri = UserAgent.makeURI(opts.account.sipUri);
    if (!uri) throw new Error('invalid SIP URI');
    const ua = new UserAgent({
      uri,
      displayName: opts.account.displayName,
      authorizationUsername: opts.account.authUser,
      authorizationPassword: opts.password,
      transportOptions: { server: opts.account.wsUrl, connectionTimeout: 5 },
      logLevel: 'error',
      sessionDescriptionHandlerFactoryOptions: {
        // STUN/TURN come from settings only (none on loopback). Gathering is capped so answering
        // doesn't wait for "complete" (SIP.js would wait up to 5 s by default).
        peerConnectionConfiguration: { iceServers: opts.iceServers.map((urls) => ({ urls })) },
        iceGatheringTimeout: 200,
      },
      delegate: {
        onInvite: (invitation) => this.incoming(invitation),
        onDisconnect: (error) => {
          if (this.stopped) return;
          if (error) {
            this.delegate.onRegistration('registering', 'dropped');
            this.scheduleRetry();
          }
        },
      },
    });
    this.ua = ua;
    this.uaStarted = false;
    this.registerer = new Registerer(ua, { expires: 300 });
    this.registerer.stateChange.addListener((s) => {
      if (s === RegistererState.Registered) {
        this.attempt = 0;
        this.delegate.onRegistration('registered', null);
      }
    });
    await this.connectAndRegister();
  }

  private async connectAndRegister(): Promise<void> {
    if (this.stopped || !this.ua || !this.registerer) return;
    this.delegate.onRegistration('registering', null);
    try {
      if (!this.uaStarted) {
        this.uaStarted = true;
        await this.ua.start();
      } else if (!this.ua.isConnected()) {
        await this.ua.reconnect();
      }
    } catch {
      this.delegate.onRegistration('failed', 'unreachable');
      this.scheduleRetry();
      return;
    }
    await this.registerer.register({
      requestDelegate: {
        // After a transport reconnect the Registerer may still say "Registered" (SIP.js does not
        // notice the drop), so its state change never fires: the 200 OK itself is the signal.
        onAccept: () => {
          this.attempt = 0;
          this.delegate.onRegistration('registered', null);
        },
        onReject: (response: IncomingResponse) => {
          const code = response.message.statusCode ?? 0;
          if (code === 401 || code === 403 || code === 407) {
            // Wrong credentials: retrying would only lock the account; wait for the agent.
            this.delegate.onRegistration('failed', 'wrong-password');
          } else {
            this.delegate.onRegistration('failed', 'unreachable');
            this.scheduleRetry();
          }
        },
      },
    });
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer) return;
    const delay = backoffMs(this.attempt++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connectAndRegister();
    }, delay);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.attempt = 0;
    const ua = this.ua;
    const reg = this.registerer;
    this.ua = null;
    this.registerer = null;
    if (reg?.state === RegistererState.Registered) await reg.unregister().catch(() => undefined);
    await ua?.stop().catch(() => undefined);
    this.delegate.onRegistration('unregistered', null);
  }

  private incoming(invitation: Invitation): void {
    const callId = crypto.randomUUID();
    performance.mark('seatdesk:invite', { detail: { callId } });
    if (this.session) {
      void invitation.reject({ statusCode: 486 }); // busy: call waiting comes with issue 4
      return;
    }
    this.session = { callId, invitation, answered: false };
    const from = {
      number: invitation.remoteIdentity.uri.user ?? '',
      displayName: cleanDisplayName(invitation.remoteIdentity.displayName),
    };
    const id = callerIdFrom(from, invitation.request.getHeader('P-Asserted-Identity'));
    invitation.stateChange.addListener((s) => this.sessionState(callId, invitation, s));
    this.delegate.onIncoming({ callId, number: id.number, displayName: id.displayName });
  }

  private sessionState(callId: string, session: Session, s: SessionState): void {
    if (this.session?.callId !== callId) return;
    if (s === SessionState.Established) {
      this.session.answered = true;
      const sdh = session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
      this.delegate.onRemoteStream(sdh?.remoteMediaStream ?? null);
      this.delegate.onEstablished(callId);
    } else if (s === SessionState.Terminated) {
      const answered = this.session.answered;
      this.session = null;
      this.delegate.onRemoteStream(null);
      this.delegate.onEnded(callId, answered);
    }
  }

  async answer(): Promise<void> {
    const inv = this.session?.invitation;
    if (!inv || inv.state !== SessionState.Initial) return;
    await inv.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
  }

  async reject(): Promise<void> {
    const inv = this.session?.invitation;
    if (inv?.state === SessionState.Initial) await inv.reject({ statusCode: 486 });
  }

  async hangup(): Promise<void> {
    const inv = this.session?.invitation;
    if (!inv) return;
    if (inv.state === SessionState.Established) await inv.bye();
    else if (inv.state === SessionState.Initial) await inv.reject({ statusCode: 486 });
  }

  setMuted(muted: boolean): void {
    const sdh = this.session?.invitation.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
    sdh?.enableSenderTracks(!muted);
  }
}
