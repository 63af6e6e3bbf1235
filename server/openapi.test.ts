import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serverRoutes } from '../shared';
import { buildOpenApi } from './openapi';

describe('the OpenAPI document', () => {
  const doc = buildOpenApi('1') as { paths: Record<string, Record<string, { operationId: string }>> };

  it('describes every route of the shared table once', () => {
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(ops.sort()).toEqual(Object.keys(serverRoutes).sort());
    expect(doc.paths['/v1/customers/{id}']?.get).toBeDefined();
  });

  it('is committed up to date (run `npm run openapi` after changing a route)', () => {
    const committed = JSON.parse(readFileSync(resolve(import.meta.dirname, '../docs/openapi.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});
