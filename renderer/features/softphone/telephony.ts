import { popCustomer, type PopSnapshot } from '../screen-pop';
import type { CallSnapshot, NewCall } from './call-snapshot';
import { dialString } from './dial-string';
import { noIce, type IceConfig } from './ice-config';
import { findCall } from './line-machine';
import type { SipPhoneDelegate } from './sip-phone';
import { notifyRing } from './ring-notification';
import { failureNotice } from './failure-notice';
import type { PhoneLike, TelephonyDeps } from './telephony-deps';

export type { PhoneLike, TelephonyDeps } from './telephony-deps';

const iceRefreshMs = 5 * 60_000;
/** How long the ringing UI waits for the card, so both appear in one render (the lookup takes ~1 ms). */
const popWaitMs = 50;

/**
 * Wires the SIP layer to the store and the host: registration, ringing with the screen-pop (the
 * hot path: one host call, nothing else awaited), the two lines, and each answered call's notes,
 * open from the answer and queued for filing when it ends. Built by the composition root, which
 * hands it every collaborator.
 */
export class Telephony implements SipPhoneDelegate {
  readonly phone: PhoneLike;
  remoteStream: MediaStream | null = null;
  /** Set by the call panel: the element the caller's voice plays through. */
  remoteAudio: (s: MediaStream | null) => void = () => {};
  /** STUN/TURN for the next call; TURN credentials expire, so it is re-read while registered. */
  ice: IceConfig = noIce;
  /** Calls that ended before their ringing UI was committed. */
  private readonly gone = new Set<string>();
  private iceTimer: ReturnType<typeof setInterval> | null = null;
  private readonly notify: (call: NewCall) => void;

  constructor(private readonly d: TelephonyDeps) {
    this.phone = d.createPhone(this);
    this.notify = d.notify ?? notifyRing;
  }

  private get store() {
    return this.d.store;
  }
  private get legs() {
    return this.phone.legs;
  }

  // ── SipPhoneDelegate ────────────────────────────────────────────────────────────────────────

  onRegistration: SipPhoneDelegate['onRegistration'] = (state, problem) =>
    this.store.getState().setRegistration(state, problem);

  onIncoming(call: NewCall): void {
    const { focused } = this.store.getState().lines;
    if (focused && focused.state !== 'ended') return this.callWaiting(call);
    this.ring(call);
  }

  onEstablished(callId: string): void {
    const s = this.store.getState();
    s.moveCall(callId, 'established', new Date());
    this.d.agentStatus.callStarted();
    // One call's quality at a time: the customer's (a consultation does not replace it).
    if (!this.d.quality.running()) this.d.quality.start(callId);
    void this.d.devices.refresh(); // the call opened the microphone: device names are visible now
    const call = findCall(this.store.getState().lines, callId);
    if (call && !call.consult) {
      const customer = popCustomer(s.pops[callId]);
      this.d.wrapUps.open({ ...call, label: customer?.name ?? call.displayName }, customer?.id ?? null);
    }
  }

  onEnded(callId: string, answered: boolean): void {
    this.ended(callId, answered);
  }

  onFailed(callId: string, code: number): void {
    this.d.history.transferFailed(callId); // a refused REFER: the call goes on, not transferred
    this.store.getState().setNotice(failureNotice(code), { code: String(code) });
  }

  onHeld(callId: string, held: boolean): void {
    const call = findCall(this.store.getState().lines, callId);
    const want = held ? 'held' : 'established';
    if (call && call.state !== want) this.store.getState().moveCall(callId, want, new Date());
  }

  onRemoteStream(s: MediaStream | null): void {
    this.remoteStream = s;
    this.remoteAudio(s);
  }

  // ── registration ────────────────────────────────────────────────────────────────────────────

