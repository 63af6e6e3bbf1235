import type { Db } from './migrate';

/** The `detail` lines of EXPLAIN QUERY PLAN, for tests that pin call-path queries to indexes. */
export function queryPlan(db: Db, sql: string, params: unknown[] = []): string[] {
  return db
    .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((r) => r.detail);
}

/** Plan lines that read a whole table or sort outside an index: what the call path must never do. */
export function slowPlanSteps(plan: readonly string[]): string[] {
  return plan.filter((d) => /^SCAN /.test(d) || /TEMP B-TREE/.test(d));
}
