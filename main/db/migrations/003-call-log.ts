import type { Migration } from './migration';
import { oneOf } from './sql';

/**
 * The seat's call history (issue 4): one row per ended call, written by the host when the
 * softphone reports it. Times are ISO-8601 UTC ('…Z') so text order is time order; the history
 * pages newest first on (started_at, call_id), which the index serves without a sort.
 */
export const migration003: Migration = {
  version: 3,
  name: 'call-log',
  up: `
    CREATE TABLE call_log (
      call_id TEXT PRIMARY KEY NOT NULL,
      direction TEXT NOT NULL CHECK (${oneOf('direction', ['inbound', 'outbound'])}),
      number TEXT NOT NULL,
      display_name TEXT NOT NULL,
      -- No foreign key: the history outlives a customer the sync later removes from the cache.
      customer_id TEXT,
      started_at TEXT NOT NULL,
      answered_at TEXT,
      ended_at TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (${oneOf('outcome', ['answered', 'missed', 'rejected', 'failed', 'transferred'])}),
      duration_s INTEGER NOT NULL CHECK (duration_s >= 0)
    ) STRICT;
    CREATE INDEX call_log_by_started ON call_log (started_at, call_id);
  `,
};
