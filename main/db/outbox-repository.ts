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
  recent: `SELECT id, kind, created_at, state, attempts, reject_reason, payload FROM outbox
      ORDER BY created_at DESC LIMIT ?`,
} as const;

/** Records waiting for the central server (drained by the sync, issue 3). */
export class OutboxRepository {
  private readonly byId;
  private readonly insert;
  private readonly selectRecent;

  constructor(
    db: Db,
    private readonly log: RowLog = () => {},
  ) {
    this.byId = db.prepare<[string], { id: string }>(outboxSql.byId);
    this.insert = db.prepare<[string, string, string]>(outboxSql.insertPending);
    this.selectRecent = db.prepare<[number], OutboxRow>(outboxSql.recent);
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
      const rec = OutboxRecord.safeParse({
        id: row.id,
        kind: row.kind,
        createdAt: row.created_at,
        state: row.state,
        attempts: row.attempts,
        rejectReason: row.reject_reason,
        payload: parseJson(row.payload),
      });
      if (rec.success) records.push(rec.data);
      else this.log(`outbox row ${row.id} failed its schema; kept, not shown`);
    }
    return records;
  }
}
