import { Buffer } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import type { z } from 'zod';
import {
  AgentStateAck,
  ApiError,
  ChangesPage,
  LogoutResult,
  MediaRelays,
  OutboxBatchResult,
  SyncEstimate,
  TokenPair,
  type AgentStateUpdate,
  type LoginRequest,
  type MediaRelays as MediaRelaysT,
  type OutboxBatchResult as OutboxBatchResultT,
} from '../../shared';

/** Why a request to the central server did not give a usable answer. */
export type ServerFailureKind =
  /** Could not connect, connection reset, DNS: the server is unreachable. */
  | 'offline'
  | 'timeout'
  /** 5xx: the server is there but failing. */
  | 'server'
  /** 2xx with a body that is not JSON or fails the shared schema: never applied. */
  | 'bad-response'
  /** 401: the token is no good (refresh or sign in again). */
  | 'unauthorized'
  /** Any other 4xx: this request will not succeed by retrying it. */
  | 'refused';

export class ServerFailure extends Error {
  constructor(
    readonly kind: ServerFailureKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ServerFailure';
  }

  get retryable(): boolean {
    return (
      this.kind === 'offline' ||
      this.kind === 'timeout' ||
      this.kind === 'server' ||
      this.kind === 'bad-response'
    );
  }
}

/** One spelling per server: what outbox owners, bound refresh tokens and requests compare. */
export function normalizeServerUrl(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * The most the seat reads of an answer (issue 13): a broken or hostile server must not make a
 * seat that stays open all shift buffer without bound. Sized from the shared limits with room
 * to spare: a change or snapshot row is at most ~64 KiB of JSON (a 10,000-character note,
 * escaped, plus the other fields), and the other answers are small and fixed in shape.
 */
export const answerCaps = {
  /** login, refresh */
  tokens: 64 * 1024,
  estimate: 16 * 1024,
  /** Per requested row, plus the page's envelope. */
  changesPerRow: 64 * 1024,
  iceServers: 64 * 1024,
  /** Per record of the batch (id, status, a 500-character reason), plus the envelope. */
  outboxPerRecord: 4 * 1024,
  agentState: 16 * 1024,
  /** An error answer is read only for its message. */
  error: 64 * 1024,
  /** One snapshot line is one row (characters, as decoded). */
  snapshotLine: 1024 * 1024,
} as const;
export type AnswerCaps = { [K in keyof typeof answerCaps]: number };

export interface ServerClientOptions {
  baseUrl: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Smaller caps for tests; the defaults are answerCaps. */
  caps?: Partial<AnswerCaps>;
}

/**
 * The desktop's view of the central server: every answer is parsed with the shared schema
 * before anything uses it, and every failure becomes a ServerFailure of a known kind.
 */
export class ServerClient {
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly caps: AnswerCaps;
  readonly baseUrl: string;

  constructor(opts: ServerClientOptions) {
    this.baseUrl = normalizeServerUrl(opts.baseUrl);
    this.fetchImpl = opts.fetch ?? fetch;
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.caps = { ...answerCaps, ...opts.caps };
  }

  login(body: LoginRequest) {
    return this.call('POST', '/v1/auth/login', TokenPair, { body, maxBytes: this.caps.tokens });
  }

  refresh(refreshToken: string) {
    return this.call('POST', '/v1/auth/refresh', TokenPair, {
      body: { refreshToken },
      maxBytes: this.caps.tokens,
    });
  }

  /** Sign-out: the server ends the session this refresh token belongs to. */
  logout(refreshToken: string) {
    return this.call('POST', '/v1/auth/logout', LogoutResult, {
      body: { refreshToken },
      maxBytes: this.caps.tokens,
    });
  }

  estimate(token: string) {
    return this.call('GET', '/v1/sync/estimate', SyncEstimate, { token, maxBytes: this.caps.estimate });
  }

  /** `referenceCursor` below `cursor`: the scripts and codes from there too (ADR 0007). */
  changes(token: string, cursor: number, limit: number, referenceCursor = cursor) {
    const ref = referenceCursor < cursor ? `&referenceCursor=${referenceCursor}` : '';
    return this.call('GET', `/v1/changes?cursor=${cursor}&limit=${limit}${ref}`, ChangesPage, {
      token,
      maxBytes: 4096 + limit * this.caps.changesPerRow,
    });
  }

  /**
   * Opens the initial-sync snapshot (text, streamed). Resolves once the server has answered
   * 2xx; the iterable then yields the body's lines a network chunk at a time. `timeoutMs` is
   * an idle limit here: it runs only while waiting on the network, never while the caller
   * works on the lines it was given.
   */
  async openSnapshot(token: string): Promise<AsyncIterable<string[]>> {
    const ctl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => ctl.abort(), this.timeoutMs);
    };
    const failed = (e: unknown, what: string) => {
      clearTimeout(timer);
      if (ctl.signal.aborted) return new ServerFailure('timeout', `no answer within ${this.timeoutMs} ms`);
      return e instanceof ServerFailure ? e : new ServerFailure('offline', what);
    };
    arm();
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.baseUrl}/v1/sync/snapshot`, {
        headers: { authorization: `Bearer ${token}` },
        signal: ctl.signal,
      });
      if (!res.ok) throw failureFor(res.status, await res.text());
    } catch (e) {
      throw failed(e, 'cannot reach the central server');
    }
    const body = res.body;
    if (!body) throw failed(new ServerFailure('bad-response', '/v1/sync/snapshot: no body'), '');
    const maxLine = this.caps.snapshotLine;
    return {
      async *[Symbol.asyncIterator]() {
        const reader = body.getReader();
        // Node's own UTF-8 decoder (simdutf): several times faster than the ICU-backed fatal
        // TextDecoder on hundreds of MB. A bad byte becomes U+FFFD, which no id, phone, time or
        // enum accepts, and a text column merely shows it.
        const decoder = new StringDecoder('utf8');
        let rest = '';
        try {
          for (;;) {
            arm();
            let chunk: ReadableStreamReadResult<Uint8Array>;
            try {
              chunk = await reader.read();
            } catch (e) {
              throw failed(e, 'the snapshot was cut off');
            }
            clearTimeout(timer);
            const text =
              rest +
              (chunk.done
                ? decoder.end()
                : decoder.write(
                    Buffer.from(chunk.value.buffer, chunk.value.byteOffset, chunk.value.byteLength),
                  ));
            const lines = text.split('\n');
            rest = lines.pop() ?? '';
            // One row per line: a line past the cap (or an unending one) is refused before any
            // of it is handed on, and the download ends.
            if (rest.length > maxLine || lines.some((l) => l.length > maxLine))
              throw new ServerFailure(
                'bad-response',
                `/v1/sync/snapshot: a line is over ${maxLine} characters`,
              );
            if (chunk.done) {
              if (lines.length > 0) yield lines;
              // Every line the server writes ends in a newline: a last one without is a cut body.
              if (rest !== '')
                throw new ServerFailure(
                  'bad-response',
                  '/v1/sync/snapshot: the body is truncated (mid-line)',
                );
              return;
            }
            if (lines.length > 0) yield lines;
          }
        } finally {
          clearTimeout(timer);
          ctl.abort();
        }
      },
    };
  }

  iceServers(token: string): Promise<MediaRelaysT> {
    return this.call('GET', '/v1/media/ice-servers', MediaRelays, { token, maxBytes: this.caps.iceServers });
  }

  /** `records` is the JSON array text of the batch, payloads as stored (no re-serialising). */
  pushOutbox(token: string, recordsJson: string, expectIds: readonly string[]): Promise<OutboxBatchResultT> {
    return this.call('POST', '/v1/outbox', OutboxBatchResult, {
      token,
      rawBody: `{"records":${recordsJson}}`,
      maxBytes: 4096 + expectIds.length * this.caps.outboxPerRecord,
    }).then((res) => {
      // An answer about other records, or missing some, is a bad response: nothing is marked.
      const asked = new Set(expectIds);
      if (res.results.length !== asked.size || res.results.some((r) => !asked.delete(r.id))) {
        throw new ServerFailure('bad-response', 'outbox answer does not match the batch');
      }
      return res;
    });
  }

  /** This agent's latest state (the server keeps the highest seq). */
  putAgentState(token: string, body: AgentStateUpdate) {
    return this.call('PUT', '/v1/agents/me/state', AgentStateAck, {
      token,
      body,
      maxBytes: this.caps.agentState,
    });
  }

  private async call<S extends z.ZodType>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    schema: S,
    opts: { token?: string; body?: unknown; rawBody?: string; maxBytes: number },
  ): Promise<z.output<S>> {
    const route = path.split('?')[0] ?? path;
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    if (body !== undefined) headers['content-type'] = 'application/json';
    const transport = (e: unknown): ServerFailure => {
      const name = (e as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        return new ServerFailure('timeout', `no answer within ${this.timeoutMs} ms`);
      }
      return new ServerFailure('offline', 'cannot reach the central server');
    };
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw transport(e);
    }
    let text: string;
    try {
      text = await readCapped(res, res.ok ? opts.maxBytes : this.caps.error);
    } catch (e) {
      if (!(e instanceof AnswerTooLarge)) throw transport(e);
      // Read no further and use none of it: the caller changes nothing on a bad response.
      if (!res.ok) throw failureFor(res.status, '');
      throw new ServerFailure('bad-response', `${route}: the answer is over ${e.maxBytes} bytes`, res.status);
    }
    if (!res.ok) throw failureFor(res.status, text);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ServerFailure('bad-response', `${path}: the answer is not JSON`, res.status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new ServerFailure(
        'bad-response',
        `${path.split('?')[0]}: the answer fails its schema at ${first?.path.join('.') || '(root)'}: ${first?.message ?? ''}`.slice(
          0,
          400,
        ),
        res.status,
      );
    }
    return parsed.data;
  }
}

class AnswerTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`the answer is over ${maxBytes} bytes`);
  }
}

/**
 * The body as text, but never more than `maxBytes` of it: a declared length over the cap is
 * refused before reading, and a body that grows past it is cut off (the connection is closed).
 */
async function readCapped(res: Response, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  const body = res.body;
  if (declared > maxBytes) {
    await body?.cancel().catch(() => {});
    throw new AnswerTooLarge(maxBytes);
  }
  if (!body) return '';
  const reader = body.getReader();
  const decoder = new StringDecoder('utf8');
  let text = '';
  let bytes = 0;
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) return text + decoder.end();
    bytes += chunk.value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new AnswerTooLarge(maxBytes);
    }
    text += decoder.write(Buffer.from(chunk.value.buffer, chunk.value.byteOffset, chunk.value.byteLength));
  }
}

function failureFor(status: number, text: string): ServerFailure {
  let message = `HTTP ${status}`;
  try {
    const err = ApiError.safeParse(JSON.parse(text));
    if (err.success) message = `${status} ${err.data.error.code}: ${err.data.error.message}`;
  } catch {
    // Not an ApiError body (a proxy's page): the status says enough.
  }
  if (status === 401) return new ServerFailure('unauthorized', message, status);
  if (status >= 500 || status === 429 || status === 408) return new ServerFailure('server', message, status);
  return new ServerFailure('refused', message, status);
}
