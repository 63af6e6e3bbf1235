import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createStaticHandler } from '../../main/host/static-server';
import { dominantFrequency, installRemoteAudioProbe } from './chromium';

const pageDir = resolve(import.meta.dirname, '../../out/caller-sim');

export interface CallerSim {
  page: Page;
  call(o: { target: string; fromNumber: string; displayName: string; fromUri?: string }): Promise<string>;
  hangup(): Promise<void>;
  state(): Promise<string>;
  dominantFrequency(): Promise<{ hz: number; level: number }>;
  /** DTMF digits received by SIP INFO so far. */
  dtmfReceived(): Promise<string>;
  /** Registers again (e.g. after Kamailio restarted and forgot every registration). */
  reregister(): Promise<void>;
  /** Reconnects the same phone after the proxy restarted, re-registers, refreshes the call. */
  reconnect(): Promise<void>;
  close(): Promise<void>;
}

interface SimWindow {
  callerSim: {
    register(o: {
      wsUrl: string;
      domain: string;
      authUser: string;
      password: string;
      answer?: boolean;
    }): Promise<void>;
    received(): string;
    reconnect(): Promise<void>;
    call(o: { target: string; fromNumber: string; displayName: string; fromUri?: string }): string;
    hangup(): Promise<void>;
    state(): string;
  };
}

/** Serves the built caller page on 127.0.0.1 (a secure context, so getUserMedia works). */
async function servePage(): Promise<Server> {
  const server = createServer(createStaticHandler(pageDir));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return server;
}

/** A customer phone in its own Chromium page, registered as the bench's gateway account. */
export async function openCallerSim(
  browser: Browser,
  sip: { wsUrl: string; domain: string },
  account: { authUser: string; password: string; answer?: boolean },
): Promise<CallerSim> {
  const server = await servePage();
  const page = await browser.newPage();
  await installRemoteAudioProbe(page);
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`);
  await page.waitForFunction(() => 'callerSim' in window);
  const register = () =>
    page.evaluate((o) => (window as unknown as SimWindow).callerSim.register(o), {
      wsUrl: sip.wsUrl,
      domain: sip.domain,
      ...account,
    });
  await register();
  return {
    page,
    call: (o) => page.evaluate((opts) => (window as unknown as SimWindow).callerSim.call(opts), o),
    hangup: () => page.evaluate(() => (window as unknown as SimWindow).callerSim.hangup()),
    state: () => page.evaluate(() => (window as unknown as SimWindow).callerSim.state()),
    dominantFrequency: () => dominantFrequency(page, { ms: 400 }),
    dtmfReceived: () => page.evaluate(() => (window as unknown as SimWindow).callerSim.received()),
    reregister: register,
    reconnect: () => page.evaluate(() => (window as unknown as SimWindow).callerSim.reconnect()),
    async close() {
      await page.close();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
