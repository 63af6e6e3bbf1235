import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChangesPage,
  GuidedScript,
  ScriptVersionInfo,
  TeamDispositionCode,
  type Change,
} from '../../../shared';
import { complaintScript, step } from '../../../shared/scripts/test-scripts';
import { dialects, startTestServer, stopPostgresCluster, testPassword } from '../../helpers/server-dialects';
import { http, login } from '../../helpers/server-http';

afterAll(stopPostgresCluster);

/** A draft as a lead's screen sends it: no team, version or publish time (the server sets them). */
function draft(name: string, over: Record<string, unknown> = {}) {
  const { team: _t, version: _v, publishedAt: _p, ...rest } = complaintScript();
  return { ...rest, name, ...over };
}

async function feedFrom(url: string, token: string, cursor = 0): Promise<Change[]> {
  const out: Change[] = [];
  for (;;) {
    const page = ChangesPage.parse((await http(url, 'GET', `/v1/changes?cursor=${cursor}`, { token })).body);
    out.push(...page.changes);
    cursor = page.nextCursor;
    if (!page.hasMore) return out;
  }
}

describe.each(dialects)('guided scripts and disposition codes on %s', (dialect) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let lead: string;
  let agent: string;
  const stored = async () =>
    Number(
      (await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM script_versions`))[0]?.n ?? 0,
    );
  const auditRows = (action: string) =>
    server.db.query<{ user_id: string; entity: string; entity_id: string }>(
      `SELECT user_id, entity, entity_id FROM audit_log WHERE action = $1 ORDER BY id`,
      [action],
    );

  beforeAll(async () => {
    server = await startTestServer(dialect);
    lead = (await login(server.url, 'lead-north', testPassword)).accessToken;
    agent = (await login(server.url, 'agent1001', testPassword)).accessToken;
  });
  afterAll(async () => server?.close());

  it('a lead publishes v1 and v2 and restores v1 as v3; every publish is audited; the feed carries the current one', async () => {
    const post = (name: string) =>
      http(server.url, 'POST', '/v1/teams/team-north/scripts', { token: lead, json: draft(name) });
    const v1 = await post('Complaint v1');
    expect(v1.status).toBe(200);
    expect(GuidedScript.parse(v1.body)).toMatchObject({
      team: 'team-north',
      version: 1,
      name: 'Complaint v1',
    });
    const v2 = await post('Complaint v2');
    expect(GuidedScript.parse(v2.body).version).toBe(2);
    const v3 = await http(server.url, 'POST', '/v1/teams/team-north/scripts/complaint-std/restore', {
      token: lead,
      json: { version: 1 },
    });
    expect(v3.status).toBe(200);
    expect(GuidedScript.parse(v3.body)).toMatchObject({ version: 3, name: 'Complaint v1' });

    const list = await http(server.url, 'GET', '/v1/teams/team-north/scripts/complaint-std/versions', {
      token: lead,
    });
    const versions = ScriptVersionInfo.array().parse(list.body);
    expect(versions.map((v) => [v.version, v.name, v.restoredFrom, v.current, v.publishedBy])).toEqual([
      [3, 'Complaint v1', 1, true, 'u-lead-north'],
      [2, 'Complaint v2', null, false, 'u-lead-north'],
      [1, 'Complaint v1', null, false, 'u-lead-north'],
    ]);
    expect((await auditRows('publish')).filter((r) => r.entity === 'script')).toHaveLength(2);
    expect(await auditRows('restore')).toEqual([
      { user_id: 'u-lead-north', entity: 'script', entity_id: 'complaint-std' },
    ]);

    // An agent's seat sees one script, at its current version; the other team's seats see none.
    const scripts = (await feedFrom(server.url, agent)).filter((c) => c.entity === 'script');
    expect(scripts.map((c) => (c.op === 'upsert' && c.entity === 'script' ? c.data.version : 0))).toEqual([
      3,
    ]);
    const south = (await login(server.url, 'agent2001', testPassword)).accessToken;
    expect((await feedFrom(server.url, south)).filter((c) => c.entity === 'script')).toEqual([]);
  });

  it("an agent's publish, restore and code edit are refused 403 and audited; a lead of another team too", async () => {
    const before = await stored();
    const pub = await http(server.url, 'POST', '/v1/teams/team-north/scripts', {
      token: agent,
      json: draft('By an agent', { id: 'agent-try' }),
    });
    expect(pub.status).toBe(403);
    const restore = await http(server.url, 'POST', '/v1/teams/team-north/scripts/complaint-std/restore', {
      token: agent,
      json: { version: 1 },
    });
    expect(restore.status).toBe(403);
    const code = await http(server.url, 'PUT', '/v1/teams/team-north/dispositions/refund', {
      token: agent,
      json: { labels: { 'zh-Hant': '退款', 'zh-Hans': '退款', en: 'Refund' }, active: true },
    });
    expect(code.status).toBe(403);
    expect(await stored()).toBe(before);
    const refused = (await auditRows('role-refused')).filter((r) => r.user_id === 'u-agent1001');
    expect(refused.map((r) => r.entity_id)).toEqual([
      'scripts:publish',
      'scripts:restore',
      'dispositions:put',
    ]);

    // A lead may change only their own team.
    const other = await http(server.url, 'POST', '/v1/teams/team-south/scripts', {
      token: lead,
      json: draft('Not my team'),
    });
    expect(other.status).toBe(403);
    expect(await auditRows('write-denied')).toEqual([
      { user_id: 'u-lead-north', entity: 'script', entity_id: 'complaint-std' },
    ]);
    expect(await stored()).toBe(before);
  });

  it('refuses a 10,000-step script, a cycle and HTML with a clear message, storing nothing', async () => {
    const before = await stored();
    const cases: [string, Record<string, unknown>, RegExp][] = [
      [
        'huge',
        {
          modules: {
            opening: Array.from({ length: 10_000 }, (_, i) => step(`s${i}`, `Step ${i}`)),
            'confirm-problem': [],
            solution: [],
            closing: [],
          },
        },
        /at most 2000 steps/,
      ],
      [
        'cycle',
        {
          modules: {
            opening: [step('a', 'A', { next: 'b' }), step('b', 'B', { next: 'a' })],
            'confirm-problem': [],
            solution: [],
            closing: [],
          },
        },
        /cycle: a → b → a/,
      ],
      [
        'html',
        {
          modules: {
            opening: [step('a', 'Hello <b>there</b>')],
            'confirm-problem': [],
            solution: [],
            closing: [],
          },
        },
        /HTML is not allowed/,
      ],
    ];
    for (const [id, over, message] of cases) {
      const res = await http(server.url, 'POST', '/v1/teams/team-north/scripts', {
        token: lead,
        json: draft(id, { id, ...over }),
      });
      expect(res.status, id).toBe(400);
      const issues = (res.body as { error: { issues?: { message: string }[] } }).error.issues ?? [];
      expect(issues.map((i) => i.message).join('\n'), id).toMatch(message);
    }
    expect(await stored()).toBe(before);
  });

  it('a lead edits and retires a disposition code: the feed carries the three labels and the flag', async () => {
    const labels = { 'zh-Hant': '退款', 'zh-Hans': '退款', en: 'Refund' };
    const put = (active: boolean) =>
      http(server.url, 'PUT', '/v1/teams/team-north/dispositions/refund', {
        token: lead,
        json: { labels, active },
      });
    expect((await put(true)).status).toBe(200);
    const retired = await put(false);
    expect(TeamDispositionCode.parse(retired.body)).toEqual({
      team: 'team-north',
      code: 'refund',
      labels,
      active: false,
    });
    expect((await auditRows('retire')).map((r) => r.entity_id)).toEqual(['refund']);
    const codes = (await feedFrom(server.url, agent)).flatMap((c) =>
      c.op === 'upsert' && c.entity === 'disposition-code' ? [c.data] : [],
    );
    expect(codes.find((c) => c.code === 'refund')).toEqual({
      team: 'team-north',
      code: 'refund',
      labels,
      active: false,
    });
    // The seeded codes arrive too, their one label standing for every language.
    expect(codes.find((c) => c.code === 'resolved')?.labels.en).toBe('已解決 Resolved');
  });

  it('an admin may manage any existing team; a team that does not exist is a 404, a lead reading another team is audited', async () => {
    const admin = (await login(server.url, 'admin', testPassword)).accessToken;
    const south = await http(server.url, 'POST', '/v1/teams/team-south/scripts', {
      token: admin,
      json: draft('South by the admin', { id: 'south-std' }),
    });
    expect(south.status).toBe(200);
    expect(GuidedScript.parse(south.body)).toMatchObject({ team: 'team-south', version: 1 });
    const nowhere = await http(server.url, 'POST', '/v1/teams/team-nowhere/scripts', {
      token: admin,
      json: draft('Nowhere'),
    });
    expect(nowhere.status).toBe(404);
    const peek = await http(server.url, 'GET', '/v1/teams/team-south/scripts/south-std/versions', {
      token: lead,
    });
    expect(peek.status).toBe(403);
    expect((await auditRows('read-denied')).filter((r) => r.entity === 'script')).toEqual([
      { user_id: 'u-lead-north', entity: 'script', entity_id: 'south-std' },
    ]);
  });

  it('a seat whose cursor is past the scripts (after a snapshot) gets them with a reference cursor of 0', async () => {
    const all = await feedFrom(server.url, agent);
    const head = all.at(-1)?.seq ?? 0;
    const page = ChangesPage.parse(
      (await http(server.url, 'GET', `/v1/changes?cursor=${head}&referenceCursor=0`, { token: agent })).body,
    );
    expect(page.changes.every((c) => c.entity === 'script' || c.entity === 'disposition-code')).toBe(true);
    expect(page.changes.filter((c) => c.entity === 'script')).toHaveLength(1);
    expect(page.nextCursor).toBe(head);
    // Page by page when they do not fit one: nextReferenceCursor says where they continue.
    const collected: Change[] = [];
    let ref: number | undefined = 0;
    for (let pages = 0; ref !== undefined && pages < 20; pages++) {
      const p = ChangesPage.parse(
        (
          await http(server.url, 'GET', `/v1/changes?cursor=${head}&limit=2&referenceCursor=${ref}`, {
            token: agent,
          })
        ).body,
      );
      expect(p.nextCursor).toBe(head);
      collected.push(...p.changes);
      ref = p.nextReferenceCursor;
    }
    expect(collected).toEqual(page.changes);
    const plain = ChangesPage.parse(
      (await http(server.url, 'GET', `/v1/changes?cursor=${head}`, { token: agent })).body,
    );
    expect(plain.changes).toEqual([]);
  });
});
