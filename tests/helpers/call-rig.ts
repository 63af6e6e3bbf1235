import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { seedDatabase } from '../../main/seed/seed-database';
import { enterAccountAndRegister } from './agent-ui';
import { startHostProcess, type RunningHost } from './app-host';
import { openCallerSim, type CallerSim } from './caller-sim';
import { installRemoteAudioProbe, launchChromium } from './chromium';
import { startBaresip, type Baresip } from './baresip';
import { startKamailio, type RunningKamailio } from './kamailio';
import { startRtpengine, type RunningRtpengine } from './rtpengine';
import { writeToneWav } from './tone';

export interface CallRig {
  kamailio: RunningKamailio;
  host: RunningHost;
  agent: Page;
  caller: CallerSim;
  /** A third phone (extension 2002) that answers at once: outbound calls and transfers reach it. */
  third: CallerSim | null;
  /** With `pstn`: the rtpengine every call's media goes through, and the plain-SIP customer phone. */
  rtpengine: RunningRtpengine | null;
  pstnPhone: Baresip | null;
  dataDir: string;
  agentUri: string;
  register(password?: string): Promise<void>;
  /** Registers with the right password and waits until the phone says "registered". */
  registerAndWait(): Promise<void>;
  stop(): Promise<void>;
}

export const agentPassword = 'agent-pw-1001';

/**
 * Everything a call needs, all real: Kamailio, the host process on a seeded SQLite cache, the agent's
 * Chromium and a caller's Chromium (separate browsers, each with its own fake-microphone tone).
 */
export const thirdExtension = '2002';
/** The plain-SIP (UDP, RTP/AVP) customer phone's extension, with `pstn`. */
export const pstnExtension = '3001';

export async function startCallRig(opts: {
  agentToneHz: number;
  callerToneHz: number;
  thirdToneHz?: number;
  /** Anchor media in rtpengine and add a baresip phone (plain RTP) that plays this tone. */
  pstn?: { toneHz: number };
  /** A host preset file (settings, central-server sign-in). */
  hostPreset?: string;
}): Promise<CallRig> {
  const dir = mkdtempSync(join(tmpdir(), 'seatdesk-rig-'));
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  await seedDatabase(join(dataDir, 'seatdesk.db'), { customers: 2_000, interactions: 10_000, seed: 7 });
  const agentWav = join(dir, 'agent.wav');
  const callerWav = join(dir, 'caller.wav');
  writeToneWav(agentWav, opts.agentToneHz, 30);
  writeToneWav(callerWav, opts.callerToneHz, 30);
  const browsers: Browser[] = [];
  const rtpengine = opts.pstn ? await startRtpengine() : null;
  let kamailio: RunningKamailio;
  try {
    kamailio = await startKamailio({
      users: {
        '1001': agentPassword,
        gateway: 'gw-secret',
        [thirdExtension]: 'third-secret',
        ...(opts.pstn ? { [pstnExtension]: 'customer-secret' } : {}),
      },
      // The third phone also calls in as a second PSTN line with a customer's number in From
      // (two-lines.test.ts): on this bench it is a gateway account, like `gateway`.
      gateways: ['gateway', thirdExtension],
      ...(rtpengine ? { rtpengine: { ngPort: rtpengine.ngPort } } : {}),
    });
  } catch (err) {
    await rtpengine?.stop();
    throw err;
  }
  const host = await startHostProcess({ dataDir, preset: opts.hostPreset });
  let pstnPhone: Baresip | null = null;
  try {
    const agentBrowser = await launchChromium({ fakeAudioWav: agentWav });
    browsers.push(agentBrowser);
    const callerBrowser = await launchChromium({ fakeAudioWav: callerWav });
    browsers.push(callerBrowser);
    const agent = await agentBrowser.newPage();
    await installRemoteAudioProbe(agent);
    await agent.goto(host.url);
    const caller = await openCallerSim(callerBrowser, kamailio, {
      authUser: 'gateway',
      password: 'gw-secret',
    });
    let third: CallerSim | null = null;
    if (opts.thirdToneHz) {
      const thirdWav = join(dir, 'third.wav');
      writeToneWav(thirdWav, opts.thirdToneHz, 30);
      const thirdBrowser = await launchChromium({ fakeAudioWav: thirdWav });
      browsers.push(thirdBrowser);
      third = await openCallerSim(thirdBrowser, kamailio, {
        authUser: thirdExtension,
        password: 'third-secret',
        answer: true,
      });
    }
    if (opts.pstn) {
      const phoneWav = join(dir, 'pstn-phone.wav');
      writeToneWav(phoneWav, opts.pstn.toneHz, 120, 0.5, 8000);
      pstnPhone = await startBaresip({
        sip: kamailio,
        user: pstnExtension,
        password: 'customer-secret',
        toneWav: phoneWav,
      });
    }
    const agentUri = `sip:1001@${kamailio.domain}`;
    const register = (password = agentPassword) =>
      enterAccountAndRegister(agent, {
        wsUrl: kamailio.wsUrl,
        sipUri: agentUri,
        authUser: '1001',
        password,
      });
    return {
      kamailio,
      host,
      agent,
      caller,
      third,
      rtpengine,
      pstnPhone,
      dataDir,
      agentUri,
      register,
      async registerAndWait() {
        await register();
        await agent.waitForSelector('[data-testid="registration-state"][data-state="registered"]', {
          timeout: 15_000,
        });
      },
      async stop() {
        // The caller pages' static servers too, or a plain Node process (a bench) never exits.
        for (const sim of [caller, third]) await sim?.close().catch(() => undefined);
        for (const b of browsers) await b.close();
        await pstnPhone?.stop();
        await host.stop();
        await kamailio.stop();
        await rtpengine?.stop();
      },
    };
  } catch (err) {
    for (const b of browsers) await b.close();
    await pstnPhone?.stop();
    await host.stop();
    await kamailio.stop();
    await rtpengine?.stop();
    throw err;
  }
}
