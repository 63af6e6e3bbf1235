import type {
  SnapshotComplaint,
  SnapshotCustomer,
  SnapshotFollowUp,
  SnapshotInteraction,
} from '../../shared';
import { deferIndexes, restoreDeferredIndexes } from './bulk-indexes';
import { cacheSyncSql, serverOwnedTables } from './cache-sync-repository';
import type { Db } from './migrate';

/** Rows per multi-row INSERT: one statement run per 100 rows (measured: 100 beats 1 and 500). */
const rowsPerInsert = 100;

/**
 * Built once after the load instead of row by row during it. Only indexes no call-path query
 * reads (customer-cache-repository.ts): pops stay index searches while the snapshot loads.
 */
export const snapshotDeferredIndexes = ['interactions_by_phone'] as const;

export interface SnapshotChunk {
  customers: SnapshotCustomer[];
  interactions: SnapshotInteraction[];
  complaints: SnapshotComplaint[];
  followUps: SnapshotFollowUp[];
}

export const snapshotLoadSql = {
  customer: {
    values: '(?, ?, ?, ?)',
    insert: `INSERT INTO customers (id, name, vip, products) VALUES `,
    conflict: ` ON CONFLICT (id) DO UPDATE SET name = excluded.name, vip = excluded.vip,
      products = excluded.products`,
  },
  phone: {
    values: '(?, ?)',
    insert: `INSERT OR IGNORE INTO customer_phones (e164, customer_id) VALUES `,
    conflict: '',
  },
  // History whose customer this seat does not hold stays, findable by number (as in the feed):
  // its customer id is set to NULL before it gets here (SnapshotLoadRepository.known).
  interaction: {
    values: '(?, ?, ?, ?, ?, ?, ?, ?, ?)',
    insert: `INSERT INTO interactions
      (id, customer_id, phone, occurred_at, agent, category, priority, disposition, notes) VALUES `,
    conflict: ` ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, phone = excluded.phone,
      occurred_at = excluded.occurred_at, agent = excluded.agent, category = excluded.category,
      priority = excluded.priority, disposition = excluded.disposition, notes = excluded.notes`,
  },
  complaint: `INSERT INTO complaints (id, customer_id, opened_at, summary, severity, status)
    SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM customers WHERE id = ?)
    ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, opened_at = excluded.opened_at,
      summary = excluded.summary, severity = excluded.severity, status = excluded.status`,
  followUp: `INSERT INTO follow_ups (id, customer_id, due_at, owner, method, note, done)
    SELECT ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM customers WHERE id = ?)
    ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, due_at = excluded.due_at,
      owner = excluded.owner, method = excluded.method, note = excluded.note, done = excluded.done`,
} as const;

type Stmt = ReturnType<Db['prepare']>;

/**
 * A multi-row INSERT for full groups of rows, a one-row INSERT for the rest. Parameters are
 * written into one reused array (millions of rows: no array per row or per group).
 */
class BatchedInsert {
  private readonly many: Stmt;
  private readonly one: Stmt;
  private readonly params: unknown[];
  private filled = 0;

  constructor(
    db: Db,
    sql: { values: string; insert: string; conflict: string },
    private readonly width: number,
  ) {
    this.many = db.prepare(sql.insert + Array(rowsPerInsert).fill(sql.values).join(', ') + sql.conflict);
    this.one = db.prepare(sql.insert + sql.values + sql.conflict);
    this.params = new Array<unknown>(rowsPerInsert * width);
  }

  /** One row's parameters, `width` of them. */
  add(row: readonly unknown[]): void {
    for (let i = 0; i < this.width; i++) this.params[this.filled++] = row[i];
    if (this.filled === this.params.length) {
      this.many.run(this.params);
      this.filled = 0;
    }
  }

  /** The rows still held (fewer than a group), one statement each. */
  flush(): void {
    for (let i = 0; i < this.filled; i += this.width) this.one.run(this.params.slice(i, i + this.width));
    this.filled = 0;
  }
}

