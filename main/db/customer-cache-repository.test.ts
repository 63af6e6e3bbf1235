import { beforeAll, describe, expect, it } from 'vitest';
import { KnownCallerPop, screenPopHistoryLimit } from '../../shared';
import { demoCustomers, demoRecordIds, hostileNote } from '../../shared/fixtures/demo-customers';
import { seedInto } from '../seed/seed-writer';
import { callPathSql, CustomerCacheRepository } from './customer-cache-repository';
import type { Db } from './migrate';
import { openTestDatabase } from './open-database';
import { outboxSql } from './outbox-repository';
import { queryPlan, slowPlanSteps } from './query-plan';
import { draftSql } from './wrap-up-draft-repository';
import { wrapUpSql } from './wrap-up-repository';

const now = Date.parse('2026-06-01T08:00:00.000Z');
let db: Db;
let logs: string[];
let repo: CustomerCacheRepository;

beforeAll(() => {
  db = openTestDatabase();
  seedInto(db, { customers: 300, interactions: 3000, seed: 5, now });
  logs = [];
  repo = new CustomerCacheRepository(db, (m) => logs.push(m));
});

describe('CustomerCacheRepository.findByPhone', () => {
  it('pops the VIP fixture with its numbers, history, open complaint and pending follow-up', () => {
    const pop = repo.findByPhone(demoCustomers.vip.phone);
    expect(KnownCallerPop.parse(pop)).toEqual(pop);
    expect(pop?.customer).toEqual({
      id: demoCustomers.vip.id,
      name: '王小明',
      vip: true,
      phones: ['+886223456789', '+886987654321'],
      products: [...demoCustomers.vip.products],
    });
    expect(pop?.interactions.map((i) => i.category).sort()).toEqual([
      'complaint',
      'inquiry',
      'suggestion',
      'urgent',
    ]);
    expect(pop?.complaints.map((c) => c.id)).toEqual([demoRecordIds.vipComplaint]);
    expect(pop?.followUps.map((f) => f.id)).toEqual([demoRecordIds.vipFollowUp]);
  });

  it('finds the same customer by any of their numbers', () => {
    expect(repo.findByPhone('+886987654321')?.customer.id).toBe(demoCustomers.vip.id);
  });

  it('returns null for a number no customer holds', () => {
    expect(repo.findByPhone('+886229999999')).toBeNull();
  });

  it('keeps markup verbatim: the UI decides how to show text, the cache never rewrites it', () => {
    const pop = repo.findByPhone(demoCustomers.hostile.phone);
    expect(pop?.customer.name).toBe('<script>alert(1)</script> 林');
    expect(pop?.interactions.map((i) => i.notes)).toContain(hostileNote);
  });

  it('shows the newest calls first, at most screenPopHistoryLimit of them', () => {
    const busiest = db
      .prepare<[], { customer_id: string; n: number }>(
        `SELECT customer_id, count(*) AS n FROM interactions WHERE customer_id IS NOT NULL
         GROUP BY customer_id ORDER BY n DESC LIMIT 1`,
      )
      .get();
    expect(busiest?.n).toBeGreaterThan(screenPopHistoryLimit);
    const phone = db
      .prepare<[string], { e164: string }>(`SELECT e164 FROM customer_phones WHERE customer_id = ?`)
      .get(busiest?.customer_id ?? '');
    const pop = repo.findByPhone(phone?.e164 ?? '');
    const times = pop?.interactions.map((i) => i.occurredAt) ?? [];
    expect(times).toHaveLength(screenPopHistoryLimit);
    expect([...times].sort().reverse()).toEqual(times);
    const newest = db
      .prepare<[string], { t: string }>(
        `SELECT max(occurred_at) AS t FROM interactions WHERE customer_id = ?`,
      )
      .get(busiest?.customer_id ?? '');
    expect(times[0]).toBe(newest?.t);
  });

  it('leaves closed complaints and done follow-ups off the card', () => {
    db.prepare(
      `INSERT INTO complaints (id, customer_id, opened_at, summary, severity, status)
       VALUES ('cmp-closed', ?, '2026-05-01T00:00:00.000Z', 'old', 'low', 'closed')`,
    ).run(demoCustomers.mobile.id);
    db.prepare(
      `INSERT INTO follow_ups (id, customer_id, due_at, owner, method, note, done)
       VALUES ('fu-done', ?, '2026-05-01T00:00:00.000Z', 'x', 'sms', 'done', 1)`,
    ).run(demoCustomers.mobile.id);
    const pop = repo.findByPhone(demoCustomers.mobile.phone);
    expect(pop?.customer.phones).toEqual([demoCustomers.mobile.phone]);
    expect(pop?.complaints).toEqual([]);
    expect(pop?.followUps).toEqual([]);
  });

  it('drops (and logs, by id only) a damaged row instead of failing the pop', () => {
    const customer = 'cust-damaged';
    db.prepare(
      `INSERT INTO customers (id, name, vip, products) VALUES (?, '壞資料', 0, '{"not":"a list"}')`,
    ).run(customer);
    db.prepare(`INSERT INTO customer_phones (e164, customer_id) VALUES ('+886229998888', ?)`).run(customer);
    db.prepare(
      `INSERT INTO interactions (id, customer_id, phone, occurred_at, agent, category, priority, disposition, notes)
       VALUES ('int-bad-time', ?, '+886229998888', 'last Tuesday', 'a', 'inquiry', 'low', 'resolved', 'secret note')`,
    ).run(customer);
    logs.length = 0;
    const pop = repo.findByPhone('+886229998888');
    expect(pop?.customer.products).toEqual([]);
    expect(pop?.interactions).toEqual([]);
    expect(logs.some((l) => l.includes('int-bad-time'))).toBe(true);
    expect(logs.join('\n')).not.toContain('secret note');
  });
});

describe('query plans', () => {
  const callPath: [string, string, unknown[]][] = [
    ...Object.entries(callPathSql).map(([k, sql]): [string, string, unknown[]] => [k, sql, ['x']]),
    ['outbox.byId', outboxSql.byId, ['x']],
    ['wrapUp.customerExists', wrapUpSql.customerExists, ['x']],
    ['wrapUp.interactionExists', wrapUpSql.interactionExists, ['x']],
    ['draft.deleteOne', draftSql.deleteOne, ['x']],
  ];

  it.each(callPath)(
    '%s is an index search with no sort (after ANALYZE of seeded data)',
    (_name, sql, params) => {
      const plan = queryPlan(db, sql, params);
      expect(plan.length).toBeGreaterThan(0);
      expect(slowPlanSteps(plan)).toEqual([]);
      expect(plan.every((d) => /^SEARCH .* USING (COVERING )?(INDEX|PRIMARY KEY)/.test(d))).toBe(true);
    },
  );

  it.each(callPath)('%s is an index search on a freshly migrated database too', (_name, sql, params) => {
    const plan = queryPlan(openTestDatabase(), sql, params);
    expect(slowPlanSteps(plan)).toEqual([]);
  });

  it('the history query uses the (customer_id, occurred_at DESC) index', () => {
    expect(queryPlan(db, callPathSql.recentInteractions, ['x']).join('\n')).toContain(
      'interactions_by_customer',
    );
  });

  it('slowPlanSteps catches a full scan', () => {
    expect(slowPlanSteps(queryPlan(db, `SELECT * FROM interactions WHERE notes = ?`, ['x']))).not.toEqual([]);
  });
});
