import type { CallLogCursor, CallLogEntry, CallRecord } from '../../shared';
import type { Db } from './migrate';
import { mapValid, toCallLogEntry, type CallLogRow, type RowLog } from './row-mapping';

const columns = `call_id, direction, number, display_name, customer_id, started_at, answered_at, ended_at,
  outcome, duration_s`;

export const callLogSql = {
  insert: `INSERT INTO call_log (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (call_id) DO NOTHING`,
  latest: `SELECT ${columns} FROM call_log ORDER BY started_at DESC, call_id DESC LIMIT ?`,
  before: `SELECT ${columns} FROM call_log WHERE (started_at, call_id) < (?, ?)
    ORDER BY started_at DESC, call_id DESC LIMIT ?`,
  prune: `DELETE FROM call_log WHERE started_at < ?`,
} as const;

/** Stored times are UTC ('…Z', ms): text order is time order, which the keyset pages rely on. */
const utc = (iso: string) => new Date(iso).toISOString();

/** Whole seconds talked: from the answer to the end; 0 for a call nobody answered. */
export function talkSeconds(call: Pick<CallRecord, 'answeredAt' | 'endedAt'>): number {
  if (!call.answeredAt) return 0;
  return Math.max(0, Math.round((Date.parse(call.endedAt) - Date.parse(call.answeredAt)) / 1000));
}

/** The seat's call history: one row per ended call, newest first. */
export class CallLogRepository {
  private readonly s;

  constructor(
    db: Db,
    private readonly log: RowLog = () => {},
  ) {
    this.s = {
      insert: db.prepare<
        [string, string, string, string, string | null, string, string | null, string, string, number]
      >(callLogSql.insert),
      latest: db.prepare<[number], CallLogRow>(callLogSql.latest),
      before: db.prepare<[string, string, number], CallLogRow>(callLogSql.before),
      prune: db.prepare<[string]>(callLogSql.prune),
    };
  }

  /**
   * Stores one ended call (already validated by the contract's schema). A call id seen before is
   * left as it was: the renderer may report a call again after a reconnect. `number` is the
   * number to store (E.164 when it parses), defaulting to the one reported.
   */
  add(call: CallRecord, number: string = call.number): { added: boolean } {
    const r = this.s.insert.run(
      call.callId,
      call.direction,
      number,
      call.displayName,
      call.customerId,
      utc(call.startedAt),
      call.answeredAt === null ? null : utc(call.answeredAt),
      utc(call.endedAt),
      call.outcome,
      talkSeconds(call),
    );
    return { added: r.changes === 1 };
  }

  /** Up to `limit` calls, newest first; with `before`, the calls strictly older than that row. */
  recent(limit: number, before?: CallLogCursor): CallLogEntry[] {
    const rows = before
      ? this.s.before.all(utc(before.startedAt), before.callId, limit)
      : this.s.latest.all(limit);
    return mapValid(rows, toCallLogEntry, this.log);
  }

  /** Retention: the seat keeps no calls that started before `before` (ISO time). Returns rows removed. */
  pruneBefore(before: string): number {
    return this.s.prune.run(utc(before)).changes;
  }
}
