import { Invitation, Inviter, SessionState, UserAgent, type Session } from 'sip.js';
import type { SessionDescriptionHandler, SessionDescriptionHandlerOptions } from 'sip.js/lib/platform/web';
import { callerIdFrom, cleanDisplayName } from '../../../shared';
import type { NewCall } from './call-snapshot';
import { isDtmfTone } from './dial-string';
import { sendReInvite } from './re-invite';

export type IncomingCall = NewCall;

/** What the call legs tell the app; all payloads are plain data. */
export interface CallLegsDelegate {
  onIncoming(call: IncomingCall): void;
  onEstablished(callId: string): void;
  onEnded(callId: string, answered: boolean): void;
  /** An outbound call was refused (486 busy, 480, 408, 503 …) or a transfer failed. */
  onFailed(callId: string, code: number): void;
  onHeld(callId: string, held: boolean): void;
  onRemoteStream(stream: MediaStream | null): void;
}

/** What the legs need of the connection: the user agent and its domain. */
export interface LegsConnection {
  userAgent(): UserAgent | null;
  domain(): string;
  isConnected(): boolean;
}

/** One call leg: a SIP session and what we know of it. */
interface Leg {
  callId: string;
  session: Session;
  answered: boolean;
  /** True when we sent the initial INVITE (owns the Call-ID: RFC 3261 §14.1 timers). */
  outbound: boolean;
  held: boolean;
}

/** Two lines at most: the call in focus and one more (waiting, held, or a consultation). */
const maxLegs = 2;

/**
 * The calls: up to two SIP sessions at once (call waiting, consultation), the one in focus, and
 * every in-call action (answer, hold, DTMF, transfers, microphone swap). Built on SIP.js's API layer.
 */
export class CallLegs {
  private readonly legs = new Map<string, Leg>();
  /** The leg the agent talks on; actions without a call id apply to it. */
  private focus: string | null = null;
  private get session(): Leg | null {
    return (this.focus && this.legs.get(this.focus)) || null;
  }

  constructor(
    private readonly conn: LegsConnection,
    private readonly delegate: CallLegsDelegate,
  ) {}

  incoming(invitation: Invitation): void {
    const callId = crypto.randomUUID();
    performance.mark('seatdesk:invite', { detail: { callId } });
    if (this.legs.size >= maxLegs) {
      void invitation.reject({ statusCode: 486 }); // both lines busy
      return;
    }
    // A second call while talking waits (call waiting); the one in focus stays in focus.
    this.legs.set(callId, { callId, session: invitation, answered: false, outbound: false, held: false });
    this.focus ??= callId;
    const from = {
      number: invitation.remoteIdentity.uri.user ?? '',
      displayName: cleanDisplayName(invitation.remoteIdentity.displayName),
    };
    const id = callerIdFrom(from, invitation.request.getHeader('P-Asserted-Identity'));
    invitation.stateChange.addListener((s) => this.sessionState(callId, invitation, s));
    this.delegate.onIncoming({ callId, number: id.number, displayName: id.displayName });
  }

  private sessionState(callId: string, session: Session, s: SessionState): void {
    const current = this.legs.get(callId);
    if (!current) return;
    if (s === SessionState.Established) {
      current.answered = true;
      const sdh = session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
      // The media path broke (network change, NAT rebinding): restart ICE once signalling is up.
      sdh?.peerConnection?.addEventListener('iceconnectionstatechange', () => {
        if (sdh.peerConnection?.iceConnectionState === 'failed' && this.conn.isConnected())
          void this.reInvite(current, { iceRestart: true });
      });
      if (this.focus === callId) this.delegate.onRemoteStream(sdh?.remoteMediaStream ?? null);
      this.delegate.onEstablished(callId);
    } else if (s === SessionState.Terminated) {
      this.legs.delete(callId);
      if (this.focus === callId) {
        // The other line (held or waiting), if any, comes into focus; the agent resumes it.
        this.focus = this.legs.keys().next().value ?? null;
        this.delegate.onRemoteStream(this.remoteStream());
      }
      this.delegate.onEnded(callId, current.answered);
    }
  }

  private remoteStream(): MediaStream | null {
    const sdh = this.session?.session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
    return sdh?.remoteMediaStream ?? null;
  }

  /** Puts `callId` in focus (its audio plays; actions without an id apply to it). */
  setFocus(callId: string): void {
    if (!this.legs.has(callId) || this.focus === callId) return;
    this.focus = callId;
    this.delegate.onRemoteStream(this.remoteStream());
  }

