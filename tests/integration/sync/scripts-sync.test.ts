import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuidedScript, TeamDispositionCode } from '../../../shared';
import { complaintScript } from '../../../shared/scripts/test-scripts';
import { newTokenSecret, startServerProcess, type RunningServer } from '../../helpers/central-server';
import { freePort } from '../../helpers/free-port';
import { http, login } from '../../helpers/server-http';
import { caughtUp, startSyncedHost } from '../../helpers/synced-host';

const password = 'scripts-sync-password';
let root: string;
let url: string;
let server: RunningServer | null = null;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'seatdesk-scripts-sync-'));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  server = await startServerProcess({
    dataDir: join(root, 'server'),
    port,
    tokenSecret: newTokenSecret(),
    seed: { password },
  });
});
afterAll(async () => server?.stop());

async function publish(name: string): Promise<GuidedScript> {
  const lead = (await login(url, 'lead-north', password, 'seat-lead')).accessToken;
  const { team: _t, version: _v, publishedAt: _p, ...draft } = complaintScript();
  const res = await http(url, 'POST', '/v1/teams/team-north/scripts', {
    token: lead,
    json: { ...draft, name },
  });
  expect(res.status).toBe(200);
  return GuidedScript.parse(res.body);
}

describe('guided scripts reach a running seat through the feed', () => {
  it('a seat synced after v1 (snapshot) has it; a newly published v2 opens with the next call, no restart', async () => {
    expect((await publish('Complaint v1')).version).toBe(1);
    const seat = await startSyncedHost(join(root, 'seat'), url, 'agent1001', password);
    try {
      await seat.waitFor('the initial sync', caughtUp);
      const forCall = async () =>
        (await seat.call('scripts:forCall', {
          queue: null,
          category: 'complaint',
          vip: false,
        })) as GuidedScript | null;
      // The initial sync's snapshot does not carry scripts: the feed brought v1 after it.
      const deadline1 = Date.now() + 20_000;
      while ((await forCall())?.version !== 1 && Date.now() < deadline1)
        await new Promise((r) => setTimeout(r, 100));
      expect((await forCall())?.name).toBe('Complaint v1');
      const codes = TeamDispositionCode.array().parse(await seat.call('dispositions:list', {}));
      expect(codes.map((c) => c.code)).toContain('resolved');

      expect((await publish('Complaint v2')).version).toBe(2);
      const deadline = Date.now() + 20_000;
      let got: GuidedScript | null = null;
      while (Date.now() < deadline) {
        got = await forCall();
        if (got?.version === 2) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(got).toMatchObject({ version: 2, name: 'Complaint v2', team: 'team-north' });
      expect(GuidedScript.array().parse(await seat.call('scripts:list', {}))).toHaveLength(1);
      // No rule matches a suggestion call: nothing opens by itself.
      expect(await seat.call('scripts:forCall', { category: 'suggestion', vip: false })).toBeNull();
    } finally {
      await seat.stop();
    }
  });
});
