/** A ringtone made by WebAudio (no file to ship): 440/480 Hz, 1 s on, 2 s off, until stopped. */
export class Ringtone {
  private ctx: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

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
    const ring = () => {
      const ctx = this.ctx;
      if (!ctx) return;
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
    };
    ring();
    this.timer = setInterval(ring, 3000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
