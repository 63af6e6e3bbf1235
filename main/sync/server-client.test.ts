import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentStateUpdate, ChangesPage, MediaRelays, SyncEstimate, TokenPair } from '../../shared';
import { ServerClient, ServerFailure, type ServerFailureKind } from './server-client';

/** What the stand-in server received. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}
type Handler = (req: Seen, res: ServerResponse) => void | Promise<void>;

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((ok) => s.close(() => ok()));
  }
});

/** A real HTTP server on 127.0.0.1: the client's own fetch, sockets, timeouts and streaming. */
async function serve(handler: Handler): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const s = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      seen.push(s);
      void handler(s, res);
    });
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

/** A port nothing listens on (bound once, then released). */
async function closedPortUrl(): Promise<string> {
  const s = createServer();
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((ok) => s.close(() => ok()));
  return `http://127.0.0.1:${port}`;
}

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};
const apiError = (code: string, message: string) => ({ error: { code, message } });

async function failureOf(p: Promise<unknown>): Promise<ServerFailure> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ServerFailure);
    return e as ServerFailure;
  }
  throw new Error('expected a ServerFailure, got an answer');
}

const pair: TokenPair = {
  accessToken: 'a'.repeat(30),
  expiresIn: 900,
  refreshToken: 'r'.repeat(30),
  user: { id: 'u1', username: 'agent1001', displayName: 'Agent', role: 'agent', teamId: 't1' },
  retentionDays: 30,
};
const estimate: SyncEstimate = { customers: 3, interactions: 5, complaints: 1, followUps: 2, headCursor: 11 };
const page: ChangesPage = {
  changes: [
    {
      seq: 8,
      op: 'upsert',
      entity: 'customer',
      data: { id: 'c1', name: 'N', vip: false, phones: ['+886223456789'], products: [] },
    },
    { seq: 9, op: 'delete', entity: 'interaction', id: 'i1' },
  ],
  nextCursor: 9,
  hasMore: false,
};
const token = 't'.repeat(24);
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('ServerFailure', () => {
  it.each([
    ['offline', true],
    ['timeout', true],
    ['server', true],
    ['bad-response', true],
    ['unauthorized', false],
    ['refused', false],
  ] as [ServerFailureKind, boolean][])('%s is retryable: %s', (kind, retryable) => {
    expect(new ServerFailure(kind, 'x').retryable).toBe(retryable);
  });
});

describe('ServerClient requests', () => {
  it('logs in with a JSON body and no token, and returns the parsed pair', async () => {
    const srv = await serve((_req, res) => send(res, 200, pair));
    const client = new ServerClient({ baseUrl: srv.url });
    const body = { username: 'agent1001', password: 'pw', seat: 'seat-1' };
    await expect(client.login(body)).resolves.toEqual(pair);
    expect(srv.seen).toHaveLength(1);
    const [req] = srv.seen;
    expect(req).toMatchObject({ method: 'POST', url: '/v1/auth/login' });
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers.authorization).toBeUndefined();
    expect(JSON.parse(req?.body ?? '')).toEqual(body);
  });

  it('refreshes with the refresh token in the body', async () => {
    const srv = await serve((_req, res) => send(res, 200, pair));
    await new ServerClient({ baseUrl: srv.url }).refresh('r'.repeat(30));
    expect(srv.seen[0]).toMatchObject({ method: 'POST', url: '/v1/auth/refresh' });
    expect(JSON.parse(srv.seen[0]?.body ?? '')).toEqual({ refreshToken: 'r'.repeat(30) });
  });

  it('sends the bearer token on a GET without a body, under a base URL with trailing slashes', async () => {
    const srv = await serve((_req, res) => send(res, 200, estimate));
    const client = new ServerClient({ baseUrl: `${srv.url}//` });
    expect(client.baseUrl).toBe(srv.url);
    await expect(client.estimate(token)).resolves.toEqual(estimate);
    expect(srv.seen[0]).toMatchObject({ method: 'GET', url: '/v1/sync/estimate', body: '' });
    expect(srv.seen[0]?.headers.authorization).toBe(`Bearer ${token}`);
    expect(srv.seen[0]?.headers['content-type']).toBeUndefined();
  });

  it('asks for changes from a cursor with a limit and returns the validated page', async () => {
    const srv = await serve((_req, res) => send(res, 200, page));
    await expect(new ServerClient({ baseUrl: srv.url }).changes(token, 7, 50)).resolves.toEqual(page);
    expect(srv.seen[0]?.url).toBe('/v1/changes?cursor=7&limit=50');
  });

  it('puts the agent state as JSON and fetches the ICE servers', async () => {
    const relays: MediaRelays = {
      iceServers: [{ urls: ['turn:turn.example.com:3478'], username: '1:u', credential: 'c' }],
      ttlSeconds: 600,
    };
    const srv = await serve((req, res) =>
      req.url === '/v1/media/ice-servers' ? send(res, 200, relays) : send(res, 200, { applied: true }),
    );
    const client = new ServerClient({ baseUrl: srv.url });
    const update: AgentStateUpdate = {
      state: 'not-ready',
      reason: 'break',
      since: '2026-11-25T00:00:00.000Z',
      seq: 4,
    };
    await expect(client.putAgentState(token, update)).resolves.toEqual({ applied: true });
    await expect(client.iceServers(token)).resolves.toEqual(relays);
    expect(srv.seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'PUT /v1/agents/me/state',
      'GET /v1/media/ice-servers',
    ]);
    expect(JSON.parse(srv.seen[0]?.body ?? '')).toEqual(update);
  });
});

