import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TeamAgentState, type AgentStateChange } from '../../../shared';
import { startHostProcess } from '../../helpers/app-host';
import { newTokenSecret, startServerProcess, type RunningServer } from '../../helpers/central-server';
import { freePort } from '../../helpers/free-port';
import { callWs, connectWs } from '../../helpers/host-client';
import { http, login } from '../../helpers/server-http';
import { startSyncedHost, type SyncedHost } from '../../helpers/synced-host';

const password = 'agent-state-password';
let root: string;
let port: number;
const secret = newTokenSecret();
let server: RunningServer | null = null;

const startServer = async (seed: boolean) =>
  startServerProcess({
    dataDir: join(root, 'server'),
    port,
    tokenSecret: secret,
    ...(seed ? { seed: { password } } : {}),
  });

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'seatdesk-agent-state-'));
  port = await freePort();
  server = await startServer(true);
});
afterAll(async () => server?.stop());

/** What the team lead's view shows for `userId`, polled until `pred` holds. */
async function leadSees(userId: string, pred: (m: TeamAgentState) => boolean, timeoutMs = 30_000) {
  const url = `http://127.0.0.1:${port}`;
  const token = (await login(url, 'lead-north', password, 'seat-lead')).accessToken;
  const deadline = Date.now() + timeoutMs;
  let last: TeamAgentState | undefined;
  while (Date.now() < deadline) {
    const res = await http(url, 'GET', '/v1/teams/team-north/agents', { token });
    last = TeamAgentState.array()
      .parse(res.body)
      .find((m) => m.userId === userId);
    if (last && pred(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the lead never saw it; last ${JSON.stringify(last)}`);
}

/** One host-API call, timed: the publish must never wait on the server. */
async function publish(seat: SyncedHost, change: AgentStateChange) {
  const t0 = performance.now();
  const out = (await seat.call('agent:publishState', change)) as { queued: boolean };
  return { ...out, ms: performance.now() - t0 };
}

describe('the agent state through the real host to the real server', () => {
  it('arrives on the server; with the server down and back, the latest state arrives', async () => {
    const seat = await startSyncedHost(
      join(root, 'seat'),
      `http://127.0.0.1:${port}`,
      'agent1001',
      password,
      {
        backoff: { baseMs: 100, capMs: 500 },
      },
    );
    try {
      // Published at once, perhaps before the sign-in finished: it goes when the session is there.
      const ready = await publish(seat, { state: 'ready', reason: null, since: '2026-11-25T01:00:00.000Z' });
      expect(ready.queued).toBe(true);
      await leadSees('u-agent1001', (m) => m.state === 'ready' && m.since === '2026-11-25T01:00:00.000Z');

      await server?.stop('SIGKILL');
      server = null;
      await seat.waitFor('the seat to notice', (s) => s.connection !== 'online', 30_000);
      const changes: AgentStateChange[] = [
        { state: 'on-call', reason: null, since: '2026-11-25T01:01:00.000Z' },
        { state: 'acw', reason: null, since: '2026-11-25T01:05:00.000Z' },
        { state: 'not-ready', reason: 'meeting', since: '2026-11-25T01:05:30.000Z' },
      ];
      for (const c of changes) {
        const r = await publish(seat, c);
        expect(r.queued).toBe(true);
        expect(r.ms).toBeLessThan(500);
      }
      // Let a few retries fail against the dead port.
      await new Promise((r) => setTimeout(r, 1500));

      server = await startServer(false);
      const seen = await leadSees('u-agent1001', (m) => m.state === 'not-ready');
      expect(seen).toMatchObject({
        state: 'not-ready',
        reason: 'meeting',
        since: '2026-11-25T01:05:30.000Z',
      });
      // And it stays the latest: no older update overtook it afterwards.
      await new Promise((r) => setTimeout(r, 1000));
      await leadSees('u-agent1001', (m) => m.state === 'not-ready' && m.reason === 'meeting', 1000);
    } finally {
      await seat.stop();
    }
  }, 180_000);

  it('is a no-op, answered at once, when no central server is configured; bad input is refused', async () => {
    const host = await startHostProcess({ dataDir: join(root, 'seat-alone') });
    const token = new URL(host.url).hash.replace('#token=', '');
    const ws = await connectWs(host.port, { origin: host.origin, token });
    try {
      const r = await callWs(ws, 'agent:publishState', {
        state: 'ready',
        reason: null,
        since: '2026-11-25T01:00:00.000Z',
      });
      expect(r).toEqual({ ok: true, value: { queued: false } });
      const bad = await callWs(ws, 'agent:publishState', {
        state: 'ready',
        reason: 'meal',
        since: '2026-11-25T01:00:00.000Z',
      });
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    } finally {
      ws.terminate();
      await host.stop();
    }
  });
});