  async register(): Promise<void> {
    const { settings, setNotice } = this.store.getState();
    if (!settings?.sip) return setNotice('reg.noAccount');
    const { password } = await this.d.host['credentials:getSipPassword']({});
    if (!password) return setNotice('reg.noPassword');
    setNotice(null);
    this.d.ringtone.warmUp();
    void this.d.devices.start();
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
      this.ice = await this.d.host['media:iceServers']({});
      this.phone.setIce(this.ice);
    } catch {
      // Keep the last good set; the next refresh tries again.
    }
  }

  /** The headset the caller's voice plays on. */
  outputId(): string {
    return this.d.devices.outputId();
  }

  /** Follows the agent's choice of headset; returns the function that stops following. */
  onOutputChanged(route: (deviceId: string) => void): () => void {
    this.d.devices.onOutputChanged = route;
    return () => {
      this.d.devices.onOutputChanged = () => {};
    };
  }

  /** After sleep/resume or a network change: reconnect and re-register now. */
  reconnectNow(): void {
    this.phone.reconnectNow();
  }

  /** A SIP OPTIONS round trip (the self-test). */
  ping(): Promise<number> {
    return this.phone.ping();
  }

  /** Queue calls reach this seat only while the agent is Ready (ADR 0004). */
  setOffered(offered: boolean): Promise<void> {
    return this.phone.setOffered(offered, this.store.getState().settings?.queues ?? []);
  }

  // ── ringing ─────────────────────────────────────────────────────────────────────────────────

  private ring(call: NewCall): void {
    // Hot path: the lookup leaves first, and the ringing UI and the card are committed in one
    // render when the answer comes (it takes about a millisecond; we wait 50 ms at most).
    const lookup = this.d.pops.lookup(call.callId, call.number);
    const cap = new Promise<null>((r) => setTimeout(() => r(null), popWaitMs));
    void Promise.race([lookup, cap]).then((pop) => {
      if (this.gone.delete(call.callId)) return; // cancelled before it was shown
      const s = this.store.getState();
      s.clearLastFiled();
      s.pinCall(null); // the ringing call takes the workspace
      if (pop) s.setPop(pop);
      s.ring(call, new Date());
      if (!pop) void lookup.then((late) => this.keepPop(late));
      // After React has committed the ringing UI and the card: starting WebAudio and reading the
      // notification permission (a synchronous trip to the browser process) cost up to 4 ms here.
      setTimeout(() => {
        if (findCall(this.store.getState().lines, call.callId)?.state !== 'ringing') return;
        this.d.ringtone.start();
        this.notify(call);
      }, 0);
    });
  }

  /** A late card is kept only while its call (or its wrap-up) is still there. */
  private keepPop(pop: PopSnapshot): void {
    const s = this.store.getState();
    if (findCall(s.lines, pop.callId) || s.wrapUps.entries[pop.callId]) s.setPop(pop);
    const customer = popCustomer(pop);
    if (customer) this.d.wrapUps.identify(pop.callId, customer);
  }

  /**
   * A second call while the agent talks: it waits beside the current one with a short tone in
   * the headset; the agent answers it (the current call goes on hold) or sends it away busy.
   */
  private callWaiting(call: NewCall): void {
    this.store.getState().waiting(call, new Date());
    this.d.ringtone.waitingBeep(this.d.devices.outputId());
    void this.d.pops.lookup(call.callId, call.number).then((pop) => this.keepPop(pop));
    this.notify(call);
  }

  // ── the agent's actions ─────────────────────────────────────────────────────────────────────

  async answer(): Promise<void> {
    const { focused, other } = this.store.getState().lines;
    if (other?.state === 'ringing' && focused?.state !== 'ringing') return this.answerWaiting();
    if (focused?.state !== 'ringing') return;
    this.d.ringtone.stop();
    this.store.getState().moveCall(focused.callId, 'connecting', new Date());
    await this.answerWith(focused.callId);
  }

  private async answerWith(callId: string): Promise<void> {
    try {
      await this.legs.answer(this.d.devices.micConstraints(), callId);
    } catch (err) {
      this.store
        .getState()
        .setNotice('call.micDenied', { reason: err instanceof Error ? err.message : String(err) });
      await this.legs.hangup(callId).catch(() => undefined);
    }
  }

  /** Answers the waiting call: the current one is put on hold first. */
  async answerWaiting(): Promise<void> {
    const { focused, other } = this.store.getState().lines;
    if (other?.state !== 'ringing') return;
    if (focused?.state === 'established') await this.legs.setHeld(true, focused.callId);
    this.store.getState().answerWaiting(new Date());
    this.store.getState().pinCall(null);
    await this.answerWith(other.callId);
  }

  rejectWaiting(): Promise<void> {
    const other = this.store.getState().lines.other;
    this.d.history.noteRejected(other);
    return other?.state === 'ringing' ? this.legs.reject(other.callId) : Promise.resolve();
  }

  /** Two calls up: the one on hold comes back and the one in focus goes on hold. */
  async swap(): Promise<void> {
    const { focused, other } = this.store.getState().lines;
    if (!focused || other?.state !== 'held' || !['established', 'held'].includes(focused.state)) return;
    if (focused.state === 'established') await this.legs.setHeld(true, focused.callId);
    this.legs.setFocus(other.callId);
    this.store.getState().swapLines();
    this.store.getState().pinCall(null); // the card and the notes follow the call in focus
    await this.legs.setHeld(false, other.callId);
  }

  /** Consultation before an attended transfer: the caller waits on hold while we call `input`. */
  async consult(input: string): Promise<boolean> {
    const s = this.store.getState();
    const number = dialString(input);
    if (!number) {
      s.setNotice('call.badNumber');
      return false;
    }
    const { focused, other } = s.lines;
    if (focused?.state !== 'established' || other) return false;
    if (!(await this.legs.setHeld(true, focused.callId))) return false;
    const callId = this.legs.dial(number, this.d.devices.micConstraints());
    this.store.getState().consult({ callId, number, displayName: '' }, new Date());
    return true;
  }

  /** Completes the attended transfer: the caller on hold and the consulted party are joined. */
  completeTransfer(): Promise<void> {
    const { focused, other } = this.store.getState().lines;
    if (!focused?.consult || focused.state !== 'established' || other?.state !== 'held')
      return Promise.resolve();
    this.d.history.noteTransfer(other.callId);
    return this.legs.completeTransfer(other.callId, focused.callId);
  }

  /** Outbound call from the dial pad or a card (click-to-dial); the card pops for it too. */
  dial(input: string): boolean {
    const s = this.store.getState();
    const number = dialString(input);
    if (!number) {
      s.setNotice('call.badNumber');
      return false;
    }
    if (s.lines.focused || s.registration.state !== 'registered') return false;
    s.clearLastFiled();
    const callId = this.legs.dial(number, this.d.devices.micConstraints());
    s.pinCall(null);
    s.dial({ callId, number, displayName: '' }, new Date());
    void this.d.pops.load(callId, number).then((pop) => this.keepPop(pop));
    return true;
  }

  /** The microphone in use went away (or another was chosen): the call goes on with the new one. */
  async swapMicrophone(): Promise<void> {
    try {
      if (!(await this.legs.replaceMicrophone(this.d.devices.micConstraints()))) return;
      const call = this.store.getState().lines.focused;
      if (call?.muted) this.legs.setMuted(true); // the new track starts live: keep the mute
    } catch (err) {
      this.store.getState().setNotice('devices.micFailed', {
        reason: err instanceof Error ? err.message : String(err),
      });
    }
  }

  async toggleHold(): Promise<void> {
    const call = this.store.getState().lines.focused;
    if (call?.state === 'established') await this.legs.setHeld(true);
    else if (call?.state === 'held') await this.legs.setHeld(false);
  }

  sendDtmf(key: string): Promise<boolean> {
    const { lines, settings } = this.store.getState();
    if (lines.focused?.state !== 'established') return Promise.resolve(false);
    return this.legs.sendDtmf(key, settings?.dtmfMode ?? 'rfc4733');
  }

  transfer(input: string): Promise<void> {
    const target = dialString(input);
    if (!target) {
      this.store.getState().setNotice('call.badNumber');
      return Promise.resolve();
    }
    const call = this.store.getState().lines.focused;
    if (call?.state === 'established') this.d.history.noteTransfer(call.callId);
    return this.legs.transfer(target);
  }

  reject(): Promise<void> {
    this.d.history.noteRejected(this.store.getState().lines.focused);
    this.d.ringtone.stop();
    return this.legs.reject();
  }

  hangup(): Promise<void> {
    this.d.history.noteRejected(this.store.getState().lines.focused); // hang-up while ringing refuses it
    return this.legs.hangup();
  }

  toggleMute(): void {
    const call = this.store.getState().lines.focused;
    if (call?.state !== 'established' && call?.state !== 'held') return;
    this.legs.setMuted(!call.muted);
    this.store.getState().setMuted(!call.muted);
  }

  // ── the end of a call ───────────────────────────────────────────────────────────────────────

  private ended(callId: string, answered: boolean): void {
    const s = this.store.getState();
    const call = findCall(s.lines, callId);
    if (!call) {
      this.gone.add(callId);
      return;
    }
    const inFocus = s.lines.focused?.callId === callId;
    if (inFocus || !s.lines.focused) this.d.ringtone.stop();
    s.moveCall(callId, 'ended', new Date());
    const quality = this.d.quality.running() === callId ? this.d.quality.stop() : null;
    if (answered) this.d.agentStatus.callEnded();
    const ended = findCall(this.store.getState().lines, callId) ?? call;
    const customer = popCustomer(s.pops[callId]);
    this.d.history.record(ended, answered, customer);
    if (answered && !call.consult) {
      if (customer) this.d.wrapUps.identify(callId, customer);
      this.d.wrapUps.callEnded(callId, ended.endedAt ?? new Date().toISOString(), quality);
    } else if (!answered && !call.consult) {
      s.setNotice('call.missed', { number: call.number || '—' });
    }
    this.store.getState().dropCall(callId);
    const next = this.store.getState().lines.focused;
    if (inFocus && next) {
      // The other line comes forward (still on hold: the agent resumes it), and the workspace with it.
      this.store.getState().setNotice('call.otherOnHold', { number: next.number || '—' });
    } else if (inFocus && answered && !call.consult) {
      // No other call: the one that just ended stays in front, so its notes can be finished.
      this.store.getState().pinCall(callId);
    }
    this.prunePops();
  }

  /** Cards stay while their call or their wrap-up needs them (and the last filed one, to call back). */
  prunePops(): void {
    const s = this.store.getState();
    s.prunePops((id) => !!findCall(s.lines, id) || !!s.wrapUps.entries[id] || s.lastFiled?.callId === id);
  }

  /** For the recent-calls panel and the headset: the calls the seat has now. */
  calls(): CallSnapshot[] {
    const { focused, other } = this.store.getState().lines;
    return [focused, other].filter((c): c is CallSnapshot => !!c);
  }
}
