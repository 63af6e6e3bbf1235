import { z } from 'zod';
import { ApiError, serverRoutes, type RouteSpec } from '../shared';

/** The OpenAPI 3.1 document of the central server, generated from the shared route table. */
export function buildOpenApi(version: string): Record<string, unknown> {
  const schema = (s: z.ZodType, io: 'input' | 'output') =>
    z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' });
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, spec] of Object.entries(serverRoutes) as [string, RouteSpec][]) {
    const path = spec.path.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, s] of [
      ['query', spec.query],
      ['path', spec.params],
    ] as const) {
      if (!s) continue;
      const js = schema(s, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [key, prop] of Object.entries(js.properties ?? {})) {
        parameters.push({
          name: key,
          in: where,
          required: where === 'path' || !!js.required?.includes(key),
          schema: prop,
        });
      }
    }
    const error = { content: { 'application/json': { schema: schema(ApiError, 'output') } } };
    paths[path] = {
      ...paths[path],
      [spec.method.toLowerCase()]: {
        operationId: name,
        summary: spec.summary,
        ...(spec.roles ? { security: [{ bearer: [] }], 'x-roles': spec.roles } : {}),
        ...(parameters.length ? { parameters } : {}),
        ...(spec.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: schema(spec.body, 'input') } },
              },
            }
          : {}),
        responses: {
          200: {
            description: 'OK',
            content: {
              [spec.contentType ?? 'application/json']: { schema: schema(spec.response, 'output') },
            },
          },
          400: { description: 'The request failed its schema', ...error },
          401: { description: 'Missing, invalid or expired token', ...error },
          403: { description: 'Role not allowed', ...error },
          404: { description: 'Not found (or not in your team)', ...error },
          413: { description: 'Body too large', ...error },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Seatdesk central server', version },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
