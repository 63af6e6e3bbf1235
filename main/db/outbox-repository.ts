import { OutboxRecord, type WrapUp } from '../../shared';
import type { Db } from './migrate';
import { parseJson, type RowLog } from './row-mapping';

interface OutboxRow {
  id: string;
  kind: string;
  created_at: string;
  state: string;
  attempts: number;
  reject_reason: string | null;
  payload: string;
}

export const outboxSql = {
  byId: `SELECT id FROM outbox WHERE id = ?`,
  insertPending: `INSERT INTO outbox (id, kind, created_at, state, attempts, reject_reason, payload)
      VALUES (?, 'wrap-up', ?, 'pending', 0, NULL, ?)`,
  pending: `SELECT id, payload FROM outbox WHERE state = 'pending' ORDER BY created_at, id LIMIT ?`,
  markSynced: `UPDATE outbox SET state = 'synced', synced_at = ?, reject_reason = NULL, attempts = attempts + 1
      WHERE id = ? AND state = 'pending'`,
  markRejected: `UPDATE outbox SET state = 'rejected', reject_reason = ?, attempts = attempts + 1
      WHERE id = ? AND state = 'pending'`,
  countAttempt: `UPDATE outbox SET attempts = attempts + 1 WHERE id = ? AND state = 'pending'`,
  counts: `SELECT state, count(*) AS n FROM outbox GROUP BY state`,
  one: `SELECT id, kind, created_at, state, attempts, reject_reason, payload FROM outbox WHERE id = ?`,
  resend: `UPDATE outbox SET state = 'pending', reject_reason = NULL, payload = ? WHERE id = ? AND state = 'rejected'`,
  recent: `SELECT id, kind, created_at, state, attempts, reject_reason, payload FROM outbox
      ORDER BY created_at DESC LIMIT ?`,
} as const;

export interface PendingRecord {
  id: string;
  /** The payload exactly as stored (JSON text), sent as is. */
  payload: string;
}

export type OutboxVerdict = { id: string; status: 'accepted' | 'duplicate' | 'rejected'; reason?: string };

/** Records waiting for the central server, drained in batches by the sync worker. */
export class OutboxRepository {
  private readonly byId;
  private readonly insert;
  private readonly selectRecent;
  private readonly s;
  private readonly recordTx;

  constructor(
    private readonly db: Db,
    private readonly log: RowLog = () => {},
  ) {
    this.byId = db.prepare<[string], { id: string }>(outboxSql.byId);
    this.insert = db.prepare<[string, string, string]>(outboxSql.insertPending);
    this.selectRecent = db.prepare<[number], OutboxRow>(outboxSql.recent);
    this.s = {
      pending: db.prepare<[number], PendingRecord>(outboxSql.pending),
      markSynced: db.prepare<[string, string]>(outboxSql.markSynced),
      markRejected: db.prepare<[string, string]>(outboxSql.markRejected),
      countAttempt: db.prepare<[string]>(outboxSql.countAttempt),
      counts: db.prepare<[], { state: string; n: number }>(outboxSql.counts),
      one: db.prepare<[string], OutboxRow>(outboxSql.one),
      resend: db.prepare<[string, string]>(outboxSql.resend),
    };
    this.recordTx = db.transaction((verdicts: readonly OutboxVerdict[], now: string) => {
      for (const v of verdicts) {
        if (v.status === 'rejected') this.s.markRejected.run((v.reason ?? 'rejected').slice(0, 500), v.id);
        else this.s.markSynced.run(now, v.id);
      }
    });
  }

  /** Oldest first: the order the agent filed them. */
  pending(limit: number): PendingRecord[] {
    return this.s.pending.all(limit);
  }

  /** The server's per-record answers, in one transaction. Only pending rows change. */
  recordVerdicts(verdicts: readonly OutboxVerdict[], now: Date): void {
    this.recordTx.immediate(verdicts, now.toISOString());
  }

  /** A batch that failed as a whole (network, 5xx): counted, still pending. */
  countAttempts(ids: readonly string[]): void {
    this.db.transaction(() => ids.forEach((id) => this.s.countAttempt.run(id)))();
  }

  counts(): { pending: number; rejected: number; synced: number } {
    const out = { pending: 0, rejected: 0, synced: 0 };
    for (const r of this.s.counts.all()) if (r.state in out) out[r.state as keyof typeof out] = r.n;
    return out;
  }

  /**
   * A rejected record, corrected by the agent, goes back to pending. The id (the idempotency
   * key) never changes. Returns null when there is no such rejected record.
   */
  resend(id: string, payload: WrapUp): OutboxRecord | null {
    if (this.s.resend.run(JSON.stringify(payload), id).changes === 0) return null;
    const row = this.s.one.get(id);
    return row ? this.toRecord(row) : null;
  }

  has(id: string): boolean {
    return this.byId.get(id) !== undefined;
  }

  /** Queues a filed wrap-up; its id is the idempotency key on the server too. */
  addPendingWrapUp(wrapUp: WrapUp, createdAt: string): void {
    this.insert.run(wrapUp.id, createdAt, JSON.stringify(wrapUp));
  }

  /** Newest first. */
  list(limit: number): OutboxRecord[] {
    const records: OutboxRecord[] = [];
    for (const row of this.selectRecent.all(limit)) {
      const rec = this.toRecord(row);
      if (rec) records.push(rec);
    }
    return records;
  }

  private toRecord(row: OutboxRow): OutboxRecord | null {
    {
      const rec = OutboxRecord.safeParse({
        id: row.id,
        kind: row.kind,
        createdAt: row.created_at,
        state: row.state,
        attempts: row.attempts,
        rejectReason: row.reject_reason,
        payload: parseJson(row.payload),
      });
      if (rec.success) return rec.data;
      this.log(`outbox row ${row.id} failed its schema; kept, not shown`);
      return null;
    }
  }
}
