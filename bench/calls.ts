/**
 * npm run bench:calls — call setup and memory over many calls in one renderer, on the real bench
 * (Kamailio, the app in Chromium, a caller in another Chromium).
 *  setup_*: answer click → the first RTP audio packets received by the agent (getStats), per call;
 *  *_growth_mb: the agent renderer after all calls minus after the first 10 (heap after a GC;
 *  RSS of the browser's renderer processes from /proc).
 * Each call is answered, talked for a moment, hung up by the caller and wrapped up in the UI.
 * SEATDESK_BENCH_SIZE=tiny (CI): 12 calls. Full: 300 calls (setup over all of them).
 * Prints progress on stderr and, as its last line, one JSON object.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { fileWrapUp } from '../tests/helpers/agent-ui';
import { startCallRig } from '../tests/helpers/call-rig';

const tiny = process.env.SEATDESK_BENCH_SIZE === 'tiny';
const calls = tiny ? 12 : 300;
const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return round(sorted[Math.max(0, i)] ?? NaN);
}

/** Clicks Answer in the page and waits there for inbound audio packets: no test-runner hop in the timing. */
const answerAndTime = `(async () => {
  const button = document.querySelector('[data-testid="answer-button"]');
  const known = new Set(window.__pcs);
  const t0 = performance.now();
  button.click();
  for (;;) {
    const pc = window.__pcs.find((p) => !known.has(p) || p.connectionState !== 'closed');
    if (pc) {
      const stats = await pc.getStats();
      for (const s of stats.values()) {
        if (s.type === 'inbound-rtp' && s.kind === 'audio' && s.packetsReceived > 0) return performance.now() - t0;
      }
    }
    await new Promise((r) => setTimeout(r, 2));
  }
})()`;

async function memory(agent: Page): Promise<{ heapMb: number; rssMb: number }> {
  const cdp = await agent.context().newCDPSession(agent);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  const browser = agent.context().browser();
  let rss = 0;
  if (browser) {
    const bcdp = await browser.newBrowserCDPSession();
    const info = (await bcdp.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; id: number }[];
    };
    await bcdp.detach();
    for (const p of info.processInfo.filter((x) => x.type === 'renderer')) {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.id}/status`, 'utf8'));
        rss += Number(m?.[1] ?? 0) * 1024;
      } catch {
        // the process ended meanwhile
      }
    }
  }
  return { heapMb: usedSize / 2 ** 20, rssMb: rss / 2 ** 20 };
}

const rig = await startCallRig({ agentToneHz: 650, callerToneHz: 1300 });
try {
  const { agent, caller, agentUri } = rig;
  await rig.registerAndWait();
  const setups: number[] = [];
  let after10: { heapMb: number; rssMb: number } | null = null;
  for (let i = 0; i < calls; i++) {
    await caller.call({ target: agentUri, fromNumber: i % 2 ? '0223456789' : '0912345678', displayName: '' });
    await agent.getByTestId('answer-button').waitFor({ timeout: 10_000 });
    setups.push(Number(await agent.evaluate(answerAndTime)));
    await new Promise((r) => setTimeout(r, 100));
    await caller.hangup();
    await fileWrapUp(agent, { timeout: 10_000 });
    if (i === 9) after10 = await memory(agent);
    if ((i + 1) % 25 === 0) log(`${i + 1} calls; last setup ${round(setups.at(-1) ?? 0)} ms`);
  }
  const end = await memory(agent);
  const base = after10 ?? end;
  setups.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      calls,
      setup_p50_ms: percentile(setups, 50),
      setup_p99_ms: percentile(setups, 99),
      rss_growth_mb: round(end.rssMb - base.rssMb),
      heap_growth_mb: round(end.heapMb - base.heapMb, 2),
    }),
  );
} finally {
  await rig.stop();
}
