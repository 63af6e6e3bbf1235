import { iceUrls, type IceConfig } from '../softphone';
import type { AppStore } from '../../store/app-store';
import type { AudioDevices } from '../devices';
import { playTestTone, watchMicLevel } from '../devices';
import {
  mediaPathVerdict,
  microphoneVerdict,
  selfTestChecks,
  verdict,
  type OverrideReason,
  type SelfTestCheck,
  type SelfTestCheckId,
} from './self-test-checks';

export interface SelfTestDeps {
  store: AppStore;
  devices: AudioDevices;
  /** SIP OPTIONS round trip in ms (rejects when unanswered). */
  sipPing: () => Promise<number>;
  /** The STUN/TURN the calls use (the media-path check gathers with the same). */
  ice: () => IceConfig;
}

/**
 * The pre-shift self-test, run at log-in (registration) and on demand: the microphone picks up
 * sound, the headset plays a tone, the SIP server answers, and ICE finds a media path. Ready is
 * offered when it passes, or when the agent overrides it with a reason (kept with the result).
 */
export class SelfTestRunner {
  private running: Promise<void> | null = null;

  constructor(private readonly deps: SelfTestDeps) {}

  run(): Promise<void> {
    this.running ??= this.runAll().finally(() => (this.running = null));
    return this.running;
  }

  override(reason: OverrideReason): void {
    const s = this.deps.store.getState().selfTest;
    if (s.status !== 'failed') return;
    this.deps.store
      .getState()
      .setSelfTest({ ...s, status: 'overridden', override: { reason, at: new Date().toISOString() } });
  }

  private async runAll(): Promise<void> {
    const { store } = this.deps;
    store.getState().setSelfTest({
      status: 'running',
      override: null,
      checks: selfTestChecks.map((id) => ({ id, status: 'running', detail: {}, problem: null })),
    });
    // Independent checks run side by side: the whole test takes as long as the slowest (the mic).
    await Promise.all([
      this.check('microphone', () => this.microphone()),
      this.check('speaker', () => this.speaker()),
      this.check('sip', () => this.sip()),
      this.check('media', () => this.media()),
    ]);
    const checks = store.getState().selfTest.checks;
    store
      .getState()
      .setSelfTest({ checks, status: verdict(checks) === 'passed' ? 'passed' : 'failed', override: null });
  }

  private async check(
    id: SelfTestCheckId,
    fn: () => Promise<Pick<SelfTestCheck, 'detail' | 'problem'> & { pass: boolean }>,
  ): Promise<void> {
    let result: SelfTestCheck;
    try {
      const r = await fn();
      result = { id, status: r.pass ? 'pass' : 'fail', detail: r.detail, problem: r.problem };
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      result = {
        id,
        status: 'fail',
        detail: { error: reason.slice(0, 200) },
        problem: `selfTest.problem.${id}`,
      };
    }
    const s = this.deps.store.getState().selfTest;
    this.deps.store.getState().setSelfTest({ ...s, checks: s.checks.map((c) => (c.id === id ? result : c)) });
  }

  /** Listens up to 4 s for sound (the agent is asked to say something); passes at the first. */
  private async microphone() {
    let peak = 0;
    let heard: () => void = () => {};
    const enough = new Promise<void>((r) => (heard = r));
    const stop = await watchMicLevel(this.deps.devices.micConstraints(), (level) => {
      peak = Math.max(peak, level);
      if (microphoneVerdict(peak).pass) heard();
    });
    try {
      await Promise.race([enough, new Promise((r) => setTimeout(r, 4000))]);
    } finally {
      stop();
    }
    return { ...microphoneVerdict(peak), detail: { peak: peak.toFixed(3) } };
  }

  private async speaker() {
    const output = this.deps.devices.outputId();
    await playTestTone(output);
    return { pass: true, problem: null, detail: { device: output === 'default' ? 'default' : 'chosen' } };
  }

  private async sip() {
    const ms = await this.deps.sipPing();
    return { pass: true, problem: null, detail: { rttMs: String(ms) } };
  }

  /** Gathers ICE candidates with the configured STUN/TURN (none on a loopback bench). */
  private async media() {
    const ice = this.deps.ice();
    const pc = new RTCPeerConnection(ice);
    const candidates: Array<{ type: string | null }> = [];
    try {
      pc.createDataChannel('self-test');
      const gathered = new Promise<void>((done) => {
        pc.onicecandidate = (e) => {
          if (e.candidate) candidates.push({ type: e.candidate.type });
          else done();
        };
      });
      await pc.setLocalDescription(await pc.createOffer());
      await Promise.race([gathered, new Promise((r) => setTimeout(r, 3000))]);
    } finally {
      pc.close();
    }
    return mediaPathVerdict(candidates, iceUrls(ice));
  }
}
