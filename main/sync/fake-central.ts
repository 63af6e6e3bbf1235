/**
 * A stand-in central server for unit tests of the seat's sync: it sits behind the real
 * ServerClient's fetch, so every answer still goes through the client's parsing and schemas.
 */
import type { Change, SyncEstimate, TokenPair } from '../../shared';

export const pairFor = (n: number): TokenPair => ({
  accessToken: `access-${n}`.padEnd(30, '.'),
  expiresIn: 900,
  refreshToken: `refresh-${n}`.padEnd(30, '.'),
  user: { id: 'u1', username: 'agent1001', displayName: 'Agent 1001', role: 'agent', teamId: 't1' },
  retentionDays: 30,
});
export const pair = pairFor(0);

export const json = (body: unknown, status = 200) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
export const apiError = (status: number, code: string, message: string) =>
  json({ error: { code, message } }, status);

export type Route = (url: URL, body: string) => Response | Promise<Response>;

/**
 * The central server as the engine's real ServerClient sees it, through a fake fetch: a changes
 * feed paged like the real one, an outbox that accepts everything, tokens it checks. A test
 * replaces any route to make it fail, stall or answer nonsense.
 */
export class FakeCentral {
  feed: Change[] = [];
  estimate: SyncEstimate = { customers: 0, interactions: 0, complaints: 0, followUps: 0, headCursor: 0 };
  snapshot = '';
  validTokens = new Set([pair.accessToken]);
  refreshTo: TokenPair | null = null;
  /** "METHOD path?query" of each request, in order, and the token it carried. */
  requests: string[] = [];
  tokens: string[] = [];
  routes: Record<string, Route> = {
    '/v1/sync/estimate': () => json(this.estimate),
    '/v1/changes': (url) => {
      const cursor = Number(url.searchParams.get('cursor'));
      const limit = Number(url.searchParams.get('limit'));
      // Scripts and codes from the reference cursor when it is behind (ADR 0007), as the server does.
      const ref = Number(url.searchParams.get('referenceCursor') ?? cursor);
      const isReference = (c: Change) => c.entity === 'script' || c.entity === 'disposition-code';
      const after = this.feed.filter((c) => c.seq > (isReference(c) ? Math.min(ref, cursor) : cursor));
      const changes = after.slice(0, limit);
      const last = changes.at(-1)?.seq ?? cursor;
      return json({
        changes,
        nextCursor: Math.max(last, cursor),
        ...(after.length > changes.length && last < cursor ? { nextReferenceCursor: last } : {}),
        hasMore: after.length > changes.length,
      });
    },
    '/v1/outbox': (_url, body) => {
      const { records } = JSON.parse(body) as { records: { id: string }[] };
      return json({ results: records.map((r) => ({ id: r.id, status: 'accepted' })) });
    },
    '/v1/sync/snapshot': () => new Response(this.snapshot),
    '/v1/auth/refresh': () =>
      this.refreshTo ? json(this.refreshTo) : apiError(401, 'unauthorized', 'refresh token is invalid'),
  };

  readonly fetch: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const token = new Headers(init?.headers).get('authorization')?.replace(/^Bearer /, '') ?? '';
    this.requests.push(`${init?.method ?? 'GET'} ${url.pathname}${url.search}`);
    this.tokens.push(token);
    if (url.pathname !== '/v1/auth/refresh' && !this.validTokens.has(token))
      return apiError(401, 'unauthorized', 'token expired');
    const route = this.routes[url.pathname];
    if (!route) return apiError(404, 'not-found', url.pathname);
    const answer = Promise.resolve(route(url, typeof init?.body === 'string' ? init.body : ''));
    const signal = init?.signal;
    if (!signal) return answer;
    // Like a real fetch, a request whose signal fires is abandoned whatever the server does.
    return Promise.race([
      answer,
      new Promise<never>((_ok, fail) => signal.addEventListener('abort', () => fail(signal.reason))),
    ]);
  };

  count(prefix: string): number {
    return this.requests.filter((r) => r.startsWith(prefix)).length;
  }
}

/** A promise a test opens when it wants (a server that answers late). */
export function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((ok) => (open = ok));
  return { opened, open };
}
