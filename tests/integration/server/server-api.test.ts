import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiError,
  ChangesPage,
  changeKey,
  changesStreamPath,
  decodeSnapshotRow,
  parseSnapshotMarker,
  type Change,
  type SyncedEntity,
  type WrapUp,
} from '../../../shared';
import { TokenIssuer } from '../../../server/auth/tokens';
import { migrate, migrations } from '../../../server/db/migrate';
import { dialects, startTestServer, stopPostgresCluster, testPassword } from '../../helpers/server-dialects';
import { http, login } from '../../helpers/server-http';

afterAll(stopPostgresCluster);

const wrapUp = (over: Partial<WrapUp> = {}): WrapUp => ({
  id: randomUUID(),
  callId: randomUUID(),
  customerId: 'cust-demo-vip',
  phone: '+886223456789',
  agent: 'Grace Lin',
  startedAt: '2026-11-25T01:00:00.000Z',
  endedAt: '2026-11-25T01:05:00.000Z',
  category: 'inquiry',
  priority: 'normal',
  disposition: 'resolved',
  notes: '客戶詢問帳單',
  ...over,
});
const push = (records: WrapUp[]) => ({
  records: records.map((p) => ({ id: p.id, kind: 'wrap-up', payload: p })),
});
const errorCode = (body: unknown) => ApiError.parse(body).error.code;

async function pullAll(base: string, token: string, limit: number): Promise<Change[]> {
  const all: Change[] = [];
  let cursor = 0;
  for (;;) {
    const res = await http(base, 'GET', `/v1/changes?cursor=${cursor}&limit=${limit}`, { token });
    expect(res.status).toBe(200);
    const page = ChangesPage.parse(res.body);
    all.push(...page.changes);
    cursor = page.nextCursor;
    if (!page.hasMore) return all;
  }
}

