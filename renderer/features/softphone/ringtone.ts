/** AudioContext.setSinkId (Chromium 110+): not yet in every DOM typing. */
type SinkableContext = AudioContext & { setSinkId?: (id: string) => Promise<void> };

/**
 * A ringtone made by WebAudio (no file to ship): 440/480 Hz, 1 s on, 2 s off, until stopped.
 * It plays on every device in `sinks` (speakers, and the headset too when the agent wants both).
 */
export class Ringtone {
  private ctx: AudioContext | null = null;
  private extra: AudioContext[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  sinks: () => string[] = () => ['default'];

  /** Creating an AudioContext takes a while: do it at log-in, not when a call rings. */
  warmUp(): void {
    try {
      this.ctx ??= new AudioContext();
    } catch {
      // no audio output
    }
  }

  start(): void {
    if (this.timer) return;
    try {
      this.ctx ??= new AudioContext();
    } catch {
      return; // no audio output: the visual ring is still there
    }
    const [first = 'default', ...rest] = this.sinks();
    // '' is the system default; a failed switch leaves the ring on the default device.
    const sink = (ctx: SinkableContext, id: string) =>
      void ctx.setSinkId?.(id === 'default' ? '' : id).catch(() => undefined);
    sink(this.ctx, first);
    this.extra = rest.map((id) => {
      const c = new AudioContext();
      sink(c, id);
      return c;
    });
    const ring = () => {
      for (const ctx of [this.ctx, ...this.extra]) if (ctx) this.beep(ctx);
    };
    ring();
    this.timer = setInterval(ring, 3000);
  }

  private beep(ctx: AudioContext): void {
    const gain = ctx.createGain();
    gain.gain.value = 0.08;
    gain.connect(ctx.destination);
    for (const hz of [440, 480]) {
      const osc = ctx.createOscillator();
      osc.frequency.value = hz;
      osc.connect(gain);
      osc.start();
      osc.stop(ctx.currentTime + 1);
    }
  }

  /**
   * Call waiting: two short, quiet beeps in the headset (not the ringer: the agent is talking,
   * and the customer must not hear a ring in the background).
   */
  waitingBeep(outputId: string): void {
    let ctx: SinkableContext;
    try {
      ctx = new AudioContext();
    } catch {
      return;
    }
    if (outputId !== 'default') void ctx.setSinkId?.(outputId).catch(() => undefined);
    const gain = ctx.createGain();
    gain.gain.value = 0.05;
    gain.connect(ctx.destination);
    for (const at of [0, 0.4]) {
      const osc = ctx.createOscillator();
      osc.frequency.value = 440;
      osc.connect(gain);
      osc.start(ctx.currentTime + at);
      osc.stop(ctx.currentTime + at + 0.2);
    }
    setTimeout(() => void ctx.close(), 1500);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const c of this.extra) void c.close();
    this.extra = [];
  }
}
