import type { Change, SyncedEntity } from '../../shared';
import type { Db } from './migrate';

const deleteSql: Record<SyncedEntity, string> = {
  customer: `DELETE FROM customers WHERE id = ?`,
  interaction: `DELETE FROM interactions WHERE id = ?`,
  complaint: `DELETE FROM complaints WHERE id = ?`,
  'follow-up': `DELETE FROM follow_ups WHERE id = ?`,
};

export const cacheSyncSql = {
  getState: `SELECT value FROM sync_state WHERE key = ?`,
  setState: `INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  customerExists: `SELECT 1 AS one FROM customers WHERE id = ?`,
  upsertCustomer: `INSERT INTO customers (id, name, vip, products) VALUES (?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, vip = excluded.vip, products = excluded.products`,
  dropPhones: `DELETE FROM customer_phones WHERE customer_id = ?`,
  addPhone: `INSERT OR IGNORE INTO customer_phones (e164, customer_id) VALUES (?, ?)`,
  upsertInteraction: `INSERT INTO interactions
      (id, customer_id, phone, occurred_at, agent, category, priority, disposition, notes)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, phone = excluded.phone,
      occurred_at = excluded.occurred_at, agent = excluded.agent, category = excluded.category,
      priority = excluded.priority, disposition = excluded.disposition, notes = excluded.notes`,
  upsertComplaint: `INSERT INTO complaints (id, customer_id, opened_at, summary, severity, status)
    VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, opened_at = excluded.opened_at,
      summary = excluded.summary, severity = excluded.severity, status = excluded.status`,
  upsertFollowUp: `INSERT INTO follow_ups (id, customer_id, due_at, owner, method, note, done)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, due_at = excluded.due_at,
      owner = excluded.owner, method = excluded.method, note = excluded.note, done = excluded.done`,
  pruneInteractions: `DELETE FROM interactions WHERE occurred_at < ?`,
  // A version never goes back: a restore is published as a newer version (issue 11).
  upsertScript: `INSERT INTO scripts (id, team, version, name, body) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET team = excluded.team, version = excluded.version, name = excluded.name,
      body = excluded.body WHERE excluded.version >= scripts.version`,
  upsertDispositionCode: `INSERT INTO disposition_codes
      (code, team, label_zh_hant, label_zh_hans, label_en, active) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (code) DO UPDATE SET team = excluded.team, label_zh_hant = excluded.label_zh_hant,
      label_zh_hans = excluded.label_zh_hans, label_en = excluded.label_en, active = excluded.active`,
} as const;

/** The team's scripts and codes: not in the snapshot, so a snapshot leaves them (ADR 0007). */
export const referenceTables = ['scripts', 'disposition_codes'];

/** Stored times are UTC ('…Z', ms) so text order is time order; the server already sends them so. */
function utc(iso: string): string {
  return iso.length === 24 && iso.endsWith('Z') ? iso : new Date(iso).toISOString();
}

/** The cache tables the server owns; drafts and the outbox are the seat's own and stay. */
export const serverOwnedTables = ['follow_ups', 'complaints', 'interactions', 'customer_phones', 'customers'];

/**
 * Applies pages of the server's changes feed to the seat's cache. A page and the cursor
 * after it commit in ONE transaction: a kill at any instant leaves the cache exactly at
 * some page boundary, and the next run resumes from the cursor that matches it.
 */
export class CacheSyncRepository {
  private readonly stmts;
  private readonly applyTx;

  constructor(private readonly db: Db) {
    const p = <T extends unknown[]>(sql: string) => db.prepare<T>(sql);
    this.stmts = {
      getState: db.prepare<[string], { value: string }>(cacheSyncSql.getState),
      setState: p<[string, string]>(cacheSyncSql.setState),
      customerExists: db.prepare<[string], { one: number }>(cacheSyncSql.customerExists),
      upsertCustomer: p<[string, string, number, string]>(cacheSyncSql.upsertCustomer),
      dropPhones: p<[string]>(cacheSyncSql.dropPhones),
      addPhone: p<[string, string]>(cacheSyncSql.addPhone),
      upsertInteraction: p<[string, string | null, string, string, string, string, string, string, string]>(
        cacheSyncSql.upsertInteraction,
      ),
      upsertComplaint: p<[string, string, string, string, string, string]>(cacheSyncSql.upsertComplaint),
      upsertFollowUp: p<[string, string, string, string, string, string, number]>(
        cacheSyncSql.upsertFollowUp,
      ),
      prune: p<[string]>(cacheSyncSql.pruneInteractions),
      upsertScript: p<[string, string, number, string, string]>(cacheSyncSql.upsertScript),
      upsertDispositionCode: p<[string, string, string, string, string, number]>(
        cacheSyncSql.upsertDispositionCode,
      ),
      deletes: Object.fromEntries(
        Object.entries(deleteSql).map(([entity, sql]) => [entity, p<[string]>(sql)]),
      ) as Record<SyncedEntity, ReturnType<typeof p<[string]>>>,
    };
    this.applyTx = db.transaction(
      (changes: readonly Change[], nextCursor: number, nextReferenceCursor: number) => {
        for (const c of changes) this.applyOne(c);
        this.stmts.setState.run('cursor', String(nextCursor));
        this.stmts.setState.run('reference-cursor', String(nextReferenceCursor));
      },
    );
  }

  state(key: string): string | null {
    return this.stmts.getState.get(key)?.value ?? null;
  }

  setState(key: string, value: string): void {
    this.stmts.setState.run(key, value);
  }

  cursor(): number {
    const v = Number(this.state('cursor') ?? '0');
    return Number.isSafeInteger(v) && v >= 0 ? v : 0;
  }

  /**
   * Where the scripts and disposition codes stand (ADR 0007): 0 after a snapshot or on a cache
   * from before they were synced, else the cursor. Never ahead of the cursor.
   */
  referenceCursor(): number {
    const cursor = this.cursor();
    const v = Number(this.state('reference-cursor') ?? String(cursor));
    return Number.isSafeInteger(v) && v >= 0 ? Math.min(v, cursor) : 0;
  }

  /** Changes must already have passed the shared schema (ChangesPage). */
  applyPage(changes: readonly Change[], nextCursor: number, nextReferenceCursor = nextCursor): void {
    this.applyTx.immediate(changes, nextCursor, Math.min(nextReferenceCursor, nextCursor));
  }

  /** Retention: the seat keeps no history older than `before` (ISO time). Returns rows removed. */
  pruneBefore(before: string): number {
    return this.stmts.prune.run(before).changes;
  }

  /**
   * A different team's data must not stay on this seat: wipe what the server owns and the
   * cursor, in one transaction. Drafts and the outbox (the agent's own work) are kept.
   */
  resetForOwner(owner: string): void {
    this.db
      .transaction(() => {
        for (const t of [...serverOwnedTables, ...referenceTables]) this.db.prepare(`DELETE FROM ${t}`).run();
        // The call history is the previous agent's: the next one on this seat must not see it.
        this.db.prepare('DELETE FROM call_log').run();
        this.stmts.setState.run('cursor', '0');
        this.stmts.setState.run('reference-cursor', '0');
        this.stmts.setState.run('initial-done', '0');
        this.stmts.setState.run('owner', owner);
      })
      .immediate();
  }

  private customerOrNull(id: string | null): string | null {
    return id !== null && this.stmts.customerExists.get(id) ? id : null;
  }

  private applyOne(c: Change): void {
    const s = this.stmts;
    if (c.op === 'delete') {
      s.deletes[c.entity].run(c.id);
      return;
    }
    switch (c.entity) {
      case 'customer': {
        const d = c.data;
        s.upsertCustomer.run(d.id, d.name, d.vip ? 1 : 0, JSON.stringify(d.products));
        s.dropPhones.run(d.id);
        for (const phone of d.phones) s.addPhone.run(phone, d.id);
        return;
      }
      case 'interaction': {
        const d = c.data;
        // History whose customer this seat does not hold stays findable by number.
        s.upsertInteraction.run(
          d.id,
          this.customerOrNull(d.customerId),
          d.phone,
          utc(d.occurredAt),
          d.agent,
          d.category,
          d.priority,
          d.disposition,
          d.notes,
        );
        return;
      }
      case 'complaint': {
        const d = c.data;
        if (!this.customerOrNull(d.customerId)) return;
        s.upsertComplaint.run(d.id, d.customerId, utc(d.openedAt), d.summary, d.severity, d.status);
        return;
      }
      case 'follow-up': {
        const d = c.data;
        if (!this.customerOrNull(d.customerId)) return;
        s.upsertFollowUp.run(d.id, d.customerId, utc(d.dueAt), d.owner, d.method, d.note, d.done ? 1 : 0);
        return;
      }
      case 'script': {
        const d = c.data;
        s.upsertScript.run(d.id, d.team, d.version, d.name, JSON.stringify(d));
        return;
      }
      case 'disposition-code': {
        const d = c.data;
        s.upsertDispositionCode.run(
          d.code,
          d.team,
          d.labels['zh-Hant'],
          d.labels['zh-Hans'],
          d.labels.en,
          d.active ? 1 : 0,
        );
        return;
      }
    }
  }
}
