type SinkableContext = AudioContext & { setSinkId?: (id: string) => Promise<void> };

/** Plays a one-second 440 Hz tone on `deviceId` so the agent can check the headset. */
export async function playTestTone(deviceId: string): Promise<void> {
  const ctx: SinkableContext = new AudioContext();
  try {
    if (ctx.setSinkId) await ctx.setSinkId(deviceId === 'default' ? '' : deviceId);
    const gain = ctx.createGain();
    gain.gain.value = 0.1;
    gain.connect(ctx.destination);
    const osc = ctx.createOscillator();
    osc.frequency.value = 440;
    osc.connect(gain);
    osc.start();
    osc.stop(ctx.currentTime + 1);
    await new Promise<void>((r) => (osc.onended = () => r()));
  } finally {
    await ctx.close();
  }
}

/** Level of a sample frame: RMS of the time-domain signal, 0..1 (about 0.3 is a loud voice). */
export function rmsLevel(frame: Float32Array): number {
  let sum = 0;
  for (const v of frame) sum += v * v;
  return frame.length ? Math.sqrt(sum / frame.length) : 0;
}

/**
 * Watches a microphone's level until stopped (the meter in settings). The stream is released on
 * stop, so the device is not held open between checks.
 */
export async function watchMicLevel(
  audio: MediaTrackConstraints | true,
  onLevel: (level: number) => void,
): Promise<() => void> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio, video: false });
  const ctx = new AudioContext();
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 1024;
  ctx.createMediaStreamSource(stream).connect(analyser);
  const frame = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(frame);
    onLevel(rmsLevel(frame));
  }, 100);
  return () => {
    clearInterval(timer);
    for (const t of stream.getTracks()) t.stop();
    void ctx.close();
  };
}
