import { describe, expect, it } from 'vitest';
import { openTestDatabase } from './open-database';
import { outboxSql } from './outbox-repository';
import { queryPlan, slowPlanSteps } from './query-plan';

describe('outbox query plans', () => {
  it('filing reads the seat account by primary key (it runs on the call path)', () => {
    const plan = queryPlan(openTestDatabase(), outboxSql.insertPending, ['x', 't', '{}']);
    expect(slowPlanSteps(plan)).toEqual([]);
    expect(plan.filter((d) => d.startsWith('SEARCH'))).toEqual(
      Array(3).fill('SEARCH sync_state USING PRIMARY KEY (key=?)'),
    );
  });

  it("the drainer reads one owner's pending rows in filing order from the owner index, with no sort", () => {
    const plan = queryPlan(openTestDatabase(), outboxSql.pending, ['s', 'u', 10]);
    expect(slowPlanSteps(plan)).toEqual([]);
    expect(plan.join('\n')).toContain('outbox_by_owner');
  });
});
