import i18next from 'i18next';
import { HostCallError, type HostClient, type ScreenPop } from '../../../shared';
import type { AppStore } from '../../store/app-store';
import type { WrapUpController } from '../wrap-up/wrap-up-controller';
import { WrapUpQueue } from '../wrap-up/wrap-up-queue';
import { dialString } from './dial-string';
import { AgentStatusController } from '../agent-status/agent-status-controller';
import { QualitySampler } from '../quality/quality-sampler';
import { AudioDevices } from '../devices/audio-devices';
import { CallRecorder } from '../call-history/call-recorder';
import { noIce, type IceConfig } from './ice-config';
import { Ringtone } from './ringtone';
import { SipPhone, type IncomingCall } from './sip-phone';

const iceRefreshMs = 5 * 60_000;

/**
 * Wires the SIP layer to the store and the host: registration state, ringing with the
 * screen-pop (the hot path: one host call, nothing else awaited), answer, hang-up → wrap-up.
 */
export class Telephony {
  readonly phone: SipPhone;
  private readonly ringtone = new Ringtone();
  remoteStream: MediaStream | null = null;
  /** Calls that ended before their ringing UI was committed. */
  private readonly gone = new Set<string>();
  onRemoteStream: (s: MediaStream | null) => void = () => {};
  readonly agentStatus: AgentStatusController;
  readonly devices: AudioDevices;
  private readonly quality: QualitySampler;
  private readonly wrapUpQueue: WrapUpQueue;
  /** The seat's call history: each ended call is recorded (fire-and-forget). */
  readonly history: CallRecorder;
  /** STUN/TURN for the next call; TURN credentials expire, so it is re-read while registered. */
  ice: IceConfig = noIce;
  private iceTimer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly store: AppStore,
    private readonly host: HostClient,
    private readonly wrapUps: WrapUpController,
  ) {
    // Queue calls reach this agent only while Ready: the queue bindings follow the status.
    this.agentStatus = new AgentStatusController(store, (offered) => {
      void this.phone.setOffered(offered, store.getState().settings?.queues ?? []);
    });
    this.quality = new QualitySampler(store, (callId) => this.phone.peerConnection(callId));
    this.history = new CallRecorder(host);
    this.wrapUpQueue = new WrapUpQueue(store, wrapUps);
    this.devices = new AudioDevices(store);
    this.ringtone.sinks = () => this.devices.ringerIds();
    this.devices.onMicLost = () => void this.swapMicrophone();
    this.phone = new SipPhone({
      onRegistration: (state, problem) => store.getState().setRegistration(state, problem),
      onIncoming: (call) => this.ring(call),
      onEstablished: (callId) => {
        store.getState().moveCall(callId, 'established', new Date());
        this.agentStatus.callStarted();
        // One call's quality at a time: the customer's (a consultation does not replace it).
        if (!this.quality.running()) this.quality.start(callId);
        void this.devices.refresh(); // the call opened the microphone: device names are visible now
      },
      onEnded: (callId, answered) => this.ended(callId, answered),
      onFailed: (callId, code) => {
        this.history.transferFailed(callId); // a refused REFER: the call goes on, not transferred
        store.getState().setNotice(failureNotice(code), { code: String(code) });
      },
      onHeld: (callId, held) => {
        const { call: focused, otherCall } = store.getState();
        const call = focused?.callId === callId ? focused : otherCall?.callId === callId ? otherCall : null;
        if (!call) return;
        const want = held ? 'held' : 'established';
        if (call.state !== want) store.getState().moveCall(callId, want, new Date());
      },
      onRemoteStream: (s) => {
        this.remoteStream = s;
        this.onRemoteStream(s);
      },
    });
  }

  async register(): Promise<void> {
    const { settings } = this.store.getState();
    if (!settings?.sip) return this.store.getState().setNotice('reg.noAccount');
    const { password } = await this.host['credentials:getSipPassword']({});
    if (!password) return this.store.getState().setNotice('reg.noPassword');
    this.store.getState().setNotice(null);
    this.ringtone.warmUp();
    void this.devices.start();
    // Asked here, on the agent's click: a ring must reach them even when the window is behind.
    if ('Notification' in window && Notification.permission === 'default')
      void Notification.requestPermission();
    await this.refreshIce();
    // The host refreshes the credentials at half their life; picking them up every few
    // minutes keeps every new call well inside it, and never adds a host call to the call path.
    if (this.iceTimer) clearInterval(this.iceTimer);
    this.iceTimer = setInterval(() => void this.refreshIce(), iceRefreshMs);
    await this.phone.start({ account: settings.sip, password, ice: this.ice });
  }

  unregister(): Promise<void> {
    if (this.iceTimer) clearInterval(this.iceTimer);
    this.iceTimer = null;
    return this.phone.stop();
  }

  /** Reads STUN/TURN from the host (settings plus what the central server issued). */
  async refreshIce(): Promise<void> {
    try {
      this.ice = await this.host['media:iceServers']({});
      this.phone.setIce(this.ice);
    } catch {
      // Keep the last good set; the next refresh tries again.
    }
  }

  private ring(call: IncomingCall): void {
    const live = this.store.getState().call;
    if (live && live.state !== 'ended') return this.callWaiting(call);
    // Hot path: the lookup leaves first, and the ringing UI and the card are committed in one
    // render when the answer comes (it takes about a millisecond; we wait 50 ms at most).
    const lookup = this.host['cache:screenPop']({ number: call.number }).then(
      (data: ScreenPop) => {
        performance.mark('seatdesk:pop-answer', { detail: { callId: call.callId } });
        return { callId: call.callId, status: 'ready' as const, data };
      },
      (err: unknown) => {
        if (err instanceof HostCallError) console.warn(err.message);
        return { callId: call.callId, status: 'error' as const, data: null };
      },
    );
    const cap = new Promise<null>((r) => setTimeout(() => r(null), 50));
    void Promise.race([lookup, cap]).then((pop) => {
      if (this.gone.delete(call.callId)) return; // cancelled before it was shown
      const s = this.store.getState();
      // A call that rings while the last wrap-up is still open keeps that draft safe in the host.
      if (s.wrapUp && s.wrapUp.status === 'filed') this.wrapUps.close();
      s.ring(call, new Date());
      if (pop) s.setPop(pop);
      else void lookup.then((late) => this.store.getState().setPop(late));
      this.ringtone.start();
      this.notify(call);
    });
  }

  /**
   * A second call while the agent talks: it waits beside the current one with a short tone in
   * the headset; the agent answers it (the current call goes on hold) or sends it away busy.
   */
  private callWaiting(call: IncomingCall): void {
    this.store.getState().waiting(call, new Date());
    this.ringtone.waitingBeep(this.devices.outputId());
    this.notify(call);
  }

  /** Answers the waiting call: the current one is put on hold first. */
  async answerWaiting(): Promise<void> {
    const { call, otherCall } = this.store.getState();
    if (otherCall?.state !== 'ringing') return;
    if (call?.state === 'established') await this.phone.setHeld(true, call.callId);
    this.store.getState().swapCalls();
    this.store.getState().moveCall(otherCall.callId, 'connecting', new Date());
    this.popFor(otherCall.callId, otherCall.number);
    try {
      await this.phone.answer(this.devices.micConstraints(), otherCall.callId);
    } catch (err) {
      this.store
        .getState()
        .setNotice('call.micDenied', { reason: err instanceof Error ? err.message : String(err) });
      await this.phone.hangup(otherCall.callId).catch(() => undefined);
    }
  }

  rejectWaiting(): Promise<void> {
    const other = this.store.getState().otherCall;
    this.history.noteRejected(other);
    return other?.state === 'ringing' ? this.phone.reject(other.callId) : Promise.resolve();
  }

  /** Two calls up: the one on hold comes back and the one in focus goes on hold. */
  async swap(): Promise<void> {
    const { call, otherCall } = this.store.getState();
    if (!call || otherCall?.state !== 'held' || !['established', 'held'].includes(call.state)) return;
    if (call.state === 'established') await this.phone.setHeld(true, call.callId);
    this.phone.setFocus(otherCall.callId);
    this.store.getState().swapCalls();
    await this.phone.setHeld(false, otherCall.callId);
    this.popFor(otherCall.callId, otherCall.number);
  }

  /** Consultation before an attended transfer: the caller waits on hold while we call `input`. */
  async consult(input: string): Promise<boolean> {
    const s = this.store.getState();
    const number = dialString(input);
    if (!number) {
      s.setNotice('call.badNumber');
      return false;
    }
    if (s.call?.state !== 'established' || s.otherCall) return false;
    if (!(await this.phone.setHeld(true, s.call.callId))) return false;
    const callId = this.phone.dial(number, this.devices.micConstraints());
    this.store.getState().consult({ callId, number, displayName: '' }, new Date());
    return true;
  }

  /** Completes the attended transfer: the caller on hold and the consulted party are joined. */
  completeTransfer(): Promise<void> {
    const { call, otherCall } = this.store.getState();
    if (!call?.consult || call.state !== 'established' || otherCall?.state !== 'held')
      return Promise.resolve();
    this.history.noteTransfer(otherCall.callId);
    return this.phone.completeTransfer(otherCall.callId, call.callId);
  }

  /** The card follows the call in focus (a cache lookup, about a millisecond). */
  private popFor(callId: string, number: string): void {
    this.store.setState({ pop: { callId, status: 'loading', data: null } });
    void this.host['cache:screenPop']({ number }).then(
      (data) => this.store.getState().setPop({ callId, status: 'ready', data }),
      () => this.store.getState().setPop({ callId, status: 'error', data: null }),
    );
  }

  /** A desktop notification when the window is not in front (clicking it brings the window back). */
  private notify(call: IncomingCall): void {
    if (!('Notification' in window) || Notification.permission !== 'granted') return;
    if (document.visibilityState === 'visible' && document.hasFocus()) return;
    const n = new Notification(i18next.t('call.ringing'), {
      body: [call.displayName, call.number].filter(Boolean).join(' · ') || i18next.t('call.anonymous'),
      tag: call.callId,
      requireInteraction: true,
    });
    n.onclick = () => {
      window.focus();
      n.close();
    };
    const close = () => n.close();
    setTimeout(close, 60_000);
  }

  async answer(): Promise<void> {
    const { call, otherCall } = this.store.getState();
    if (otherCall?.state === 'ringing' && call?.state !== 'ringing') return this.answerWaiting();
    if (call?.state !== 'ringing') return;
    this.ringtone.stop();
    this.store.getState().moveCall(call.callId, 'connecting', new Date());
    try {
      await this.phone.answer(this.devices.micConstraints());
    } catch (err) {
      this.store
        .getState()
        .setNotice('call.micDenied', { reason: err instanceof Error ? err.message : String(err) });
      await this.phone.hangup().catch(() => undefined);
    }
  }

  /** Outbound call from the dial pad or a card (click-to-dial); the card pops for it too. */
  dial(input: string): boolean {
    const s = this.store.getState();
    const number = dialString(input);
    if (!number) {
      s.setNotice('call.badNumber');
      return false;
    }
    if (s.call || s.registration.state !== 'registered') return false;
    if (s.wrapUp && s.wrapUp.status === 'filed') this.wrapUps.close();
    const callId = this.phone.dial(number, this.devices.micConstraints());
    s.dial({ callId, number, displayName: '' }, new Date());
    void this.host['cache:screenPop']({ number }).then(
      (data) => this.store.getState().setPop({ callId, status: 'ready', data }),
      () => this.store.getState().setPop({ callId, status: 'error', data: null }),
    );
    return true;
  }

  /** The microphone in use went away (or another was chosen): the call goes on with the new one. */
  async swapMicrophone(): Promise<void> {
    try {
      if (!(await this.phone.replaceMicrophone(this.devices.micConstraints()))) return;
      const call = this.store.getState().call;
      if (call?.muted) this.phone.setMuted(true); // the new track starts live: keep the mute
    } catch (err) {
      this.store.getState().setNotice('devices.micFailed', {
        reason: err instanceof Error ? err.message : String(err),
      });
    }
  }

  async toggleHold(): Promise<void> {
    const call = this.store.getState().call;
    if (call?.state === 'established') await this.phone.setHeld(true);
    else if (call?.state === 'held') await this.phone.setHeld(false);
  }

  sendDtmf(key: string): Promise<boolean> {
    const { call, settings } = this.store.getState();
    if (call?.state !== 'established') return Promise.resolve(false);
    return this.phone.sendDtmf(key, settings?.dtmfMode ?? 'rfc4733');
  }

  transfer(input: string): Promise<void> {
    const target = dialString(input);
    if (!target) {
      this.store.getState().setNotice('call.badNumber');
      return Promise.resolve();
    }
    if (this.store.getState().call?.state === 'established')
      this.history.noteTransfer(this.store.getState().call?.callId);
    return this.phone.transfer(target);
  }

  reject(): Promise<void> {
    this.history.noteRejected(this.store.getState().call);
    this.ringtone.stop();
    return this.phone.reject();
  }

  hangup(): Promise<void> {
    this.history.noteRejected(this.store.getState().call); // hang-up while ringing refuses it
    return this.phone.hangup();
  }

  toggleMute(): void {
    const call = this.store.getState().call;
    if (call?.state !== 'established' && call?.state !== 'held') return;
    this.phone.setMuted(!call.muted);
    this.store.getState().setMuted(!call.muted);
  }

  private ended(callId: string, answered: boolean): void {
    const s = this.store.getState();
    const call = s.call?.callId === callId ? s.call : s.otherCall?.callId === callId ? s.otherCall : null;
    if (!call) {
      this.gone.add(callId);
      return;
    }
    const inFocus = s.call?.callId === callId;
    if (inFocus || !s.call) this.ringtone.stop();
    s.moveCall(callId, 'ended', new Date());
    const quality = this.quality.running() === callId ? this.quality.stop() : null;
    if (answered) this.agentStatus.callEnded();
    const ended = (inFocus ? this.store.getState().call : this.store.getState().otherCall) ?? call;
    const pop = s.pop?.callId === callId ? s.pop.data : null;
    this.history.record(ended, answered, pop?.kind === 'known' ? pop.customer : null);
    if (answered && !call.consult) {
      this.wrapUpQueue.add(ended, pop?.kind === 'known' ? pop.customer.id : null, quality);
    } else if (!answered && !call.consult) {
      s.setNotice('call.missed', { number: call.number || '—' });
    }
    this.store.getState().dropCall(callId);
    const next = this.store.getState().call;
    if (inFocus && next) {
      // The other line comes forward (still on hold: the agent resumes it).
      this.popFor(next.callId, next.number);
      this.store.getState().setNotice('call.otherOnHold', { number: next.number || '—' });
    } else if (!this.store.getState().wrapUp && s.pop?.callId === callId) {
      this.store.setState({ pop: null });
    }
  }
}

/** SIP failure codes the agent meets most, each with its own words; the rest share one. */
function failureNotice(code: number): string {
  if (code === 486 || code === 600) return 'call.failed.busy';
  if (code === 480 || code === 404) return 'call.failed.unavailable';
  if (code === 408) return 'call.failed.timeout';
  if (code === 487) return 'call.failed.cancelled';
  if (code === 503 || code === 500) return 'call.failed.serviceUnavailable';
  return 'call.failed.other';
}
