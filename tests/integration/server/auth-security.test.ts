import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLoginLimits } from '../../../server/auth/login-throttle';
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

/** A login POSTed from a chosen loopback address (all of 127/8 is this host's). */
function loginFrom(base: string, localAddress: string, username: string, password: string) {
  const body = JSON.stringify({ username, password, seat: 'seat-flood' });
  return new Promise<{ status: number; retryAfter?: string }>((ok, fail) => {
    const req = request(
      `${base}/v1/auth/login`,
      { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => ok({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] }));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

describe.each(dialects)('a login flood on %s', (dialect) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const limits = {
    ...defaultLoginLimits,
    userAtAddress: { threshold: 3, baseLockS: 30, maxLockS: 600 },
    user: { threshold: 6, baseLockS: 30, maxLockS: 600 },
    address: { threshold: 12, baseLockS: 30, maxLockS: 600 },
  };

  beforeAll(async () => {
    server = await startTestServer(dialect, { server: { loginLimits: limits } });
  });
  afterAll(async () => server?.close());

  it('locks the guessed user and the guessing address, while others still sign in', async () => {
    // 60 wrong passwords for agent1001 from 127.0.0.1, 20 at a time.
    const answers: { status: number; retryAfter?: string }[] = [];
    const flood = (async () => {
      for (let wave = 0; wave < 3; wave++)
        answers.push(
          ...(await Promise.all(
            Array.from({ length: 20 }, () => loginFrom(server.url, '127.0.0.1', 'agent1001', 'guess')),
          )),
        );
    })();
    // Meanwhile, from another address, another agent signs in.
    const other = await loginFrom(server.url, '127.0.0.2', 'agent2001', testPassword);
    await flood;
    expect(other.status).toBe(200);
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(40);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    // The right password does not get through a lock either, and the answer says when to retry.
    const locked = await loginFrom(server.url, '127.0.0.1', 'agent1001', testPassword);
    expect(locked.status).toBe(429);
    expect(Number(locked.retryAfter)).toBeGreaterThan(0);
    // Still fine after the flood: another user from another address.
    expect((await loginFrom(server.url, '127.0.0.3', 'agent1002', testPassword)).status).toBe(200);
    // Each failure that reached the password check is in the audit trail, with its address.
    const failed = await server.db.query<{ n: number; address: string }>(
      `SELECT count(*)::int AS n, min(address) AS address FROM audit_log
       WHERE action = 'login-failed' AND entity_id = 'u-agent1001'`,
    );
    expect(failed[0]?.n).toBe(statuses.filter((s) => s === 401).length);
    expect(failed[0]?.address).toBe('127.0.0.1');
  });

  it('throttles an unknown username exactly like a known one (no hint that it exists)', async () => {
    const tries = [];
    for (let i = 0; i < 4; i++) tries.push(await loginFrom(server.url, '127.0.0.4', 'nobody-here', 'x'));
    const known = [];
    for (let i = 0; i < 4; i++) known.push(await loginFrom(server.url, '127.0.0.5', 'agent1002', 'x'));
    expect(tries.map((t) => t.status)).toEqual([401, 401, 401, 429]);
    expect(known.map((t) => t.status)).toEqual(tries.map((t) => t.status));
  });
});
