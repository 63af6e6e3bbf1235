import i18next from 'i18next';
import { HostCallError, type HostClient, type ScreenPop } from '../../../shared';
import type { AppStore } from '../../store/app-store';
import type { WrapUpController } from '../wrap-up/wrap-up-controller';
import { dialString } from './dial-string';
import { AgentStatusController } from '../agent-status/agent-status-controller';
import { QualitySampler } from '../quality/quality-sampler';
import { AudioDevices } from '../devices/audio-devices';
import { Ringtone } from './ringtone';
import { SipPhone, type IncomingCall } from './sip-phone';

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

  constructor(
    private readonly store: AppStore,
    private readonly host: HostClient,
    private readonly wrapUps: WrapUpController,
  ) {
    // Queue calls reach this agent only while Ready: the queue bindings follow the status.
    this.agentStatus = new AgentStatusController(store, (offered) => {
      void this.phone.setOffered(offered, store.getState().settings?.queues ?? []);
    });
    this.quality = new QualitySampler(store, () => this.phone.peerConnection());
    this.devices = new AudioDevices(store);
    this.ringtone.sinks = () => this.devices.ringerIds();
    this.devices.onMicLost = () => void this.swapMicrophone();
    this.phone = new SipPhone({
      onRegistration: (state, problem) => store.getState().setRegistration(state, problem),
      onIncoming: (call) => this.ring(call),
      onEstablished: (callId) => {
        store.getState().moveCall(callId, 'established', new Date());
        this.agentStatus.callStarted();
        this.quality.start(callId);
        void this.devices.refresh(); // the call opened the microphone: device names are visible now
      },
      onEnded: (callId, answered) => this.ended(callId, answered),
      onFailed: (_callId, code) => store.getState().setNotice(failureNotice(code), { code: String(code) }),
      onHeld: (callId, held) => {
        const call = store.getState().call;
        if (call?.callId !== callId) return;
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
    await this.phone.start({ account: settings.sip, password, iceServers: settings.iceServers });
  }

  unregister(): Promise<void> {
    return this.phone.stop();
  }

  private ring(call: IncomingCall): void {
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
    const call = this.store.getState().call;
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

  toggleHold(): Promise<void> {
    const call = this.store.getState().call;
    if (call?.state === 'established') return this.phone.setHeld(true);
    if (call?.state === 'held') return this.phone.setHeld(false);
    return Promise.resolve();
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
    return this.phone.transfer(target);
  }

  reject(): Promise<void> {
    this.ringtone.stop();
    return this.phone.reject();
  }

  hangup(): Promise<void> {
    return this.phone.hangup();
  }

  toggleMute(): void {
    const call = this.store.getState().call;
    if (call?.state !== 'established' && call?.state !== 'held') return;
    this.phone.setMuted(!call.muted);
    this.store.getState().setMuted(!call.muted);
  }

  private ended(callId: string, answered: boolean): void {
    this.ringtone.stop();
    const s = this.store.getState();
    const call = s.call;
    if (!call || call.callId !== callId) {
      this.gone.add(callId);
      return;
    }
    s.moveCall(callId, 'ended', new Date());
    const quality = this.quality.stop();
    if (answered) this.agentStatus.callEnded();
    const ended = this.store.getState().call ?? call;
    if (answered) {
      const pop = s.pop?.callId === callId ? s.pop.data : null;
      this.wrapUps.begin(ended, pop?.kind === 'known' ? pop.customer.id : null, quality);
    } else {
      s.setNotice('call.missed', { number: call.number || '—' });
      if (s.pop?.callId === callId) this.store.setState({ pop: null });
    }
    this.store.setState({ call: null });
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
