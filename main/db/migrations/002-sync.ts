import type { Migration } from './migration';

/**
 * Sync with the central server (issue 3): the feed cursor and session facts live in the same
 * database as the rows they describe, so a page and its cursor commit together, and a kill
 * at any point resumes from a cursor that matches the cache exactly.
 */
export const migration002: Migration = {
  version: 2,
  name: 'sync',
  up: `
    CREATE TABLE sync_state (
      key TEXT PRIMARY KEY NOT NULL,
      value TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;

    ALTER TABLE outbox ADD COLUMN synced_at TEXT;
  `,
};
