import { Registerer, RegistererState, UserAgent, type Invitation } from 'sip.js';
import type { IncomingResponse } from 'sip.js/lib/core';
import type { SipAccount } from '../../../shared';
import { backoffMs, type RegistrationState } from './call-machine';
import { FlowWatchdog, type WatchableTransport } from './flow-watchdog';
import type { IceConfig } from './ice-config';
import { gatheringTimeoutMs, hostGatheringMs, relayAwareFactory } from './ice-gathering';
import { QueueBindings } from './queue-bindings';

/**
 * Reconnect delays: unlimited attempts, capped at ~1.5 s (±20 %), so a seat is back within 2 s of
 * the proxy returning. Each attempt is one refused TCP connect while it is down: cheap for the
 * proxy even with hundreds of seats.
 */
const reconnectBackoff = { baseMs: 250, capMs: 1500, jitter: 0.2 };

export type RegistrationProblem = 'wrong-password' | 'unreachable' | 'dropped' | null;

export interface SipConnectionDelegate {
  onRegistration(state: RegistrationState, problem: RegistrationProblem): void;
  onInvite(invitation: Invitation): void;
  /** Registered again after the transport dropped: live calls need a target refresh. */
  onReconnected(): void;
}

export interface SipPhoneOptions {
  account: SipAccount;
  password: string;
  /** STUN/TURN and the transport policy; replaced later with setIce (fresh TURN credentials). */
  ice: IceConfig;
  /** Keep-alive timing (defaults: every ~25 s, dead after 10 s without a pong). */
  keepAlive?: { intervalMs?: number; deadAfterMs?: number };
}

/**
 * Registration and transport: the user agent, the WebSocket, the keep-alive, reconnects with
 * backoff, re-registration, the queue bindings and the OPTIONS ping. Calls are CallLegs' job.
 */
export class SipConnection {
  private ua: UserAgent | null = null;
  private registerer: Registerer | null = null;
  private domainName = '';
  private readonly queues = new QueueBindings(() => this.ua);
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  private uaStarted = false;
  /** The transport dropped since the last registration: live calls need a target refresh. */
  private dropped = false;
  private watchdog: FlowWatchdog | null = null;
  /**
   * Read by SIP.js each time it makes a peer connection (the factory copies it per call), so
   * setIce reaches the next call without restarting the user agent.
   */
  private readonly pcConfig: RTCConfiguration = { iceServers: [], iceTransportPolicy: 'all' };
  /** Read by SIP.js per call too: the gathering cap follows the ICE servers (setIce). */
  private readonly sdhOptions = {
    peerConnectionConfiguration: this.pcConfig,
    iceGatheringTimeout: hostGatheringMs,
  };

  constructor(private readonly delegate: SipConnectionDelegate) {}

  /** New STUN/TURN for calls set up from now on (calls in progress keep theirs). */
  setIce(ice: IceConfig): void {
    this.pcConfig.iceServers = ice.iceServers.map((s) => ({ ...s, urls: [...s.urls] }));
    this.pcConfig.iceTransportPolicy = ice.iceTransportPolicy;
    this.sdhOptions.iceGatheringTimeout = gatheringTimeoutMs(this.pcConfig);
  }

