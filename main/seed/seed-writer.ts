import { deferSecondaryIndexes, restoreDeferredIndexes } from '../db/bulk-indexes';
import type { Db } from '../db/migrate';
import { fixtureRows } from '../../shared/fixtures/fixture-rows';
import {
  generateCustomer,
  generateInteraction,
  seededCustomerIdRange,
  seededInteractionIdRange,
  type SeedPlan,
} from './seed-generator';
import { Rng } from './prng';
import type { CustomerRows, InteractionInsert } from '../../shared/fixtures/seed-rows';
import { maxSeedCustomers } from './phone-numbers';

export type SeedPhase = 'customers' | 'interactions' | 'indexes';

export interface SeedOptions {
  customers: number;
  interactions: number;
  seed?: number;
  /** "Now" for the data (ms since epoch); default: the real clock. */
  now?: number;
  /** Rows per transaction. */
  batchSize?: number;
  onProgress?: (done: number, total: number, phase: SeedPhase) => void;
}

export interface SeedSummary {
  /** Rows in the tables afterwards (seeded + demo + filed). */
  customers: number;
  interactions: number;
  /** True when the database already held at least what was asked: nothing was written. */
  reused: boolean;
}

/**
 * Bulk-loads seed data on `db`, a connection of its own (the seed worker's). Prepared
 * statements, one transaction per batch; when the load is at least as big as what is there,
 * the secondary indexes are dropped first and rebuilt once at the end.
 */
export function seedInto(db: Db, opts: SeedOptions): SeedSummary {
  for (const [name, n] of [
    ['customers', opts.customers],
    ['interactions', opts.interactions],
  ] as const) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a whole number`);
  }
  if (opts.customers > maxSeedCustomers) throw new RangeError(`at most ${maxSeedCustomers} customers`);
  const plan: SeedPlan = { seed: opts.seed ?? 1, now: opts.now ?? Date.now() };
  const batchSize = Math.max(1, opts.batchSize ?? 50_000);
  const w = new SeedStatements(db);
  const nextCustomer = w.nextIndex('customers', seededCustomerIdRange);
  const nextInteraction = w.nextIndex('interactions', seededInteractionIdRange);
  if (nextCustomer >= opts.customers && nextInteraction >= opts.interactions) {
    return { ...w.counts(), reused: true };
  }

  const newRows = opts.customers - nextCustomer + opts.interactions - nextInteraction;
  const deferred = newRows >= w.counts().interactions ? deferSecondaryIndexes(db) : [];
  const total = Math.max(0, opts.customers - nextCustomer) + Math.max(0, opts.interactions - nextInteraction);
  let done = 0;

  const fixtures = fixtureRows(plan.now);
  db.transaction(() => {
    fixtures.customers.forEach((c) => w.customer(c));
    fixtures.interactions.forEach((r) => w.interaction(r));
  })();

  const rng = new Rng();
  const customerBatch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) w.customer(generateCustomer(plan, i, rng));
  });
  for (let from = nextCustomer; from < opts.customers; from += batchSize) {
    const to = Math.min(opts.customers, from + batchSize);
    customerBatch(from, to);
    done += to - from;
    opts.onProgress?.(done, total, 'customers');
  }
  // Calls go to every seeded customer there is, including ones an earlier, bigger seed made.
  const customerCount = Math.max(opts.customers, nextCustomer);
  const interactionBatch = db.transaction((from: number, to: number) => {
    for (let j = from; j < to; j++) w.interaction(generateInteraction(plan, j, customerCount, rng));
  });
  for (let from = nextInteraction; from < opts.interactions; from += batchSize) {
    const to = Math.min(opts.interactions, from + batchSize);
    interactionBatch(from, to);
    done += to - from;
    opts.onProgress?.(done, total, 'interactions');
  }

  if (deferred.length > 0) opts.onProgress?.(done, total, 'indexes');
  restoreDeferredIndexes(db);
  // Planner statistics from a sample: cheap even at millions of rows.
  db.pragma('analysis_limit = 1000');
  db.exec('ANALYZE');
  return { ...w.counts(), reused: false };
}

class SeedStatements {
  private readonly insCustomer;
  private readonly insPhone;
  private readonly insInteraction;
  private readonly insComplaint;
  private readonly insFollowUp;

  constructor(private readonly db: Db) {
    this.insCustomer = db.prepare(
      'INSERT OR IGNORE INTO customers (id, name, vip, products) VALUES (?, ?, ?, ?)',
    );
    this.insPhone = db.prepare('INSERT OR IGNORE INTO customer_phones (e164, customer_id) VALUES (?, ?)');
    this.insInteraction = db.prepare(
      `INSERT OR IGNORE INTO interactions
         (id, customer_id, phone, occurred_at, agent, category, priority, disposition, notes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insComplaint = db.prepare(
      `INSERT OR IGNORE INTO complaints (id, customer_id, opened_at, summary, severity, status)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.insFollowUp = db.prepare(
      `INSERT OR IGNORE INTO follow_ups (id, customer_id, due_at, owner, method, note, done)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  customer(c: CustomerRows): void {
    this.insCustomer.run(c.customer);
    for (const p of c.phones) this.insPhone.run(p);
    for (const r of c.complaints) this.insComplaint.run(r);
    for (const r of c.followUps) this.insFollowUp.run(r);
  }

  interaction(r: InteractionInsert): void {
    this.insInteraction.run(r);
  }

  /** The index after the highest seeded id (seeded ids are zero-padded, so text order is number order). */
  nextIndex(table: 'customers' | 'interactions', [lo, hi]: readonly [string, string]): number {
    const row = this.db
      .prepare<[string, string], { id: string | null }>(
        `SELECT max(id) AS id FROM ${table} WHERE id BETWEEN ? AND ?`,
      )
      .get(lo, hi);
    return row?.id ? Number(row.id.slice(1)) + 1 : 0;
  }

  counts(): { customers: number; interactions: number } {
    const count = (t: string) => (this.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    return { customers: count('customers'), interactions: count('interactions') };
  }
}
