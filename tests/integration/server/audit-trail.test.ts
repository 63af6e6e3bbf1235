import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry, ChangesPage } from '../../../shared';
import { dialects, startTestServer, stopPostgresCluster, testPassword } from '../../helpers/server-dialects';
import { http, login } from '../../helpers/server-http';

afterAll(stopPostgresCluster);

describe.each(dialects)('the audit trail on %s', (dialect) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const rows = (action: string) =>
    server.db.query<{ entity_id: string; row_count: number | null; user_id: string }>(
      `SELECT entity_id, row_count::int AS row_count, user_id FROM audit_log WHERE action = $1 ORDER BY id`,
      [action],
    );
  const sidOf = (accessToken: string) =>
    (JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString()) as { sid: string }).sid;

  beforeAll(async () => {
    server = await startTestServer(dialect, { customers: 50, interactions: 120 });
  });
  afterAll(async () => server?.close());

  it('records the feed once per session with its row count, however many pages it takes', async () => {
    const pair = await login(server.url, 'agent1001', testPassword);
    let cursor = 0;
    let total = 0;
    let pages = 0;
    for (;;) {
      const res = await http(server.url, 'GET', `/v1/changes?cursor=${cursor}&limit=40`, {
        token: pair.accessToken,
      });
      const page = ChangesPage.parse(res.body);
      total += page.changes.length;
      pages++;
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    expect(pages).toBeGreaterThan(3);
    const feed = (await rows('read-feed')).filter((r) => r.entity_id === sidOf(pair.accessToken));
    expect(feed).toHaveLength(1);
    const lead = await login(server.url, 'lead-north', testPassword);
    const list = await http(server.url, 'GET', `/v1/audit?entityId=${sidOf(pair.accessToken)}`, {
      token: lead.accessToken,
    });
    const entry = AuditEntry.array()
      .parse(list.body)
      .find((e) => e.action === 'read-feed');
    expect(entry?.rowCount).toBe(total);
  });

  it('records each snapshot once, with the rows it sent', async () => {
    const pair = await login(server.url, 'agent1002', testPassword);
    const res = await fetch(`${server.url}/v1/sync/snapshot`, {
      headers: { authorization: `Bearer ${pair.accessToken}` },
    });
    const lines = (await res.text()).split('\n').filter((l) => l && !l.startsWith('\\#'));
    const snap = (await rows('sync-snapshot')).filter((r) => r.entity_id === sidOf(pair.accessToken));
    expect(snap).toEqual([
      { entity_id: sidOf(pair.accessToken), row_count: lines.length, user_id: 'u-agent1002' },
    ]);
  });

  it('stops bulk reads of a signed-out session at once, before its access token expires', async () => {
    const pair = await login(server.url, 'agent2001', testPassword);
    await http(server.url, 'POST', '/v1/auth/logout', { json: { refreshToken: pair.refreshToken } });
    expect((await http(server.url, 'GET', '/v1/sync/snapshot', { token: pair.accessToken })).status).toBe(
      401,
    );
    // agent2001's team has rows, so the first page is not empty.
    expect(
      (await http(server.url, 'GET', '/v1/changes?cursor=0&limit=10', { token: pair.accessToken })).status,
    ).toBe(401);
  });

  it('records role refusals and refreshes', async () => {
    const pair = await login(server.url, 'agent1001', testPassword);
    expect((await http(server.url, 'GET', '/v1/audit', { token: pair.accessToken })).status).toBe(403);
    expect((await rows('role-refused')).at(-1)).toMatchObject({
      entity_id: 'audit:list',
      user_id: 'u-agent1001',
    });
    await http(server.url, 'POST', '/v1/auth/refresh', { json: { refreshToken: pair.refreshToken } });
    expect((await rows('refresh')).at(-1)).toMatchObject({ entity_id: sidOf(pair.accessToken) });
  });

  it('refuses TRUNCATE of the audit log, as it refuses UPDATE and DELETE', async () => {
    const before = (await rows('login')).length;
    await expect(server.db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    await expect(server.db.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(server.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    expect((await rows('login')).length).toBe(before);
  });
});
