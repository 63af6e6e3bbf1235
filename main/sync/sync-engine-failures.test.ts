import { afterEach, describe, expect, it } from 'vitest';
import { apiError, gate, json, pair, pairFor } from './fake-central';
import { customer, feedOf5, rig, sleep, stopRigs, until, wrapUp } from './sync-engine-rig';

afterEach(stopRigs);

describe('SyncEngine: answers it refuses change nothing', () => {
  it('a page that is not JSON: the error is shown, nothing is applied, and it retries', async () => {
    const r = rig();
    r.central.feed = feedOf5();
    const feed = r.central.routes['/v1/changes']!;
    let bad = 2;
    r.central.routes['/v1/changes'] = (url, body) => (bad-- > 0 ? json('{"changes": [') : feed(url, body));
    void r.start();
    // (This message keeps the query; the schema one drops it.)
    await r.failedWith('error', '/v1/changes?cursor=0&limit=2: the answer is not JSON');
    expect(r.cache.cursor()).toBe(0);
    expect(r.count('customers')).toBe(0);
    await r.synced(5);
    expect(r.logs.filter((l) => l.startsWith('sync: bad-response'))).toEqual([
      'sync: bad-response: /v1/changes?cursor=0&limit=2: the answer is not JSON; retry in 10 ms',
      'sync: bad-response: /v1/changes?cursor=0&limit=2: the answer is not JSON; retry in 20 ms',
    ]);
  });

  it('a page that fails the schema: the pages before it stay, it and its cursor do not', async () => {
    const r = rig();
    r.central.feed = feedOf5();
    const bad = customer(3, 'c3', ['call me maybe']);
    r.central.feed[2] = bad;
    void r.start();
    await r.failedWith(
      'error',
      /^\/v1\/changes: the answer fails its schema at changes\.0\.data\.phones\.0: /,
    );
    expect(r.cache.cursor()).toBe(2);
    expect(r.db.prepare('SELECT id FROM customers ORDER BY id').all()).toEqual([{ id: 'c1' }, { id: 'c2' }]);
    expect(r.cache.state('initial-done')).not.toBe('1');
  });

  it('a page over its size cap: the pages before it stay, it and its cursor do not', async () => {
    // 4096 + 2 rows × 1000 bytes for a page of 2; the third page is padded past it.
    const r = rig({ caps: { changesPerRow: 1000 } });
    r.central.feed = feedOf5();
    const feed = r.central.routes['/v1/changes']!;
    r.central.routes['/v1/changes'] = async (url, body) =>
      url.searchParams.get('cursor') === '4'
        ? json(' '.repeat(7000) + (await (await feed(url, body)).text()))
        : feed(url, body);
    void r.start();
    await r.failedWith('error', '/v1/changes: the answer is over 6096 bytes');
    expect(r.cache.cursor()).toBe(4);
    expect(r.cache.state('initial-done')).not.toBe('1');
  });

  it('a page whose cursor goes backwards', async () => {
    const r = rig();
    r.central.feed = feedOf5();
    void r.start();
    await r.synced(5);
    r.central.routes['/v1/changes'] = () => json({ changes: [], nextCursor: 3, hasMore: false });
    r.engine.kick();
    await r.failedWith('error', 'the server moved the cursor backwards');
    expect(r.cache.cursor()).toBe(5);
    expect(r.count('customers')).toBe(3);
  });

  it('a page the cache cannot take (a SQLite error) rolls back whole and shows as an error', async () => {
    const r = rig();
    r.central.feed = feedOf5();
    r.db.exec(
      `CREATE TRIGGER boom BEFORE INSERT ON customers WHEN NEW.id = 'c2' BEGIN SELECT RAISE(ABORT, 'boom'); END`,
    );
    void r.start();
    await r.failedWith('error', /boom/);
    expect(r.cache.cursor()).toBe(0);
    expect(r.count('customers')).toBe(0);
    expect(r.logs.some((l) => /^sync: bad-response: .*boom; retry in \d+ ms$/.test(l))).toBe(true);
  });
});

describe('SyncEngine: the server away', () => {
  it('backs off exponentially up to the cap, and starts over after a good cycle', async () => {
    const r = rig();
    r.central.feed = feedOf5();
    let failures = 4;
    const estimate = r.central.routes['/v1/sync/estimate']!;
    r.central.routes['/v1/sync/estimate'] = (url, body) =>
      failures-- > 0 ? apiError(503, 'unavailable', 'busy') : estimate(url, body);
    void r.start();
    await r.synced(5);
    const retries = () =>
      r.logs.filter((l) => l.includes('retry in')).map((l) => /retry in (\d+) ms/.exec(l)?.[1]);
    expect(retries()).toEqual(['10', '20', '40', '40']);
    expect(r.logs[0]).toBe('sync: server: 503 unavailable: busy; retry in 10 ms');

    r.central.routes['/v1/changes'] = () => apiError(500, 'internal', 'oops');
    r.engine.kick();
    await until('one more failure', () => retries().length === 5);
    expect(retries().at(-1)).toBe('10');
    expect(r.last()).toMatchObject({ connection: 'error', phase: 'idle', error: '500 internal: oops' });
  });

  it('shows an unreachable server or one that does not answer in time as offline', async () => {
    const r = rig({ timeoutMs: 50 });
    r.central.routes['/v1/sync/estimate'] = () => {
      throw new TypeError('fetch failed');
    };
    void r.start();
    await r.failedWith('offline', 'cannot reach the central server');
    r.central.routes['/v1/sync/estimate'] = () => new Promise<Response>(() => {});
    await r.failedWith('offline', 'no answer within 50 ms');
    expect(r.logs.some((l) => l.startsWith('sync: timeout: no answer within 50 ms; retry in'))).toBe(true);
    expect(r.cache.cursor()).toBe(0);
  });

  it('shows a request the server refuses as an error (and keeps trying)', async () => {
    const r = rig();
    r.central.routes['/v1/sync/estimate'] = () => apiError(404, 'not-found', 'no such route');
    void r.start();
    await r.failedWith('error', '404 not-found: no such route');
    await until('a retry', () => r.central.count('GET /v1/sync/estimate') >= 2);
  });

  it('a kick does not cut a backoff short; a new session does', async () => {
    const r = rig({ backoff: { baseMs: 10_000, capMs: 10_000 } });
    r.central.routes['/v1/sync/estimate'] = () => apiError(503, 'unavailable', 'busy');
    void r.start();
    await r.failedWith('error', '503 unavailable: busy');
    r.engine.kick();
    r.engine.kick();
    await sleep(200);
    expect(r.central.count('GET /v1/sync/estimate')).toBe(1);
    r.engine.setSession(pair, pair.user.id);
    await until('the retry after a new session', () => r.central.count('GET /v1/sync/estimate') === 2);
    expect(r.last().connection).toBe('error');
  });

  it('stop() ends run() even in the middle of a long backoff', async () => {
    const r = rig({ backoff: { baseMs: 60_000, capMs: 60_000 } });
    r.central.routes['/v1/sync/estimate'] = () => apiError(503, 'unavailable', 'busy');
    const running = r.start();
    await r.failedWith('error', '503 unavailable: busy');
    r.engine.stop();
    await expect(
      Promise.race([running.then(() => 'ended'), sleep(2000).then(() => 'still running')]),
    ).resolves.toBe('ended');
  });
});

