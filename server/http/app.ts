import Fastify, { type FastifyInstance } from 'fastify';
import { registerAgentStateRoutes } from '../routes/agent-state-routes';
import { registerAuthRoutes } from '../routes/auth-routes';
import { registerChangesRoutes } from '../routes/changes-routes';
import { registerMediaRoutes } from '../routes/media-routes';
import { registerSnapshotRoutes } from '../routes/snapshot-routes';
import { registerOutboxRoutes } from '../routes/outbox-routes';
import { registerReferenceRoutes } from '../routes/reference-routes';
import { ApiFailure } from './api-failure';
import { audit, type ServerDeps } from './deps';

/** Largest request body (a full outbox batch of long notes fits; the desktop stays well below). */
export const bodyLimitBytes = 4 * 1024 * 1024;

/** The HTTP app of one stateless server node; everything shared lives in PostgreSQL. */
export interface AppOptions {
  logger?: boolean;
  /** Where log lines go (default stdout when `logger`); a test reads them back. */
  logStream?: NodeJS.WritableStream;
  logLevel?: string;
  trustProxy?: boolean | string;
  /** The whole request (headers and body) must arrive within this (slowloris); default 30 s. */
  requestTimeoutMs?: number;
}

/**
 * Every answer carries these: an API that sends PII is never cached, sniffed, framed or
 * embedded, and names no referrer.
 */
export const securityHeaders = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'strict-transport-security': 'max-age=31536000',
} as const;

export function buildApp(deps: ServerDeps, opts: AppOptions = {}): FastifyInstance {
  const logging = opts.logger === true || opts.logStream !== undefined;
  const app = Fastify({
    logger: logging
      ? {
          level: opts.logLevel ?? 'info',
          ...(opts.logStream ? { stream: opts.logStream } : {}),
          // No URL (its query names customers and search text), no headers (tokens), no body
          // (passwords, notes), no client address: the route's pattern and the outcome only.
          serializers: {
            req: (req: { method?: string; routeOptions?: { url?: string } }) => ({
              method: req.method,
              route: req.routeOptions?.url ?? 'unmatched',
            }),
            res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
          },
        }
      : false,
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: bodyLimitBytes,
    requestTimeout: opts.requestTimeoutMs ?? 30_000,
    // Load balancers and slow seats: keep-alive a little longer than typical LB idle timeouts.
    keepAliveTimeout: 65_000,
  });

  app.addHook('onRequest', async (_request, reply) => {
    void reply.headers(securityHeaders);
  });
  // Fastify logs each request at info (through the serializers above); every 5xx, whatever
  // produced it, also gets an error line of its own.
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode < 500) return;
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    };
    request.log.error(line, 'request failed');
  });

  app.setErrorHandler(async (err: unknown, request, reply) => {
    if (err instanceof ApiFailure) {
      // A caller trying a route beyond its role shows in the trail (probing, or a misconfigured seat).
      if (err.refusal) await audit(deps.db, err.refusal.user, 'role-refused', 'route', [err.refusal.route]);
      if (err.headers) void reply.headers(err.headers);
      return reply.status(err.status).send({
        error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) },
      });
    }
    const e = err as { statusCode?: number; code?: string; message?: string };
    if (e.statusCode === 413) {
      return reply
        .status(413)
        .send({ error: { code: 'payload-too-large', message: 'request body too large' } });
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      // Fastify's own 4xx (malformed JSON, wrong content type): its message names no input.
      return reply
        .status(e.statusCode)
        .send({ error: { code: 'bad-request', message: e.message ?? 'bad request' } });
    }
    // The error's name and message only: a driver error can quote the values of the statement.
    const failure = err instanceof Error ? { name: err.name, message: err.message.slice(0, 200) } : {};
    request.log.error({ err: failure, route: request.routeOptions.url }, 'internal error');
    return reply.status(500).send({ error: { code: 'internal', message: 'internal error' } });
  });
  app.setNotFoundHandler((_req, reply) =>
    reply.status(404).send({ error: { code: 'not-found', message: 'no such endpoint' } }),
  );

  app.get('/healthz', async () => {
    await deps.db.query('SELECT 1');
    return { ok: true };
  });
  registerAuthRoutes(app, deps);
  registerChangesRoutes(app, deps);
  registerSnapshotRoutes(app, deps);
  registerOutboxRoutes(app, deps);
  registerReferenceRoutes(app, deps);
  registerAgentStateRoutes(app, deps);
  registerMediaRoutes(app, deps);
  return app;
}