describe.each(dialects)('central server on %s', (dialect) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const count = async (sql: string) => Number((await server.db.query<{ n: number }>(sql))[0]?.n);
  let agent: string;
  let south: string;

  beforeAll(async () => {
    server = await startTestServer(dialect, { customers: 300, interactions: 900 });
    agent = (await login(server.url, 'agent1001', testPassword)).accessToken;
    south = (await login(server.url, 'agent2001', testPassword)).accessToken;
  });
  afterAll(async () => server?.close());

  it('logs in with the right password only, and the same answer for an unknown user', async () => {
    const wrong = await http(server.url, 'POST', '/v1/auth/login', {
      json: { username: 'agent1001', password: 'nope', seat: 's' },
    });
    const unknown = await http(server.url, 'POST', '/v1/auth/login', {
      json: { username: 'nobody', password: 'nope', seat: 's' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown).toEqual(wrong);
  });

  it('refuses missing, forged, foreign-secret and expired tokens with 401', async () => {
    const [head, payload, mac] = agent.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    const forged = [
      head,
      Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url'),
      mac,
    ].join('.');
    const foreign = new TokenIssuer(Buffer.alloc(32, 7), () => new Date()).issueAccess({
      sub: 'u-admin',
      role: 'admin',
      team: 'team-south',
      seat: 's',
      sid: 'sess',
    });
    const expired = new TokenIssuer(server.secret, () => new Date(Date.now() - 3600_000)).issueAccess({
      sub: 'u-agent1001',
      role: 'agent',
      team: 'team-north',
      seat: 's',
      sid: 'sess',
    });
    for (const token of [undefined, forged, foreign, expired, 'v1.garbage', "' OR 1=1 --"]) {
      const res = await http(server.url, 'GET', '/v1/sync/estimate', { token });
      expect(res.status, String(token)).toBe(401);
      expect(errorCode(res.body)).toBe('unauthorized');
    }
  });

  it('rotates refresh tokens: each works once', async () => {
    const pair = await login(server.url, 'agent1001', testPassword);
    const first = await http(server.url, 'POST', '/v1/auth/refresh', {
      json: { refreshToken: pair.refreshToken },
    });
    expect(first.status).toBe(200);
    const again = await http(server.url, 'POST', '/v1/auth/refresh', {
      json: { refreshToken: pair.refreshToken },
    });
    expect(again.status).toBe(401);
  });

  it("keeps teams apart: another team's customer is a 404 and the attempt is audited", async () => {
    const own = await http(server.url, 'GET', '/v1/customers/cust-demo-vip', { token: agent });
    expect(own.status).toBe(200);
    const other = await http(server.url, 'GET', '/v1/customers/cust-south-1', { token: agent });
    expect(other.status).toBe(404);
    const southFeed = await pullAll(server.url, south, 1000);
    expect(southFeed.filter((c) => c.entity !== 'disposition-code').map(changeKey)).toEqual([
      'customer:cust-south-1',
    ]);
    const lead = (await login(server.url, 'lead-north', testPassword)).accessToken;
    const trail = await http(server.url, 'GET', '/v1/audit?limit=50', { token: lead });
    expect(trail.status).toBe(200);
    const actions = (trail.body as { action: string; entityId: string }[]).map(
      (a) => `${a.action}:${a.entityId}`,
    );
    expect(actions).toEqual(expect.arrayContaining(['read:cust-demo-vip', 'read-denied:cust-south-1']));
    expect((await http(server.url, 'GET', '/v1/audit', { token: agent })).status).toBe(403);
  });

  it('pages the feed: every row exactly once, in seq order, whatever the page size', async () => {
    const big = await pullAll(server.url, agent, 5000);
    const small = await pullAll(server.url, agent, 7);
    expect(small).toEqual(big);
    const seqs = big.map((c) => c.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    const n = await count(
      `SELECT (SELECT count(*) FROM customers WHERE team_id = 'team-north')
            + (SELECT count(*) FROM interactions WHERE team_id = 'team-north')
            + (SELECT count(*) FROM complaints WHERE team_id = 'team-north')
            + (SELECT count(*) FROM follow_ups WHERE team_id = 'team-north')
            + (SELECT count(*) FROM disposition_codes WHERE team_id = 'team-north') AS n`,
    );
    expect(big.length).toBe(Number(n));
  });

  it('serves the team as one snapshot: the feed folded, its head as the cursor, text escapes intact', async () => {
    const tricky = wrapUp({ notes: 'tab\there\nline 2 \\ back\r 客戶 \\N' });
    expect(
      (await http(server.url, 'POST', '/v1/outbox', { token: agent, json: push([tricky]) })).status,
    ).toBe(200);
    expect((await fetch(`${server.url}/v1/sync/snapshot`)).status).toBe(401);
    const res = await fetch(`${server.url}/v1/sync/snapshot`, {
      headers: { authorization: `Bearer ${agent}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/tab-separated-values/);
    const lines = (await res.text()).split('\n');
    expect(lines.pop()).toBe(''); // every line ends in a newline
    let cursor = -1;
    let section: SyncedEntity | null = null;
    const got = new Map<string, string>();
    for (const line of lines) {
      const m = parseSnapshotMarker(line);
      if (m?.kind === 'snapshot') cursor = m.header.cursor;
      else if (m?.kind === 'begin') section = m.entity;
      else if (m?.kind === 'end') section = null;
      else if (m === null && section) {
        const row = decodeSnapshotRow(section, line);
        // What the seat would store, compared on the fields that identify and matter most.
        got.set(`${section}:${row[0]}`, section === 'interaction' ? String(row[8]) : String(row[1]));
      }
    }
    expect(lines.at(-1)).toBe('\\#done');

    const feed = await pullAll(server.url, agent, 5000);
    const folded = new Map<string, string>();
    for (const c of feed) {
      if (c.op === 'delete') folded.delete(`${c.entity}:${c.id}`);
      else if (c.entity === 'script' || c.entity === 'disposition-code')
        continue; // not in the snapshot
      else
        folded.set(
          `${c.entity}:${c.data.id}`,
          c.entity === 'interaction'
            ? c.data.notes
            : c.entity === 'customer'
              ? c.data.name
              : c.data.customerId,
        );
    }
    expect(got).toEqual(folded);
    // The snapshot's head is its last data row; scripts and codes come through the feed (ADR 0007).
    expect(cursor).toBe(
      feed.filter((c) => c.entity !== 'script' && c.entity !== 'disposition-code').at(-1)?.seq,
    );
    expect(got.get(`interaction:${tricky.id}`)).toBe(tricky.notes);
    // Another team's rows are not in it.
    const southFeed = await pullAll(server.url, south, 5000);
    expect(southFeed.length).toBeGreaterThan(0);
    for (const c of southFeed) expect(got.has(changeKey(c))).toBe(false);
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_log WHERE action = 'sync-snapshot' AND team_id = 'team-north'`,
      ),
    ).toBeGreaterThan(0);
  });

  it('hands out no relay where none is configured, and only to a signed-in caller', async () => {
    expect((await http(server.url, 'GET', '/v1/media/ice-servers')).status).toBe(401);
    const res = await http(server.url, 'GET', '/v1/media/ice-servers', { token: agent });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ iceServers: [], ttlSeconds: 0 });
  });

  it('loses no row to concurrent writers: a reader paging during writes ends with every row', async () => {
    const writes = (async () => {
      for (let i = 0; i < 20; i++) {
        const res = await http(server.url, 'POST', '/v1/outbox', {
          token: agent,
          json: push([wrapUp(), wrapUp(), wrapUp()]),
        });
        expect(res.status).toBe(200);
      }
    })();
    const seen = new Map<string, number>();
    let cursor = 0;
    let done = false;
    void writes.then(() => (done = true));
    for (let rounds = 0; ; rounds++) {
      const res = await http(server.url, 'GET', `/v1/changes?cursor=${cursor}&limit=50`, { token: agent });
      const page = ChangesPage.parse(res.body);
      for (const c of page.changes) seen.set(c.op === 'upsert' ? changeKey(c) : `x:${c.id}`, c.seq);
      cursor = page.nextCursor;
      if (!page.hasMore && done && rounds > 0) {
        const last = ChangesPage.parse(
          (await http(server.url, 'GET', `/v1/changes?cursor=${cursor}&limit=50`, { token: agent })).body,
        );
        if (last.changes.length === 0) break;
        for (const c of last.changes) seen.set(c.op === 'upsert' ? changeKey(c) : `x:${c.id}`, c.seq);
        cursor = last.nextCursor;
      }
    }
    await writes;
    const rows = await server.db.query<{ id: string }>(
      `SELECT id FROM interactions WHERE team_id = 'team-north'`,
    );
    for (const r of rows) expect(seen.has(`interaction:${r.id}`), r.id).toBe(true);
  });

  it('files each wrap-up once: accepted, then duplicate on every retry', async () => {
    const w = wrapUp();
    const first = await http(server.url, 'POST', '/v1/outbox', { token: agent, json: push([w]) });
    expect(first.body).toEqual({ results: [{ id: w.id, status: 'accepted' }] });
    for (let i = 0; i < 3; i++) {
      const again = await http(server.url, 'POST', '/v1/outbox', { token: agent, json: push([w]) });
      expect(again.body).toEqual({ results: [{ id: w.id, status: 'duplicate' }] });
    }
    const rows = await server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM interactions WHERE id = $1`,
      [w.id],
    );
    expect(rows[0]?.n).toBe(1);
  });

  it("stores the call's quality summary with the interaction, findable by its worst MOS", async () => {
    const quality = {
      samples: 120,
      avgRttMs: 80,
      maxRttMs: 450,
      avgJitterMs: 12,
      maxLossPct: 6.5,
      avgMos: 3.6,
      minMos: 2.9,
      warnings: ['high-loss', 'low-mos'] as ('high-loss' | 'low-mos')[],
    };
    const w = wrapUp({ quality });
    const res = await http(server.url, 'POST', '/v1/outbox', { token: agent, json: push([w]) });
    expect(res.body).toEqual({ results: [{ id: w.id, status: 'accepted' }] });
    const bad = await server.db.query<{ id: string; quality: unknown }>(
      `SELECT id, quality FROM interactions
       WHERE team_id = 'team-north' AND quality IS NOT NULL AND (quality->>'minMos')::numeric < 3.5`,
    );
    expect(bad).toEqual([{ id: w.id, quality }]);
  });

  it('rejects records that break a rule, with a reason, and files the rest of the batch', async () => {
    await server.db.query(
      `UPDATE disposition_codes SET active = false WHERE team_id = 'team-north' AND code = 'transferred'`,
    );
    const good = wrapUp();
    const foreign = wrapUp({ customerId: 'cust-south-1' });
    const retired = wrapUp({ disposition: 'transferred' });
    const backwards = wrapUp({ endedAt: '2026-11-25T00:00:00.000Z' });
    const res = await http(server.url, 'POST', '/v1/outbox', {
      token: agent,
      json: push([good, foreign, retired, backwards]),
    });
    const results = (res.body as { results: { id: string; status: string; reason?: string }[] }).results;
    expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'rejected', 'rejected']);
    expect(results[1]?.reason).toMatch(/team/);
    expect(results[2]?.reason).toMatch(/transferred/);
    const stored = await server.db.query<{ id: string }>(
      `SELECT id FROM interactions WHERE id = ANY($1::text[])`,
      [[good.id, foreign.id, retired.id, backwards.id]],
    );
    expect(stored.map((r) => r.id)).toEqual([good.id]);
    await server.db.query(`UPDATE disposition_codes SET active = true WHERE team_id = 'team-north'`);
  });

  it('refuses malformed, oversized and mismatched bodies with a clear 4xx and changes nothing', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM interactions`);
    const w = wrapUp();
    const cases = [
      { raw: '{"records": [', status: 400 },
      { json: { records: [] }, status: 400 },
      { json: { records: [{ id: randomUUID(), kind: 'wrap-up', payload: w }] }, status: 400 },
      { json: { ...push([w]), extra: 1 }, status: 400 },
      { json: push([{ ...w, category: 'gossip' as WrapUp['category'] }]), status: 400 },
      { raw: JSON.stringify(push([{ ...w, notes: 'x'.repeat(10_000) }])).repeat(1), status: 200 },
      { raw: `{"records":[${'"x",'.repeat(1_200_000)}"x"]}`, status: 413 },
      { raw: 'records=1', contentType: 'application/x-www-form-urlencoded', status: 415 },
    ];
    for (const c of cases.filter((x) => x.status !== 200)) {
      const res = await http(server.url, 'POST', '/v1/outbox', { token: agent, ...c });
      expect(res.status, JSON.stringify(c).slice(0, 80)).toBe(c.status);
      expect(ApiError.safeParse(res.body).success).toBe(true);
    }
    const after = await count(`SELECT count(*)::int AS n FROM interactions`);
    expect(after).toBe(before);
  });

  it('treats SQL-injection strings as data: refused where the format is strict, stored verbatim in free text', async () => {
    const evil = "'); DROP TABLE interactions; --";
    const badLogin = await http(server.url, 'POST', '/v1/auth/login', {
      json: { username: "admin' OR '1'='1", password: evil, seat: 's' },
    });
    expect(badLogin.status).toBe(400);
    expect((await http(server.url, 'GET', `/v1/changes?cursor=0%20OR%201=1`, { token: agent })).status).toBe(
      400,
    );
    expect(
      (await http(server.url, 'GET', `/v1/customers/${encodeURIComponent("x' OR 1=1 --")}`, { token: agent }))
        .status,
    ).toBe(404);
    const knowledge = await http(server.url, 'GET', `/v1/knowledge?q=${encodeURIComponent("%' OR 1=1 --")}`, {
      token: agent,
    });
    expect(knowledge.status).toBe(200);
    expect(knowledge.body).toEqual([]);
    const w = wrapUp({ notes: evil, agent: "Robert'); DROP TABLE users;--", phone: "1' OR '1'='1" });
    const res = await http(server.url, 'POST', '/v1/outbox', { token: agent, json: push([w]) });
    expect(res.body).toEqual({ results: [{ id: w.id, status: 'accepted' }] });
    const [row] = await server.db.query<{ notes: string; agent: string; phone: string }>(
      `SELECT notes, agent, phone FROM interactions WHERE id = $1`,
      [w.id],
    );
    expect(row).toEqual({ notes: evil, agent: w.agent, phone: w.phone });
    const n = await count(`SELECT count(*)::int AS n FROM users`);
    expect(n).toBeGreaterThan(0);
  });

  it('keeps the audit log append-only and migrations idempotent', async () => {
    await expect(server.db.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(server.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    expect(await migrate(server.db)).toBe(migrations.at(-1)?.version);
  });

  it('pushes a "pull again" notice to the same team only, through LISTEN/NOTIFY', async () => {
    const ws = (token: string) =>
      new Promise<{ ws: WebSocket; got: string[] }>((ok, fail) => {
        const url = server.url.replace('http', 'ws') + changesStreamPath;
        const s = new WebSocket(url, [`token.${token}`]);
        const got: string[] = [];
        s.on('message', (d) => got.push(String(d)));
        s.once('open', () => ok({ ws: s, got }));
        s.once('error', fail);
      });
    const north = await ws(agent);
    const southWs = await ws(south);
    await expect(
      new Promise((ok, fail) => {
        const s = new WebSocket(server.url.replace('http', 'ws') + changesStreamPath, ['token.forged']);
        s.once('open', () => fail(new Error('opened')));
        s.once('error', ok);
      }),
    ).resolves.toBeDefined();
    const other = (await login(server.url, 'agent1002', testPassword)).accessToken;
    await http(server.url, 'POST', '/v1/outbox', { token: other, json: push([wrapUp()]) });
    const deadline = Date.now() + 5000;
    while (north.got.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(JSON.parse(north.got[0] ?? '{}')).toMatchObject({ type: 'changed' });
    expect(southWs.got).toEqual([]);
    north.ws.close();
    southWs.ws.close();
  });
});