  async start(opts: SipPhoneOptions): Promise<void> {
    await this.stop();
    this.stopped = false;
    this.setIce(opts.ice);
    const uri = UserAgent.makeURI(opts.account.sipUri);
    if (!uri) throw new Error('invalid SIP URI');
    const ua = new UserAgent({
      uri,
      displayName: opts.account.displayName,
      authorizationUsername: opts.account.authUser,
      // Contact user = our AOR user: the proxy can then reach this phone through its current
      // registration when the dialog's original connection is gone (deploy/kamailio WITHINDLG).
      contactName: uri.user ?? opts.account.authUser,
      authorizationPassword: opts.password,
      // Keep-alive is ours (FlowWatchdog: CRLF every ~25 s, dead after 10 s without a pong).
      transportOptions: { server: opts.account.wsUrl, connectionTimeout: 5, keepAliveInterval: 0 },
      logLevel: 'error',
      // STUN from settings, TURN from the central server (none on loopback). Gathering is
      // capped so answering doesn't wait for "complete" (SIP.js would wait up to 5 s by default),
      // and ends at the first relay candidate when TURN is configured (ice-gathering.ts).
      sessionDescriptionHandlerFactory: relayAwareFactory(() => this.pcConfig),
      sessionDescriptionHandlerFactoryOptions: this.sdhOptions,
      delegate: {
        onInvite: (invitation) => this.delegate.onInvite(invitation),
        onConnect: () => this.watchdog?.start(),
        onDisconnect: (error) => {
          this.watchdog?.stop();
          if (this.stopped) return;
          if (error) {
            this.dropped = true;
            this.delegate.onRegistration('registering', 'dropped');
            this.scheduleRetry();
          }
        },
      },
    });
    this.ua = ua;
    this.uaStarted = false;
    this.watchdog = new FlowWatchdog(ua.transport as unknown as WatchableTransport, {
      ...(opts.keepAlive ?? {}),
      onDead: () => undefined, // SIP.js now reports the disconnect: onDisconnect reconnects
    });
    this.domainName = uri.host;
    // Refresh at half the expiry (SIP.js defaults to 99 %): a lost refresh still leaves time.
    this.registerer = new Registerer(ua, { expires: 300, refreshFrequency: 50 });
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
          // A new connection (or a restarted Kamailio) needs the queue bindings again too.
          void this.queues.refresh();
          if (this.dropped) {
            this.dropped = false;
            this.delegate.onReconnected();
          }
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

  /**
   * SIP round trip: an OPTIONS to the registrar's domain; resolves with the milliseconds until
   * the answer (any final response proves the path), rejects when there is none in `timeoutMs`.
   */
  ping(timeoutMs = 3000): Promise<number> {
    const ua = this.ua;
    if (!ua?.isConnected()) return Promise.reject(new Error('not connected'));
    const target = UserAgent.makeURI(`sip:${this.domainName}`);
    if (!target) return Promise.reject(new Error('bad domain'));
    const core = ua.userAgentCore;
    const message = core.makeOutgoingRequestMessage('OPTIONS', target, ua.configuration.uri, target, {});
    const started = performance.now();
    return new Promise<number>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error('no answer')), timeoutMs);
      const done = () => {
        clearTimeout(timer);
        ok(Math.round(performance.now() - started));
      };
      core.request(message, { onAccept: done, onReject: done });
    });
  }

  /** After sleep/resume or a network change: reconnect and re-register now, not at the next backoff step. */
  reconnectNow(): void {
    if (this.stopped) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.attempt = 0;
    void this.connectAndRegister();
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer) return;
    const delay = backoffMs(this.attempt++, Math.random, reconnectBackoff);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connectAndRegister();
    }, delay);
  }

  /** Queue calls reach this phone only while offered (the agent is Ready; ADR 0004). */
  setOffered(offered: boolean, queues: readonly string[]): Promise<void> {
    return this.queues.setOffered(offered, queues);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.attempt = 0;
    const ua = this.ua;
    const reg = this.registerer;
    await this.queues.clear();
    this.watchdog?.stop();
    this.watchdog = null;
    this.dropped = false;
    this.ua = null;
    this.registerer = null;
    if (reg?.state === RegistererState.Registered) await reg.unregister().catch(() => undefined);
    await ua?.stop().catch(() => undefined);
    this.delegate.onRegistration('unregistered', null);
  }

  /** The user agent calls are made with (null while stopped). */
  userAgent(): UserAgent | null {
    return this.ua;
  }

  /** The registrar's domain: numbers are dialled at it. */
  domain(): string {
    return this.domainName;
  }

  isConnected(): boolean {
    return !!this.ua?.isConnected();
  }
}
