import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../server/auth/password';
import { dialects, startTestServer, stopPostgresCluster, testPassword } from '../../helpers/server-dialects';
import { TokenPair } from '../../../shared';
import { http, login } from '../../helpers/server-http';

afterAll(stopPostgresCluster);

describe.each(dialects)('sign-in security on %s', (dialect) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const hashOf = async (id: string) =>
    (await server.db.query<{ h: string }>(`SELECT password_hash AS h FROM users WHERE id = $1`, [id]))[0]?.h;

  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => server?.close());

  it('logs in with an older, cheaper hash and rewrites it at today’s cost', async () => {
    const old = await hashPassword(testPassword, { N: 2 ** 14, r: 8, p: 1, keylen: 32 });
    await server.db.query(`UPDATE users SET password_hash = $1 WHERE id = 'u-agent1002'`, [old]);
    await login(server.url, 'agent1002', testPassword);
    const now = await hashOf('u-agent1002');
    expect(now).not.toBe(old);
    expect(now?.split('$')[1]).toBe(String(2 ** 17));
    await login(server.url, 'agent1002', testPassword);
    expect(await hashOf('u-agent1002')).toBe(now);
  });
});

describe.each(dialects)('sign-in sessions on %s', (dialect) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let now = Date.now();
  const refresh = (refreshToken: string) =>
    http(server.url, 'POST', '/v1/auth/refresh', { json: { refreshToken } });
  const auditOf = async (action: string, sessionId: string) =>
    (
      await server.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND entity = 'session' AND entity_id = $2`,
        [action, sessionId],
      )
    )[0]?.n;
  const sidOf = (accessToken: string) =>
    (JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString()) as { sid: string }).sid;

  beforeAll(async () => {
    server = await startTestServer(dialect, {
      clock: () => new Date(now),
      server: { sessionLimits: { refreshTtlS: 3600, sessionMaxS: 3 * 3600 } },
    });
  });
  afterAll(async () => server?.close());

  it('a rotated refresh token presented again ends the whole session (every token of it)', async () => {
    const first = await login(server.url, 'agent1001', testPassword);
    const second = TokenPair.parse((await refresh(first.refreshToken)).body);
    const third = TokenPair.parse((await refresh(second.refreshToken)).body);
    expect(sidOf(third.accessToken)).toBe(sidOf(first.accessToken));
    // A thief replays the first token: refused, and the live token of the family dies with it.
    expect((await refresh(first.refreshToken)).status).toBe(401);
    expect((await refresh(third.refreshToken)).status).toBe(401);
    expect(await auditOf('refresh', sidOf(first.accessToken))).toBe(2);
    expect(await auditOf('refresh-reuse', sidOf(first.accessToken))).toBe(1);
    // Another session of the same user is not touched.
    const other = await login(server.url, 'agent1001', testPassword);
    expect((await refresh(other.refreshToken)).status).toBe(200);
  });

  it('a session ends at its absolute lifetime, however often it is refreshed', async () => {
    let pair = await login(server.url, 'agent1002', testPassword);
    const started = now;
    try {
      // Refreshed every 50 minutes, well inside the refresh token's hour, up to the third hour.
      for (let minute = 50; minute < 180; minute += 50) {
        now = started + minute * 60_000;
        const res = await refresh(pair.refreshToken);
        expect(res.status, `minute ${minute}`).toBe(200);
        pair = TokenPair.parse(res.body);
      }
      // The last access token stops at the session's end, not a full TTL later.
      const claims = JSON.parse(
        Buffer.from(pair.accessToken.split('.')[1] ?? '', 'base64url').toString(),
      ) as {
        exp: number;
      };
      expect(claims.exp * 1000).toBeLessThanOrEqual(started + 3 * 3600_000);
      now = started + 3 * 3600_000 + 1000;
      expect((await refresh(pair.refreshToken)).status).toBe(401);
    } finally {
      now = Date.now();
    }
  });

  it('sign-out ends the session on the server: its refresh token is refused afterwards', async () => {
    const pair = await login(server.url, 'agent2001', testPassword);
    const out = await http(server.url, 'POST', '/v1/auth/logout', {
      json: { refreshToken: pair.refreshToken },
    });
    expect(out).toEqual({ status: 200, body: { ok: true } });
    expect((await refresh(pair.refreshToken)).status).toBe(401);
    expect(await auditOf('logout', sidOf(pair.accessToken))).toBe(1);
    // An unknown token gets the same answer and changes nothing.
    const unknown = await http(server.url, 'POST', '/v1/auth/logout', {
      json: { refreshToken: 'x'.repeat(43) },
    });
    expect(unknown).toEqual(out);
  });
});