/**
 * Loads the initial-sync snapshot into the seat's cache (ADR 0006). The cursor stays 0 until
 * `finish`: a snapshot cut short at any instant is never mistaken for a complete cache, and
 * the next run starts it again from `begin` (which wipes what the cut one left).
 */
export class SnapshotLoadRepository {
  private readonly customers;
  private readonly phones;
  private readonly interactions;
  private readonly complaint;
  private readonly followUp;
  private readonly setState;
  private readonly loadTx;
  /**
   * The customers this snapshot has loaded so far (all of them before the first interaction:
   * sections come in a fixed order). Checking an interaction's customer here instead of with a
   * subquery per row saves a B-tree search for each of millions of rows; held only for the load.
   */
  private known = new Set<string>();

  constructor(private readonly db: Db) {
    this.customers = new BatchedInsert(db, snapshotLoadSql.customer, 4);
    this.phones = new BatchedInsert(db, snapshotLoadSql.phone, 2);
    this.interactions = new BatchedInsert(db, snapshotLoadSql.interaction, 9);
    this.complaint = db.prepare(snapshotLoadSql.complaint);
    this.followUp = db.prepare(snapshotLoadSql.followUp);
    this.setState = db.prepare<[string, string]>(cacheSyncSql.setState);
    this.loadTx = db.transaction((chunk: SnapshotChunk, rowsSoFar: number) => {
      for (const [id, name, vip, products, phones] of chunk.customers) {
        this.known.add(id);
        this.customers.add([id, name, vip, products]);
        for (const e164 of phones) this.phones.add([e164, id]);
      }
      this.customers.flush();
      this.phones.flush();
      for (const row of chunk.interactions) {
        if (row[1] !== null && !this.known.has(row[1])) row[1] = null;
        this.interactions.add(row);
      }
      this.interactions.flush();
      for (const row of chunk.complaints) this.complaint.run(...row, row[1]);
      for (const row of chunk.followUps) this.followUp.run(...row, row[1]);
      this.setState.run('initial-rows', String(rowsSoFar));
    });
  }

  /** Starts (or starts again) a snapshot: what the server owns is wiped, in one transaction. */
  begin(): void {
    this.known = new Set();
    // Checkpoint the WAL every ~64 MB rather than every 4 MB while the load runs: pages that
    // several chunks touch are copied to the database once (back to the default in finish).
    this.db.pragma('wal_autocheckpoint = 16384');
    this.db
      .transaction(() => {
        for (const t of serverOwnedTables) this.db.prepare(`DELETE FROM ${t}`).run();
        this.setState.run('cursor', '0');
        // Scripts and codes are not in the snapshot: they stay, and the feed brings them all again.
        this.setState.run('reference-cursor', '0');
        this.setState.run('initial-done', '0');
        this.setState.run('initial-rows', '0');
        this.setState.run('snapshot', 'loading');
        deferIndexes(this.db, snapshotDeferredIndexes);
      })
      .immediate();
  }

  /**
   * One chunk of rows, one transaction (customers before the rows that refer to them). The
   * statements themselves keep every reference valid (the customer subquery, WHERE EXISTS,
   * phones from their own customer rows), so foreign-key checking is off for the chunk: a
   * fifth of the load's time. The pragma cannot change inside a transaction, hence here.
   */
  load(chunk: SnapshotChunk, rowsSoFar: number): void {
    this.db.pragma('foreign_keys = OFF');
    try {
      this.loadTx.immediate(chunk, rowsSoFar);
    } finally {
      this.db.pragma('foreign_keys = ON');
    }
  }

  /** The snapshot arrived whole: the deferred indexes and the feed cursor, in one transaction. */
  finish(cursor: number): void {
    this.db
      .transaction(() => {
        restoreDeferredIndexes(this.db);
        this.setState.run('cursor', String(cursor));
        this.db.prepare(`DELETE FROM sync_state WHERE key = 'snapshot'`).run();
      })
      .immediate();
    this.known = new Set();
    this.db.pragma('wal_autocheckpoint = 1000');
  }
}
