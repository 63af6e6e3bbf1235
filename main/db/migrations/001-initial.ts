import type { Migration } from './migration';
import { oneOf } from './sql';

/**
 * The screen-pop cache, wrap-up drafts and the outbox (issue 2).
 *
 * Enum CHECKs list their values here rather than importing shared/domain: a migration must
 * mean the same thing forever. 001-initial.test.ts fails when the shared enums drift from
 * them, which is the cue for a new migration.
 *
 * Times are ISO-8601 UTC strings ('…Z') so that text order is time order.
 */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up: `
    CREATE TABLE customers (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      vip INTEGER NOT NULL DEFAULT 0 CHECK (vip = 0 OR vip = 1),
      products TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(products))
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE customer_phones (
      e164 TEXT NOT NULL,
      customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
      PRIMARY KEY (e164, customer_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX customer_phones_by_customer ON customer_phones (customer_id);

    CREATE TABLE interactions (
      id TEXT PRIMARY KEY NOT NULL,
      customer_id TEXT REFERENCES customers (id) ON DELETE SET NULL,
      phone TEXT NOT NULL,
      occurred_at TEXT NOT NULL,
      agent TEXT NOT NULL,
      category TEXT NOT NULL CHECK (${oneOf('category', ['inquiry', 'complaint', 'suggestion', 'urgent'])}),
      priority TEXT NOT NULL CHECK (${oneOf('priority', ['low', 'normal', 'high', 'critical'])}),
      disposition TEXT NOT NULL CHECK (${oneOf('disposition', ['resolved', 'escalated', 'transferred', 'callback-scheduled', 'information-sent', 'no-action-needed'])}),
      notes TEXT NOT NULL
    ) STRICT;
    CREATE INDEX interactions_by_customer ON interactions (customer_id, occurred_at DESC);
    -- Calls from numbers no customer holds (yet) are found by number.
    CREATE INDEX interactions_by_phone ON interactions (phone, occurred_at DESC);

    -- 'closed' exists only here: a closed complaint stays on record but never pops.
    CREATE TABLE complaints (
      id TEXT PRIMARY KEY NOT NULL,
      customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
      opened_at TEXT NOT NULL,
      summary TEXT NOT NULL,
      severity TEXT NOT NULL CHECK (${oneOf('severity', ['low', 'medium', 'high'])}),
      status TEXT NOT NULL CHECK (${oneOf('status', ['open', 'investigating', 'escalated', 'closed'])})
    ) STRICT;
    CREATE INDEX complaints_by_customer ON complaints (customer_id, opened_at DESC);

    CREATE TABLE follow_ups (
      id TEXT PRIMARY KEY NOT NULL,
      customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
      due_at TEXT NOT NULL,
      owner TEXT NOT NULL,
      method TEXT NOT NULL CHECK (${oneOf('method', ['phone', 'sms', 'email'])}),
      note TEXT NOT NULL,
      done INTEGER NOT NULL DEFAULT 0 CHECK (done = 0 OR done = 1)
    ) STRICT;
    CREATE INDEX follow_ups_by_customer ON follow_ups (customer_id, done, due_at);

    CREATE TABLE wrapup_drafts (
      call_id TEXT PRIMARY KEY NOT NULL,
      body TEXT NOT NULL CHECK (json_valid(body)),
      saved_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE outbox (
      id TEXT PRIMARY KEY NOT NULL,
      kind TEXT NOT NULL CHECK (${oneOf('kind', ['wrap-up'])}),
      created_at TEXT NOT NULL,
      state TEXT NOT NULL CHECK (${oneOf('state', ['pending', 'synced', 'rejected'])}),
      attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      reject_reason TEXT,
      payload TEXT NOT NULL CHECK (json_valid(payload))
    ) STRICT;
    CREATE INDEX outbox_by_created ON outbox (created_at DESC);
    -- What the sync (issue 3) drains: pending rows, oldest first.
    CREATE INDEX outbox_by_state ON outbox (state, created_at);

    -- Secondary indexes dropped for a bulk load, with the SQL to rebuild them. A load that
    -- dies half-way leaves rows here, and the next open rebuilds them (bulk-indexes.ts).
    CREATE TABLE deferred_indexes (
      name TEXT PRIMARY KEY NOT NULL,
      sql TEXT NOT NULL
    ) STRICT;
  `,
};