  /** The calls this phone has, focus first. */
  callIds(): string[] {
    return [...this.legs.keys()].sort((a) => (a === this.focus ? -1 : 1));
  }

  /**
   * After a reconnect the far side still knows our old connection (Kamailio's alias in our
   * Contact): a re-INVITE over the new one refreshes the dialog's target, so its BYE and re-INVITEs
   * reach us again. If ICE lost its path meanwhile, the same re-INVITE restarts ICE.
   */
  async refreshCalls(): Promise<void> {
    for (const leg of [...this.legs.values()]) {
      if (leg.session.state !== SessionState.Established) continue;
      const sdh = leg.session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
      const pc = sdh?.peerConnection;
      const iceRestart = !!pc && !['connected', 'completed'].includes(pc.iceConnectionState);
      await this.reInvite(leg, { iceRestart });
    }
  }

  /** A re-INVITE keeping the hold state (a target refresh, or an ICE restart). */
  private async reInvite(current: Leg, opts: { iceRestart: boolean }): Promise<void> {
    const session = current.session;
    if (session.state !== SessionState.Established || this.legs.get(current.callId) !== current) return;
    const base = session.sessionDescriptionHandlerOptionsReInvite as SessionDescriptionHandlerOptions;
    // A re-INVITE already in flight refreshes the target just as well: the verdict is not needed.
    await sendReInvite(
      session,
      { ...base, hold: current.held, offerOptions: opts.iceRestart ? { iceRestart: true } : undefined },
      { ownsCallId: current.outbound, stillOurs: () => this.legs.get(current.callId) === current },
    );
  }

  /** Places an outbound call to `user` (already a clean dial string) at the account's domain. */
  dial(user: string, audio: MediaTrackConstraints | true = true): string {
    // A second line only while the first is on hold (a consultation before a transfer).
    const busy = this.session && !this.session.held;
    const ua = this.conn.userAgent();
    if (!ua || busy || this.legs.size >= maxLegs) throw new Error('not ready to dial');
    const target = UserAgent.makeURI(`sip:${user}@${this.conn.domain()}`);
    if (!target) throw new Error('bad number');
    const callId = crypto.randomUUID();
    const inviter = new Inviter(ua, target, {
      sessionDescriptionHandlerOptions: { constraints: { audio, video: false } },
    });
    this.legs.set(callId, { callId, session: inviter, answered: false, outbound: true, held: false });
    this.focus = callId;
    inviter.stateChange.addListener((s) => this.sessionState(callId, inviter, s));
    void inviter
      .invite({
        requestDelegate: {
          onReject: (response) => this.delegate.onFailed(callId, response.message.statusCode ?? 0),
        },
      })
      .catch(() => this.delegate.onFailed(callId, 0));
    return callId;
  }

  /**
   * Hold or resume by re-INVITE; the state changes only when the far end accepts. Resolves with the
   * outcome (true = now in the asked state), after any 491 glare retries.
   */
  async setHeld(held: boolean, callId?: string): Promise<boolean> {
    const current = this.leg(callId);
    if (!current || current.session.state !== SessionState.Established) return false;
    if (current.held === held) return true;
    const session = current.session;
    const sdh = session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
    const options = session.sessionDescriptionHandlerOptionsReInvite as SessionDescriptionHandlerOptions;
    options.hold = held;
    options.offerOptions = undefined; // an ICE restart was for the one re-INVITE that asked for it
    session.sessionDescriptionHandlerOptionsReInvite = options;
    const verdict = await sendReInvite(session, options, {
      ownsCallId: current.outbound,
      stillOurs: () => this.legs.get(current.callId) === current,
    });
    if (verdict === 'accepted') {
      current.held = held;
      sdh?.enableReceiverTracks(!held);
      sdh?.enableSenderTracks(!held);
    }
    // Refused or not sent: the UI goes back to the real state (never a stale hold).
    this.delegate.onHeld(current.callId, current.held);
    return verdict === 'accepted';
  }

  /**
   * DTMF: RFC 4733 telephone-events in the media (the default), or SIP INFO
   * (application/dtmf-relay) for systems that want it. Returns false if it could not be sent.
   */
  async sendDtmf(tone: string, via: 'rfc4733' | 'info' = 'rfc4733'): Promise<boolean> {
    const session = this.session?.session;
    if (!session || session.state !== SessionState.Established || !isDtmfTone(tone)) return false;
    const sdh = session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
    if (via === 'rfc4733' && sdh?.sendDtmf(tone, { duration: 100, interToneGap: 70 })) return true;
    await session.info({
      requestOptions: {
        body: {
          contentDisposition: 'render',
          contentType: 'application/dtmf-relay',
          content: `Signal=${tone}\r\nDuration=100`,
        },
      },
    });
    return true;
  }