describe('SyncEngine: sessions', () => {
  it('a 401 with a refresh that works: rotates the tokens, reports them, and carries on', async () => {
    const r = rig();
    r.central.feed = feedOf5();
    r.central.validTokens = new Set([pairFor(1).accessToken]);
    r.central.refreshTo = pairFor(1);
    void r.start();
    await r.synced(5);
    expect(r.rotated).toEqual([pairFor(1)]);
    expect(r.central.requests.slice(0, 3)).toEqual([
      'GET /v1/sync/estimate',
      'POST /v1/auth/refresh',
      'GET /v1/sync/estimate',
    ]);
    expect(r.central.tokens.at(-1)).toBe(pairFor(1).accessToken);
  });

  it('a refused session signs the seat out and stops syncing until the next sign-in', async () => {
    const r = rig();
    r.central.feed = feedOf5();
    r.central.validTokens = new Set();
    void r.start();
    await r.failedWith('signed-out', '401 unauthorized: refresh token is invalid');
    expect(r.last()).toMatchObject({ phase: 'idle', progress: null, user: null });
    expect(r.engine.currentSession).toBeNull();
    expect(r.logs).toContain('sync: the session was refused; sign in again');
    const asked = r.central.requests.length;
    r.engine.kick();
    await sleep(100);
    expect(r.central.requests.length).toBe(asked);

    r.central.validTokens = new Set([pairFor(2).accessToken]);
    r.engine.setSession(pairFor(2), pair.user.id);
    await r.synced(5);
  });

  it('a new owner wipes what the server owns; the same owner keeps it', () => {
    const r = rig();
    r.cache.resetForOwner('u1');
    r.cache.applyPage(feedOf5(), 5);
    r.cache.setState('initial-done', '1');
    r.outbox.addPendingWrapUp(wrapUp(1), '2026-11-25T00:00:00.000Z');
    r.engine.setSession(pair, 'u1');
    expect([r.cache.cursor(), r.count('customers')]).toEqual([5, 3]);
    expect(r.last()).toMatchObject({
      connection: 'connecting',
      error: null,
      user: { username: 'agent1001', displayName: 'Agent 1001', teamId: 't1' },
    });
    r.engine.setSession(pair, 'u2');
    expect([r.cache.cursor(), r.count('customers'), r.count('interactions')]).toEqual([0, 0, 0]);
    expect([r.cache.state('owner'), r.cache.state('initial-done')]).toEqual(['u2', '0']);
    expect(r.outbox.counts().pending).toBe(1);
  });

  it('a failure that belonged to a replaced session is not shown against the new one', async () => {
    const r = rig();
    r.central.feed = feedOf5();
    r.central.validTokens.add(pairFor(1).accessToken);
    const late = gate();
    const estimate = r.central.routes['/v1/sync/estimate']!;
    r.central.routes['/v1/sync/estimate'] = async (url, body) => {
      if (r.central.tokens.at(-1) !== pair.accessToken) return estimate(url, body);
      await late.opened;
      return apiError(503, 'unavailable', 'busy');
    };
    void r.start();
    await until('the first estimate', () => r.central.count('GET /v1/sync/estimate') === 1);
    r.engine.setSession(pairFor(1), pair.user.id);
    late.open();
    await r.synced(5);
    expect(r.statuses.some((s) => s.connection === 'error')).toBe(false);
    expect(r.logs.some((l) => l.includes('retry in'))).toBe(false);
    expect(r.central.tokens.at(-1)).toBe(pairFor(1).accessToken);
  });

  it('signing out ends the sync and says so', async () => {
    const r = rig();
    r.central.feed = feedOf5();
    void r.start();
    await r.synced(5);
    r.engine.signOut();
    expect(r.last()).toMatchObject({ connection: 'signed-out', phase: 'idle', progress: null, user: null });
    const asked = r.central.requests.length;
    r.central.feed.push(customer(6, 'c4'));
    r.engine.kick();
    await sleep(100);
    expect(r.central.requests.length).toBe(asked);
    expect(r.cache.cursor()).toBe(5);
  });
});