describe('ServerClient failures', () => {
  it.each([
    [401, 'unauthorized', 'unauthorized'],
    [500, 'internal', 'server'],
    [503, 'unavailable', 'server'],
    [429, 'rate-limited', 'server'],
    [408, 'bad-request', 'server'],
    [400, 'bad-request', 'refused'],
    [403, 'forbidden', 'refused'],
    [404, 'not-found', 'refused'],
    [413, 'payload-too-large', 'refused'],
  ] as [number, string, ServerFailureKind][])(
    'HTTP %i with an API error body is %s → %s, with its code and message',
    async (status, code, kind) => {
      const srv = await serve((_req, res) => send(res, status, apiError(code, 'the reason')));
      const f = await failureOf(new ServerClient({ baseUrl: srv.url }).estimate(token));
      expect(f.kind).toBe(kind);
      expect(f.status).toBe(status);
      expect(f.message).toBe(`${status} ${code}: the reason`);
    },
  );

  it('names only the status when the error body is not the API error shape (a proxy page)', async () => {
    const srv = await serve((req, res) => {
      if (req.url === '/v1/sync/estimate') {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html>Bad Gateway</html>');
      } else send(res, 400, apiError('no-such-code', 'x'));
    });
    const client = new ServerClient({ baseUrl: srv.url });
    expect(await failureOf(client.estimate(token))).toMatchObject({
      kind: 'server',
      status: 502,
      message: 'HTTP 502',
    });
    expect(await failureOf(client.changes(token, 0, 10))).toMatchObject({
      kind: 'refused',
      message: 'HTTP 400',
    });
  });

  it('refuses a 2xx answer that is not JSON, naming the path', async () => {
    const srv = await serve((_req, res) => send(res, 200, '{"customers": 3,'));
    const f = await failureOf(new ServerClient({ baseUrl: srv.url }).estimate(token));
    expect(f).toMatchObject({
      kind: 'bad-response',
      status: 200,
      message: '/v1/sync/estimate: the answer is not JSON',
    });
    expect(f.retryable).toBe(true);
  });

  it("refuses an answer over its route's cap, declared or streamed, and reads no further", async () => {
    // Valid JSON either way: only its size is wrong.
    const big = JSON.stringify(estimate).replace('{', '{' + ' '.repeat(400));
    let streamedBytes = 0;
    const srv = await serve(async (req, res) => {
      if (req.url === '/v1/sync/estimate') return send(res, 200, big); // with a content-length
      // A body that never ends: chunked, no length; the client must hang up on it.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.on('error', () => {});
      while (!res.destroyed && streamedBytes < 50 * 1024 * 1024) {
        const ok = res.write(' '.repeat(16 * 1024));
        streamedBytes += 16 * 1024;
        if (!ok) await Promise.race([once(res, 'drain'), once(res, 'close')]);
      }
      res.end();
    });
    const client = new ServerClient({ baseUrl: srv.url, caps: { estimate: 300, changesPerRow: 100 } });
    expect(await failureOf(client.estimate(token))).toMatchObject({
      kind: 'bad-response',
      message: '/v1/sync/estimate: the answer is over 300 bytes',
    });
    // The changes cap grows with the rows asked for (4096 + 10 × 100 here).
    expect(await failureOf(client.changes(token, 0, 10))).toMatchObject({
      kind: 'bad-response',
      message: '/v1/changes: the answer is over 5096 bytes',
    });
    await delay(50);
    expect(streamedBytes).toBeLessThan(5 * 1024 * 1024);
    // The same answer within the default cap is fine.
    expect(await new ServerClient({ baseUrl: srv.url }).estimate(token)).toEqual(estimate);
  });

  it('an error answer over the error cap is still a failure of its status', async () => {
    const srv = await serve((_req, res) => send(res, 503, apiError('busy', 'x'.repeat(2000))));
    const f = await failureOf(new ServerClient({ baseUrl: srv.url, caps: { error: 100 } }).estimate(token));
    expect(f).toMatchObject({ kind: 'server', status: 503, message: 'HTTP 503' });
  });

  it('refuses a 2xx answer that fails the shared schema, naming the field but not the query', async () => {
    const { nextCursor: _dropped, ...noCursor } = page;
    const srv = await serve((_req, res) => send(res, 200, noCursor));
    const f = await failureOf(new ServerClient({ baseUrl: srv.url }).changes(token, 7, 50));
    expect(f.kind).toBe('bad-response');
    expect(f.message).toMatch(/^\/v1\/changes: the answer fails its schema at nextCursor: /);
    expect(f.message).not.toContain('cursor=7');
  });

  it('refuses a page whose changes are out of order (a whole-page rule, at the root)', async () => {
    const srv = await serve((_req, res) => send(res, 200, { ...page, changes: [...page.changes].reverse() }));
    const f = await failureOf(new ServerClient({ baseUrl: srv.url }).changes(token, 0, 10));
    expect(f.kind).toBe('bad-response');
    expect(f.message).toBe(
      '/v1/changes: the answer fails its schema at (root): changes are not in ascending seq order',
    );
  });

  it('refuses a token pair with a field of the wrong type', async () => {
    const srv = await serve((_req, res) => send(res, 200, { ...pair, expiresIn: '900' }));
    const f = await failureOf(new ServerClient({ baseUrl: srv.url }).refresh('r'.repeat(30)));
    expect(f.kind).toBe('bad-response');
    expect(f.message).toMatch(/^\/v1\/auth\/refresh: the answer fails its schema at expiresIn: /);
  });

  it('times out when no answer comes, and when the body stalls half-way', async () => {
    const srv = await serve((req, res) => {
      if (req.url === '/v1/changes?cursor=0&limit=10') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"changes":['); // and nothing more
      }
      // any other path: never answered
    });
    const client = new ServerClient({ baseUrl: srv.url, timeoutMs: 100 });
    expect(await failureOf(client.estimate(token))).toMatchObject({
      kind: 'timeout',
      message: 'no answer within 100 ms',
    });
    expect((await failureOf(client.changes(token, 0, 10))).kind).toBe('timeout');
  });

  it('is offline when nothing listens or the connection drops before an answer', async () => {
    const down = new ServerClient({ baseUrl: await closedPortUrl() });
    expect(await failureOf(down.estimate(token))).toMatchObject({
      kind: 'offline',
      message: 'cannot reach the central server',
    });
    const srv = await serve((_req, res) => {
      res.socket?.destroy();
    });
    expect((await failureOf(new ServerClient({ baseUrl: srv.url }).estimate(token))).kind).toBe('offline');
  });
});