  /**
   * Blind transfer (REFER): once the caller's phone accepts (202), our leg ends; the caller is
   * the one who calls `user`. (An attended transfer, with a consultation call first, needs two
   * sessions at once: it comes with call waiting.)
   */
  async transfer(user: string): Promise<void> {
    const current = this.session;
    if (!current || current.session.state !== SessionState.Established) return;
    const target = UserAgent.makeURI(`sip:${user}@${this.conn.domain()}`);
    if (!target) throw new Error('bad transfer target');
    const session = current.session;
    await session.refer(target, {
      requestDelegate: {
        onAccept: () => {
          if (session.state === SessionState.Established) void session.bye().catch(() => undefined);
        },
        onReject: (response) => this.delegate.onFailed(current.callId, response.message.statusCode ?? 0),
      },
    });
  }

  /** Answers with the chosen microphone (`audio` constraints; true = the system default). */
  async answer(audio: MediaTrackConstraints | true = true, callId?: string): Promise<void> {
    const inv = this.invitation(callId);
    if (!inv || inv.state !== SessionState.Initial) return;
    if (callId) this.setFocus(callId); // answering the waiting call: it is the one we talk on now
    await inv.accept({ sessionDescriptionHandlerOptions: { constraints: { audio, video: false } } });
  }

  /**
   * Swaps the microphone under a live call (the old one was unplugged, or the agent chose
   * another): the sender's track is replaced in place, so no re-INVITE and no gap for the caller.
   */
  async replaceMicrophone(audio: MediaTrackConstraints | true): Promise<boolean> {
    const sdh = this.session?.session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
    if (!sdh) return false;
    const sender = sdh.peerConnection?.getSenders().find((x) => x.track?.kind === 'audio');
    if (!sender) return false;
    const [track] = (await navigator.mediaDevices.getUserMedia({ audio, video: false })).getAudioTracks();
    if (!track) return false;
    await sender.replaceTrack(track);
    // Keep SIP.js's local stream in step, so the call's end releases the new microphone too.
    const local = sdh.localMediaStream;
    for (const old of local.getAudioTracks()) {
      old.stop();
      local.removeTrack(old);
    }
    local.addTrack(track);
    return true;
  }

  async reject(callId?: string): Promise<void> {
    const inv = this.invitation(callId);
    if (inv?.state === SessionState.Initial) await inv.reject({ statusCode: 486 });
  }

  /**
   * Attended transfer: the caller on `heldId` is asked (REFER with Replaces) to call the party of
   * the consultation `consultId`, taking that call over; once the caller accepts (202), our leg
   * to the caller ends, and the third party ends the consultation leg as it is replaced.
   */
  async completeTransfer(heldId: string, consultId: string): Promise<void> {
    const held = this.legs.get(heldId);
    const consult = this.legs.get(consultId);
    if (!held || !consult) return;
    if (held.session.state !== SessionState.Established || consult.session.state !== SessionState.Established)
      return;
    await held.session.refer(consult.session, {
      requestDelegate: {
        onAccept: () => {
          if (held.session.state === SessionState.Established) void held.session.bye().catch(() => undefined);
          // Should the third party not end the replaced leg itself, we do it.
          setTimeout(() => {
            if (consult.session.state === SessionState.Established)
              void consult.session.bye().catch(() => undefined);
          }, 5000);
        },
        onReject: (response) => this.delegate.onFailed(heldId, response.message.statusCode ?? 0),
      },
    });
  }

  async hangup(callId?: string): Promise<void> {
    const session = this.leg(callId)?.session;
    if (!session) return;
    if (session.state === SessionState.Established) await session.bye();
    else if (session instanceof Invitation && session.state === SessionState.Initial)
      await session.reject({ statusCode: 486 });
    else if (session instanceof Inviter && session.state !== SessionState.Terminated) await session.cancel();
  }

  setMuted(muted: boolean): void {
    const sdh = this.session?.session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
    sdh?.enableSenderTracks(!muted);
  }

  /** The peer connection of a call (the one in focus by default), for call-quality stats. */
  peerConnection(callId?: string): RTCPeerConnection | null {
    const sdh = this.leg(callId)?.session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
    return sdh?.peerConnection ?? null;
  }

  private leg(callId?: string): Leg | null {
    return callId ? (this.legs.get(callId) ?? null) : this.session;
  }

  private invitation(callId?: string): Invitation | null {
    const s = this.leg(callId)?.session;
    return s instanceof Invitation ? s : null;
  }
}
