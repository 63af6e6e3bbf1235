import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const chromiumPath = process.env.SEATDESK_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for Debian's Chromium as root, headless, on loopback only, with a fake microphone. */
export function chromiumArgs(fakeAudioWav?: string): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    '--allow-loopback-in-peer-connection',
    '--autoplay-policy=no-user-gesture-required',
    ...(fakeAudioWav ? [`--use-file-for-fake-audio-capture=${fakeAudioWav}`] : []),
  ];
}

export async function launchChromium(
  opts: { fakeAudioWav?: string; extraArgs?: string[] } = {},
): Promise<Browser> {
  if (!existsSync(chromiumPath))
    throw new Error(`${chromiumPath} is missing: run scripts/ensure-system-deps.sh`);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [...chromiumArgs(opts.fakeAudioWav), ...(opts.extraArgs ?? [])],
  });
}

/**
 * Records every remote audio track any RTCPeerConnection of the page receives, without touching
 * the app: the test listens to what the agent would hear.
 */
export async function installRemoteAudioProbe(page: Page): Promise<void> {
  // A string, not a function: code run through tsx (benchmarks, the demo) would carry esbuild's
  // __name helper into the page, where it does not exist.
  await page.addInitScript(`(() => {
    const w = window;
    w.__remoteTracks = [];
    w.__pcs = [];
    const Original = window.RTCPeerConnection;
    class Probed extends Original {
      constructor(config) {
        super(config);
        // Keep only what is alive: holding every closed connection and ended track of a long
        // run would itself grow the renderer's memory (bench:calls measures that growth).
        w.__pcs = w.__pcs.filter((p) => p.connectionState !== 'closed');
        w.__pcs.push(this);
        this.addEventListener('track', (e) => {
          if (e.track.kind !== 'audio') return;
          w.__remoteTracks = w.__remoteTracks.filter((t) => t.readyState === 'live');
          w.__remoteTracks.push(e.track);
        });
      }
    }
    window.RTCPeerConnection = Probed;
  })()`);
}

/** The strongest frequency in the newest live remote audio track, by WebAudio FFT over `ms`. */
export async function dominantFrequency(
  page: Page,
  opts: { ms: number },
): Promise<{ hz: number; level: number }> {
  return page.evaluate(async (ms) => {
    const w = window as unknown as { __remoteTracks: MediaStreamTrack[] };
    const track = [...w.__remoteTracks].reverse().find((t) => t.readyState === 'live');
    if (!track) return { hz: 0, level: 0 };
    const ctx = new AudioContext();
    const src = ctx.createMediaStreamSource(new MediaStream([track]));
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 8192;
    src.connect(analyser);
    await new Promise((r) => setTimeout(r, ms));
    const bins = new Float32Array(analyser.frequencyBinCount);
    analyser.getFloatFrequencyData(bins);
    let best = 0;
    for (let i = 1; i < bins.length; i++) if ((bins[i] ?? -Infinity) > (bins[best] ?? -Infinity)) best = i;
    const hz = (best * ctx.sampleRate) / analyser.fftSize;
    const level = bins[best] ?? -Infinity;
    await ctx.close();
    return { hz: level > -80 ? hz : 0, level };
  }, opts.ms);
}