describe('ServerClient.pushOutbox', () => {
  const ids = [uuid(1), uuid(2)];
  const records = `[{"id":"${uuid(1)}","kind":"wrap-up","payload":{"n":1}},{"id":"${uuid(2)}","kind":"wrap-up","payload":{"n":2}}]`;

  it('sends the stored records text as is and returns the verdicts of exactly that batch', async () => {
    const results = [
      { id: uuid(2), status: 'rejected', reason: 'no such customer' },
      { id: uuid(1), status: 'duplicate' },
    ];
    const srv = await serve((_req, res) => send(res, 200, { results }));
    await expect(new ServerClient({ baseUrl: srv.url }).pushOutbox(token, records, ids)).resolves.toEqual({
      results,
    });
    expect(srv.seen[0]).toMatchObject({ method: 'POST', url: '/v1/outbox' });
    expect(srv.seen[0]?.body).toBe(`{"records":${records}}`);
    expect(srv.seen[0]?.headers['content-type']).toBe('application/json');
  });

  it.each([
    ['one record missing', [{ id: uuid(1), status: 'accepted' }]],
    [
      'a record it was not sent',
      [
        { id: uuid(1), status: 'accepted' },
        { id: uuid(3), status: 'accepted' },
      ],
    ],
    [
      'the same record twice',
      [
        { id: uuid(1), status: 'accepted' },
        { id: uuid(1), status: 'accepted' },
      ],
    ],
    [
      'an extra record',
      [
        { id: uuid(1), status: 'accepted' },
        { id: uuid(2), status: 'accepted' },
        { id: uuid(3), status: 'accepted' },
      ],
    ],
  ])('refuses an answer with %s', async (_what, results) => {
    const srv = await serve((_req, res) => send(res, 200, { results }));
    const f = await failureOf(new ServerClient({ baseUrl: srv.url }).pushOutbox(token, records, ids));
    expect(f).toMatchObject({ kind: 'bad-response', message: 'outbox answer does not match the batch' });
  });

  it('refuses a verdict the schema does not know', async () => {
    const srv = await serve((_req, res) =>
      send(res, 200, {
        results: [
          { id: uuid(1), status: 'accepted' },
          { id: uuid(2), status: 'maybe' },
        ],
      }),
    );
    const f = await failureOf(new ServerClient({ baseUrl: srv.url }).pushOutbox(token, records, ids));
    expect(f.kind).toBe('bad-response');
    expect(f.message).toMatch(/^\/v1\/outbox: the answer fails its schema at results\.1\.status: /);
  });
});

