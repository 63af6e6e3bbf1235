import { OutboxRecord, type WrapUp } from '../../shared';
import type { Db } from './migrate';
import { parseJson, type RowLog } from './row-mapping';
import { accountKeys, type SeatAccount } from './seat-account-repository';

interface OutboxRow {
  id: string;
  kind: string;
  created_at: string;
  state: string;
  attempts: number;
  reject_reason: string | null;
  payload: string;
  owner_server: string | null;
  owner_username: string | null;
  /** 1 when the seat's current account owns the row. */
  mine: number;
}

/** Whose records a session may send: its server and its user. */
export type OutboxOwner = Pick<SeatAccount, 'server' | 'userId'>;

const accountValue = (key: string) => `(SELECT value FROM sync_state WHERE key = '${key}')`;
const mine = `(owner_server IS NOT NULL AND owner_server = ${accountValue(accountKeys.server)}
      AND owner_user_id = ${accountValue(accountKeys.userId)})`;
const listed = `id, kind, created_at, state, attempts, reject_reason, payload, owner_server, owner_username,
      ${mine} AS mine`;

export const outboxSql = {
  byId: `SELECT id FROM outbox WHERE id = ?`,
  // The owner is the seat's account at the moment of filing, read in the same statement (so in
  // the filing's transaction). Filed while nobody is signed in, the owner is NULL: the seat cannot
  // tell who typed it, and "whoever signs in next" may be someone else, so an unowned record is
  // kept and listed but never sent automatically (docs/architecture.md, Durability).
  insertPending: `INSERT INTO outbox (id, kind, created_at, state, attempts, reject_reason, payload,
        owner_server, owner_user_id, owner_username)
      VALUES (?, 'wrap-up', ?, 'pending', 0, NULL, ?, ${accountValue(accountKeys.server)},
        ${accountValue(accountKeys.userId)}, ${accountValue(accountKeys.username)})`,
  pending: `SELECT id, payload FROM outbox
      WHERE owner_server = ? AND owner_user_id = ? AND state = 'pending' ORDER BY created_at, id LIMIT ?`,
  markSynced: `UPDATE outbox SET state = 'synced', synced_at = ?, reject_reason = NULL, attempts = attempts + 1
      WHERE id = ? AND state = 'pending'`,
  markRejected: `UPDATE outbox SET state = 'rejected', reject_reason = ?, attempts = attempts + 1
      WHERE id = ? AND state = 'pending'`,
  countAttempt: `UPDATE outbox SET attempts = attempts + 1 WHERE id = ? AND state = 'pending'`,
  counts: `SELECT state, ${mine} AS mine, count(*) AS n FROM outbox GROUP BY state, mine`,
  one: `SELECT ${listed} FROM outbox WHERE id = ?`,
  resend: `UPDATE outbox SET state = 'pending', reject_reason = NULL, payload = ? WHERE id = ? AND state = 'rejected'`,
  recent: `SELECT ${listed} FROM outbox ORDER BY created_at DESC LIMIT ?`,
} as const;

export interface PendingRecord {
  id: string;
  /** The payload exactly as stored (JSON text), sent as is. */
  payload: string;
}

export interface OutboxCounts {
  /** The current account's records not yet sent. */
  pending: number;
  rejected: number;
  synced: number;
  /** Pending records of another account, or of none: never sent under this one. */
  waitingForOwner: number;
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
      pending: db.prepare<[string, string, number], PendingRecord>(outboxSql.pending),
      markSynced: db.prepare<[string, string]>(outboxSql.markSynced),
      markRejected: db.prepare<[string, string]>(outboxSql.markRejected),
      countAttempt: db.prepare<[string]>(outboxSql.countAttempt),
      counts: db.prepare<[], { state: string; mine: number; n: number }>(outboxSql.counts),
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

  /**
   * `owner`'s pending records, oldest first (the order the agent filed them). Only these may
   * go out under `owner`'s session; nobody's session sends an unowned record.
   */
  pending(owner: OutboxOwner, limit: number): PendingRecord[] {
    return this.s.pending.all(owner.server, owner.userId, limit);
  }

  /** The server's per-record answers, in one transaction. Only pending rows change. */
  recordVerdicts(verdicts: readonly OutboxVerdict[], now: Date): void {
    this.recordTx.immediate(verdicts, now.toISOString());
  }

  /** A batch that failed as a whole (network, 5xx): counted, still pending. */
  countAttempts(ids: readonly string[]): void {
    this.db.transaction(() => ids.forEach((id) => this.s.countAttempt.run(id)))();
  }

  /** Counted against the seat's current account (SeatAccountRepository). */
  counts(): OutboxCounts {
    const out = { pending: 0, rejected: 0, synced: 0, waitingForOwner: 0 };
    for (const r of this.s.counts.all()) {
      if (r.state === 'pending' && !r.mine) out.waitingForOwner += r.n;
      else if (r.state === 'pending' || r.state === 'rejected' || r.state === 'synced') out[r.state] += r.n;
    }
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
        owner:
          row.owner_server && row.owner_username
            ? { server: row.owner_server, username: row.owner_username }
            : null,
        waitingForOwner: row.state === 'pending' && !row.mine,
      });
      if (rec.success) return rec.data;
      this.log(`outbox row ${row.id} failed its schema; kept, not shown`);
      return null;
    }
  }
}
