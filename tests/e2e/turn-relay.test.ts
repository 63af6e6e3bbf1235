import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSettings, endAndFile, near, openSettings } from '../helpers/agent-ui';
import { startCallRig, type CallRig } from '../helpers/call-rig';
import { startServerProcess, type RunningServer } from '../helpers/central-server';
import { dominantFrequency } from '../helpers/chromium';
import { startCoturn, type RunningCoturn } from '../helpers/coturn';
import { callWs, connectWs } from '../helpers/host-client';

/**
 * TURN for agents behind strict firewalls, all real: coturn checks TURN REST API credentials
 * that the central server issues for the signed-in agent, and the agent's softphone, set to
 * relay-only, carries a call's audio both ways through it.
 */
const agentHz = 660;
const callerHz = 1320;
const password = 'turn-test-password';
let coturn: RunningCoturn;
let server: RunningServer;
let rig: CallRig;

beforeAll(async () => {
  coturn = await startCoturn();
  const dir = mkdtempSync(join(tmpdir(), 'seatdesk-turn-'));
  server = await startServerProcess({
    dataDir: join(dir, 'server'),
    seed: { password },
    env: {
      SEATDESK_TURN_URLS: coturn.url,
      SEATDESK_TURN_SECRET: coturn.secret,
      SEATDESK_TURN_TTL_S: '3600',
    },
  });
  const preset = join(dir, 'preset.json');
  writeFileSync(
    preset,
    JSON.stringify({
      server: { url: server.url, username: 'agent1001', password },
      syncTuning: { pollMs: 1000 },
    }),
  );
  rig = await startCallRig({ agentToneHz: agentHz, callerToneHz: callerHz, hostPreset: preset });
});
afterAll(async () => {
  await rig?.stop();
  await server?.stop();
  await coturn?.stop();
});

describe('media through TURN', () => {
  it('the server issues expiring credentials; a relay-only agent talks through coturn both ways', async () => {
    const { host, agent, caller, agentUri } = rig;
    const token = new URL(host.url).hash.replace('#token=', '');
    const ws = await connectWs(host.port, { origin: host.origin, token });
    type Ice = { iceServers: { urls: string[]; username?: string; credential?: string }[] };
    const ice = async () => {
      const r = await callWs(ws, 'media:iceServers', {});
      return r.ok ? (r.value as Ice & { iceTransportPolicy: string }) : null;
    };
    await expect.poll(async () => (await ice())?.iceServers.length, { timeout: 30_000 }).toBe(1);
    // The agent picks "always through the relay" in settings (takes effect for the next call).
    expect((await ice())?.iceTransportPolicy).toBe('all');
    await openSettings(agent);
    await agent.getByTestId('settings-relay-policy').selectOption('relay');
    await closeSettings(agent);
    await expect.poll(async () => (await ice())?.iceTransportPolicy, { timeout: 5_000 }).toBe('relay');
    const issued = await ice();
    const turn = issued?.iceServers[0];
    expect(turn?.urls).toEqual([coturn.url]);
    // <expiry>:<user id>, the expiry about an hour ahead.
    const [expiry, user] = (turn?.username ?? '').split(':');
    expect(Number(expiry) - Date.now() / 1000).toBeGreaterThan(3500);
    expect(Number(expiry) - Date.now() / 1000).toBeLessThanOrEqual(3600);
    expect(user).toMatch(/\S/);
    ws.close();

    await rig.registerAndWait();
    await caller.call({ target: agentUri, fromNumber: '0223456789', displayName: '' });
    await agent.getByTestId('answer-button').click({ timeout: 10_000 });
    await expect
      .poll(async () => (await caller.dominantFrequency()).hz, { timeout: 15_000 })
      .toSatisfy(near(agentHz));
    await expect
      .poll(async () => (await dominantFrequency(agent, { ms: 400 })).hz, { timeout: 15_000 })
      .toSatisfy(near(callerHz));

    // The agent's side of the pair in use is a relay candidate: the audio went through coturn.
    const localTypes = await agent.evaluate(`(async () => {
      const types = [];
      for (const pc of window.__pcs) {
        const stats = await pc.getStats();
        stats.forEach((s) => {
          if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded')
            types.push(stats.get(s.localCandidateId).candidateType);
        });
      }
      return types;
    })()`);
    expect(localTypes).toContain('relay');
    expect(localTypes).not.toContain('host');
    // And coturn saw this user's credentials (its session log names the TURN username).
    expect(coturn.log()).toContain(`${expiry}:${user}`);
    await endAndFile(agent);
  });
});