describe('ServerClient.openSnapshot', () => {
  /** Every line the iterable yields, and what it threw at the end (null when it finished). */
  async function read(lines: AsyncIterable<string[]>, each?: () => Promise<unknown>) {
    const got: string[] = [];
    try {
      for await (const batch of lines) {
        got.push(...batch);
        await each?.();
      }
    } catch (error) {
      return { got, error };
    }
    return { got, error: null };
  }
  /** Writes the parts with a pause between them, so each arrives as its own network chunk. */
  const trickle = async (res: ServerResponse, parts: (string | Buffer)[], gapMs = 30) => {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.flushHeaders();
    for (const p of parts) {
      res.write(p);
      await delay(gapMs);
    }
    res.end();
  };
  const expired = 'expired'.padEnd(24, '.');
  const stall = 'stall'.padEnd(24, '.');

  it('yields whole lines across chunk boundaries, a character split between chunks included', async () => {
    const name = Buffer.from('林雅婷\n', 'utf8');
    const srv = await serve((_req, res) =>
      trickle(res, ['\\#snapshot {"format":1,"cursor":4', '2}\nc1\t', name.subarray(0, 4), name.subarray(4)]),
    );
    const lines = await new ServerClient({ baseUrl: srv.url }).openSnapshot(token);
    expect(await read(lines)).toEqual({
      got: ['\\#snapshot {"format":1,"cursor":42}', 'c1\t林雅婷'],
      error: null,
    });
    expect(srv.seen[0]).toMatchObject({ method: 'GET', url: '/v1/sync/snapshot' });
    expect(srv.seen[0]?.headers.authorization).toBe(`Bearer ${token}`);
  });

  it('yields the complete lines and then refuses a body cut mid-line', async () => {
    const srv = await serve((_req, res) => trickle(res, ['one\ntwo\nthr']));
    const { got, error } = await read(await new ServerClient({ baseUrl: srv.url }).openSnapshot(token));
    expect(got).toEqual(['one', 'two']);
    expect(error).toBeInstanceOf(ServerFailure);
    expect(error).toMatchObject({
      kind: 'bad-response',
      message: '/v1/sync/snapshot: the body is truncated (mid-line)',
    });
  });

  it('refuses a line over the line cap (an unending one too) and hands on none of it', async () => {
    const long = await serve((_req, res) =>
      trickle(res, ['one\n', 'x'.repeat(80), 'y'.repeat(80) + '\nthree\n']),
    );
    const capped = { caps: { snapshotLine: 100 } };
    const { got, error } = await read(
      await new ServerClient({ baseUrl: long.url, ...capped }).openSnapshot(token),
    );
    expect(got).toEqual(['one']);
    expect(error).toMatchObject({
      kind: 'bad-response',
      message: '/v1/sync/snapshot: a line is over 100 characters',
    });
    const endless = await serve((_req, res) => trickle(res, ['one\n', ...Array(10).fill('z'.repeat(60))]));
    const second = await read(
      await new ServerClient({ baseUrl: endless.url, ...capped }).openSnapshot(token),
    );
    expect(second.got).toEqual(['one']);
    expect(second.error).toMatchObject({ message: '/v1/sync/snapshot: a line is over 100 characters' });
  });

  it('fails as the request would before the body: unauthorized, server, timeout, offline', async () => {
    const srv = await serve((req, res) => {
      const auth = req.headers.authorization;
      if (auth === `Bearer ${expired}`) send(res, 401, apiError('unauthorized', 'token expired'));
      else if (auth === `Bearer ${token}`) send(res, 503, apiError('unavailable', 'busy'));
      // anything else: never answered
    });
    const client = new ServerClient({ baseUrl: srv.url, timeoutMs: 100 });
    expect(await failureOf(client.openSnapshot(expired))).toMatchObject({
      kind: 'unauthorized',
      status: 401,
      message: '401 unauthorized: token expired',
    });
    expect(await failureOf(client.openSnapshot(token))).toMatchObject({
      kind: 'server',
      message: '503 unavailable: busy',
    });
    expect(await failureOf(client.openSnapshot(stall))).toMatchObject({
      kind: 'timeout',
      message: 'no answer within 100 ms',
    });
    const down = new ServerClient({ baseUrl: await closedPortUrl() });
    expect(await failureOf(down.openSnapshot(token))).toMatchObject({
      kind: 'offline',
      message: 'cannot reach the central server',
    });
  });

  it('refuses a 2xx answer without a body', async () => {
    const client = new ServerClient({ baseUrl: 'http://fake', fetch: async () => new Response(null) });
    expect(await failureOf(client.openSnapshot(token))).toMatchObject({
      kind: 'bad-response',
      message: '/v1/sync/snapshot: no body',
    });
  });

  it('times out when the body stalls, but never while the caller works on what it was given', async () => {
    const srv = await serve(async (req, res) => {
      if (req.headers.authorization === `Bearer ${token}`) {
        await trickle(res, ['a\n', 'b\n', 'c\n']);
      } else {
        res.writeHead(200);
        res.write('a\n'); // and then silence
      }
    });
    const client = new ServerClient({ baseUrl: srv.url, timeoutMs: 100 });
    // The caller spends 2.5× the idle limit on each batch: only network waits count.
    const slow = await read(await client.openSnapshot(token), () => delay(250));
    expect(slow).toEqual({ got: ['a', 'b', 'c'], error: null });

    const stalled = await read(await client.openSnapshot(stall));
    expect(stalled.got).toEqual(['a']);
    expect(stalled.error).toMatchObject({ kind: 'timeout', message: 'no answer within 100 ms' });
  });

  it('is offline when the connection drops mid-body', async () => {
    const srv = await serve(async (_req, res) => {
      res.writeHead(200);
      res.write('a\n');
      await delay(30);
      res.socket?.destroy();
    });
    const { got, error } = await read(await new ServerClient({ baseUrl: srv.url }).openSnapshot(token));
    expect(got).toEqual(['a']);
    expect(error).toMatchObject({ kind: 'offline', message: 'the snapshot was cut off' });
  });

  it('ends the download when the caller stops reading early', async () => {
    let closed: Promise<unknown> = new Promise(() => {});
    const srv = await serve((_req, res) => {
      closed = once(res, 'close');
      res.writeHead(200);
      res.write('a\nb\n'); // and it would go on
    });
    const lines = await new ServerClient({ baseUrl: srv.url }).openSnapshot(token);
    for await (const batch of lines) {
      expect(batch).toEqual(['a', 'b']);
      break;
    }
    await expect(Promise.race([closed.then(() => 'closed'), delay(2000, 'still open')])).resolves.toBe(
      'closed',
    );
  });
});
