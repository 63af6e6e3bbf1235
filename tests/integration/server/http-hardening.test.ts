import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeaders } from '../../../server/http/app';
import { dialects, startTestServer, stopPostgresCluster, testPassword } from '../../helpers/server-dialects';
import { http, login } from '../../helpers/server-http';

afterAll(stopPostgresCluster);

describe.each(dialects)('HTTP hardening on %s', (dialect) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let log = '';
  const lines = () =>
    log
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (d: Buffer) => (log += d.toString()));
    server = await startTestServer(dialect, { server: { logStream: stream } });
  });
  afterAll(async () => server?.close());

  it('sends the security headers on every answer, errors included', async () => {
    for (const path of ['/healthz', '/v1/sync/estimate', '/v1/no-such-thing']) {
      const res = await fetch(server.url + path);
      for (const [name, value] of Object.entries(securityHeaders))
        expect(res.headers.get(name), `${path} ${name}`).toBe(value);
    }
  });

  it('logs each request by its route pattern, with no password, token, query or id in it', async () => {
    const pair = await login(server.url, 'agent1001', testPassword);
    await http(server.url, 'GET', '/v1/knowledge?q=%2B886912345678', { token: pair.accessToken });
    await http(server.url, 'GET', '/v1/customers/cust-demo-vip', { token: pair.accessToken });
    await expect
      .poll(() => lines().filter((l) => l.msg === 'incoming request').length)
      .toBeGreaterThanOrEqual(3);
    const routes = lines().map((l) => (l.req as { route?: string } | undefined)?.route);
    expect(routes).toEqual(expect.arrayContaining(['/v1/auth/login', '/v1/knowledge', '/v1/customers/:id']));
    for (const secret of [testPassword, pair.accessToken, pair.refreshToken, '886912345678', 'cust-demo-vip'])
      expect(log).not.toContain(secret);
  });

  it('logs every 500 at error level, naming the route', async () => {
    const pair = await login(server.url, 'agent1001', testPassword);
    await server.db.query(`ALTER TABLE disposition_codes RENAME TO disposition_codes_gone`);
    try {
      const res = await http(server.url, 'GET', '/v1/dispositions', { token: pair.accessToken });
      expect(res.status).toBe(500);
    } finally {
      await server.db.query(`ALTER TABLE disposition_codes_gone RENAME TO disposition_codes`);
    }
    await expect
      .poll(() => lines().filter((l) => l.level === 50 && l.route === '/v1/dispositions' && l.status === 500))
      .toHaveLength(1);
  });
});
