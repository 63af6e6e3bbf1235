import { screenPopHistoryLimit, type KnownCallerPop } from '../../shared';
import type { Db } from './migrate';
import {
  mapValid,
  toComplaint,
  toCustomer,
  toFollowUp,
  toInteraction,
  type ComplaintRow,
  type CustomerRow,
  type FollowUpRow,
  type InteractionRow,
  type RowLog,
} from './row-mapping';

/** How many open complaints / pending follow-ups a pop carries at most (bounded reads). */
export const screenPopItemLimit = 20;

/**
 * The call-path queries: each runs while the phone rings, so each must be an index SEARCH.
 * customer-cache-repository.test.ts checks every one with EXPLAIN QUERY PLAN.
 */
export const callPathSql = {
  customerByPhone: `SELECT c.id, c.name, c.vip, c.products FROM customer_phones p
      JOIN customers c ON c.id = p.customer_id
      WHERE p.e164 = ? ORDER BY p.customer_id LIMIT 1`,
  phonesOfCustomer: `SELECT e164 FROM customer_phones WHERE customer_id = ? ORDER BY e164 LIMIT 50`,
  recentInteractions: `SELECT id, customer_id, phone, occurred_at, agent, category, priority, disposition, notes
      FROM interactions WHERE customer_id = ?
      ORDER BY occurred_at DESC LIMIT ${screenPopHistoryLimit}`,
  openComplaints: `SELECT id, customer_id, opened_at, summary, severity, status FROM complaints
      WHERE customer_id = ? AND status <> 'closed'
      ORDER BY opened_at DESC LIMIT ${screenPopItemLimit}`,
  pendingFollowUps: `SELECT id, customer_id, due_at, owner, method, note FROM follow_ups
      WHERE customer_id = ? AND done = 0
      ORDER BY due_at LIMIT ${screenPopItemLimit}`,
} as const;

/** Reads the screen-pop cache. Statements are prepared once, here. */
export class CustomerCacheRepository {
  private readonly customerByPhone;
  private readonly phonesOfCustomer;
  private readonly recentInteractions;
  private readonly openComplaints;
  private readonly pendingFollowUps;
  private readonly snapshot;
  private readonly firstNumber;

  constructor(
    db: Db,
    private readonly log: RowLog = () => {},
  ) {
    this.customerByPhone = db.prepare<[string], CustomerRow>(callPathSql.customerByPhone);
    this.phonesOfCustomer = db.prepare<[string], { e164: string }>(callPathSql.phonesOfCustomer);
    this.recentInteractions = db.prepare<[string], InteractionRow>(callPathSql.recentInteractions);
    this.openComplaints = db.prepare<[string], ComplaintRow>(callPathSql.openComplaints);
    this.pendingFollowUps = db.prepare<[string], FollowUpRow>(callPathSql.pendingFollowUps);
    // One read transaction: the five reads see one snapshot even while the seed worker
    // (or later the sync) commits in between.
    this.snapshot = db.transaction((e164: string) => this.read(e164));
    this.firstNumber = db
      .prepare<[], string>('SELECT e164 FROM customer_phones ORDER BY e164 LIMIT 1')
      .pluck();
  }

  /** Some number the cache holds (the lowest), or null when it is empty: for warming the pop path. */
  anyNumber(): string | null {
    return this.firstNumber.get() ?? null;
  }

  /** The card for an E.164 number, or null when no (valid) customer holds it. */
  findByPhone(e164: string): KnownCallerPop | null {
    return this.snapshot.deferred(e164);
  }

  private read(e164: string): KnownCallerPop | null {
    const row = this.customerByPhone.get(e164);
    if (!row) return null;
    const phones = this.phonesOfCustomer.all(row.id).map((p) => p.e164);
    const customer = toCustomer(row, phones, this.log);
    if (!customer) return null;
    return {
      kind: 'known',
      phone: e164,
      customer,
      interactions: mapValid(this.recentInteractions.all(row.id), toInteraction, this.log),
      complaints: mapValid(this.openComplaints.all(row.id), toComplaint, this.log),
      followUps: mapValid(this.pendingFollowUps.all(row.id), toFollowUp, this.log),
    };
  }
}
