import type { AppStore } from '../../store/app-store';
import { QualityTracker, type QualitySummary } from './quality-monitor';
import { sampleFrom } from './stats-sample';

type Stat = Record<string, unknown>;

/** Reads getStats() once a second during a call and keeps the store's quality line current. */
export class QualitySampler {
  private timer: ReturnType<typeof setInterval> | null = null;
  private tracker = new QualityTracker();
  private prev: Stat[] | null = null;
  private callId: string | null = null;

  constructor(
    private readonly store: AppStore,
    private readonly peer: (callId: string) => RTCPeerConnection | null,
  ) {}

  start(callId: string): void {
    this.stop();
    this.tracker = new QualityTracker();
    this.prev = null;
    this.callId = callId;
    this.store.getState().setQuality({ callId, sample: null, warnings: [] });
    this.timer = setInterval(() => void this.tick(callId), 1000);
  }

  /** The call being sampled, if any. */
  running(): string | null {
    return this.timer ? this.callId : null;
  }

  /** Ends sampling; returns the call's summary for its record. */
  stop(): QualitySummary | null {
    if (!this.timer) return null;
    clearInterval(this.timer);
    this.timer = null;
    this.callId = null;
    this.store.getState().setQuality(null);
    return this.tracker.summary();
  }

  private async tick(callId: string): Promise<void> {
    const pc = this.peer(callId);
    if (!pc) return;
    const report = await pc.getStats();
    const stats = [...report.values()] as Stat[];
    const sample = sampleFrom(this.prev, stats);
    this.prev = stats;
    const call = this.store.getState().lines.focused;
    // On hold nothing flows on purpose, and a muted mic is silent on purpose.
    if (call?.callId !== callId || call.state !== 'established') return;
    this.tracker.muted = call.muted;
    const warnings = this.tracker.add(sample);
    if (this.timer) this.store.getState().setQuality({ callId, sample, warnings });
  }
}
