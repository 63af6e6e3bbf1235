import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { serverRoutes, type ServerRoute } from '../../shared';
import type { AccessClaims, TokenIssuer } from '../auth/tokens';
import { ApiFailure, RawJson, RawStream } from './api-failure';

type Spec<K extends ServerRoute> = (typeof serverRoutes)[K];
type In<S, F extends string> = S extends { [P in F]: z.ZodType } ? z.output<S[F]> : undefined;

export interface RouteContext<K extends ServerRoute> {
  query: In<Spec<K>, 'query'>;
  params: In<Spec<K>, 'params'>;
  body: In<Spec<K>, 'body'>;
  /** null only on routes with `roles: null`. */
  user: Spec<K>['roles'] extends null ? null : AccessClaims;
  request: FastifyRequest;
}

export type RouteHandler<K extends ServerRoute> = (
  ctx: RouteContext<K>,
) => Promise<z.input<Spec<K>['response']> | RawJson | RawStream>;

function issuesOf(error: z.ZodError) {
  return error.issues.slice(0, 50).map((i) => ({ path: i.path.join('.'), message: i.message }));
}

function parsePart(schema: z.ZodType | undefined, value: unknown, part: string): unknown {
  if (!schema) return undefined;
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw new ApiFailure(400, 'bad-request', `invalid ${part}`, issuesOf(r.error));
  return r.data;
}

export function bearerClaims(request: FastifyRequest, tokens: TokenIssuer): AccessClaims | null {
  const h = request.headers.authorization;
  if (typeof h !== 'string' || !h.startsWith('Bearer ')) return null;
  return tokens.verifyAccess(h.slice(7).trim());
}

/**
 * Registers one endpoint of the shared route table: token and role first, then the query,
 * params and body through their schemas, then the handler; the answer is checked against
 * the response schema before it leaves (a server bug becomes a 500, not a bad page).
 */
export function registerRoute<K extends ServerRoute>(
  app: FastifyInstance,
  tokens: TokenIssuer,
  name: K,
  handler: RouteHandler<K>,
): void {
  const spec: Spec<K> = serverRoutes[name];
  app.route({
    method: spec.method,
    url: spec.path,
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      let user: AccessClaims | null = null;
      if (spec.roles !== null) {
        user = bearerClaims(request, tokens);
        if (!user) throw new ApiFailure(401, 'unauthorized', 'missing, invalid or expired access token');
        if (!(spec.roles as readonly string[]).includes(user.role)) {
          throw new ApiFailure(403, 'forbidden', `role ${user.role} may not ${name}`, undefined, undefined, {
            user,
            route: name,
          });
        }
      }
      const s = spec as { query?: z.ZodType; params?: z.ZodType; body?: z.ZodType; response: z.ZodType };
      const ctx = {
        query: parsePart(s.query, request.query, 'query'),
        params: parsePart(s.params, request.params, 'path'),
        body: parsePart(s.body, request.body, 'body'),
        user,
        request,
      } as RouteContext<K>;
      const out = await handler(ctx);
      if (out instanceof RawJson) return reply.type('application/json; charset=utf-8').send(out.text);
      if (out instanceof RawStream) return reply.type(out.contentType).send(out.body);
      const checked = s.response.safeParse(out);
      if (!checked.success) {
        request.log.error({ route: name, issues: issuesOf(checked.error) }, 'response failed its schema');
        throw new ApiFailure(500, 'internal', 'the server produced an invalid response');
      }
      return checked.data;
    },
  });
}
