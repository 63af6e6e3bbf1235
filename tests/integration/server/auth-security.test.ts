import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../server/auth/password';
import { dialects, startTestServer, stopPostgresCluster, testPassword } from '../../helpers/server-dialects';
import { login } from '../../helpers/server-http';

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
