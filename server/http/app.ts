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
export function buildApp(
  deps: ServerDeps,
  opts: { logger?: boolean; trustProxy?: boolean | string } = {},
): FastifyInstance {
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: bodyLimitBytes,
    // Load balancers and slow seats: keep-alive a little longer than typical LB idle timeouts.
    keepAliveTimeout: 65_000,
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
    request.log.error(err);
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
