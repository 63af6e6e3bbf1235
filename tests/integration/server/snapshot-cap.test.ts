import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared';
import { dialects, startTestServer, stopPostgresCluster, testPassword } from '../../helpers/server-dialects';
import { login } from '../../helpers/server-http';
import { defaultSnapshotLimits } from '../../../server/routes/snapshot-gate';

afterAll(stopPostgresCluster);

/**
 * Ten slow readers must not starve a node's pool (issue 13): snapshots in flight are capped
 * per user and per node, a stream over the cap gets 429 with Retry-After, and a slot comes
 * back when its stream ends or its seat hangs up mid-stream.
 */
describe.each(dialects)('the snapshot stream cap on %s', (dialect) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer(dialect, { customers: 20, interactions: 50 });
    for (const u of ['agent1001', 'agent1002', 'agent2001', 'lead-north', 'admin'])
      tokens[u] = (await login(server.url, u, testPassword, `seat-${u}`)).accessToken;
  });
  afterAll(async () => {
    await server?.close();
  });

  const snapshot = (user: string, signal?: AbortSignal) =>
    fetch(`${server.url}/v1/sync/snapshot`, { headers: { authorization: `Bearer ${tokens[user]}` }, signal });

  /**
   * Holds every snapshot in flight: a transaction that locks a table the snapshot reads (on
   * PGlite, whose one connection queues transactions, any open transaction does).
   */
  async function holdSnapshots(): Promise<() => Promise<void>> {
    let letGo!: () => void;
    const held = new Promise<void>((ok) => (letGo = ok));
    let locked!: () => void;
    const isLocked = new Promise<void>((ok) => (locked = ok));
    const tx = server.db.transaction(async (t) => {
      await t.query('LOCK TABLE customers IN ACCESS EXCLUSIVE MODE');
      locked();
      await held;
    });
    await isLocked;
    return async () => {
      letGo();
      await tx;
    };
  }
  /** Lets a request sent a moment ago reach its handler (and take its slot). */
  const settle = () => new Promise((ok) => setTimeout(ok, 300));

  it('refuses a second stream of one user and a fifth on the node, and frees slots at the end', async () => {
    const letGo = await holdSnapshots();
    const first = snapshot('agent1001');
    await settle();
    // The defaults (defaultSnapshotLimits): one stream per user, four per node.
    const others = ['agent1002', 'agent2001', 'lead-north'].map((u) => snapshot(u));
    await settle();

    const sameUser = await snapshot('agent1001');
    expect(sameUser.status).toBe(429);
    expect(sameUser.headers.get('retry-after')).toBe(String(defaultSnapshotLimits.retryAfterS));
    const body = ApiError.parse(await sameUser.json());
    expect(body.error.code).toBe('rate-limited');
    expect(body.error.message).toMatch(/this user already has/);

    const overNode = await snapshot('admin');
    expect(overNode.status).toBe(429);
    expect(ApiError.parse(await overNode.json()).error.message).toMatch(/this server node already has/);

    await letGo();
    for (const res of await Promise.all([first, ...others])) {
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/\\#done\n$/);
    }
    const after = await snapshot('admin');
    expect(after.status).toBe(200);
    expect(await after.text()).toMatch(/\\#done\n$/);

    const [row] = await server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'snapshot-refused'`,
    );
    expect(row?.n).toBe(2);
  });

  it('frees the slot of a seat that hangs up mid-stream', async () => {
    const letGo = await holdSnapshots();
    const abort = new AbortController();
    const gone = snapshot('agent1001', abort.signal).catch((e: unknown) => e);
    await settle();
    abort.abort();
    await gone;
    await settle();
    // Still held: a leaked slot would refuse this one at once.
    const again = snapshot('agent1001');
    await settle();
    await letGo();
    const res = await again;
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/\\#done\n$/);
  });
});
