import type { Migration } from './migration';

/**
 * The team's guided scripts (their current version) and disposition codes, from the changes
 * feed (issue 11), so a seat with no server still opens scripts and files codes. The body is the
 * GuidedScript JSON as the feed carried it; it is parsed again when read (persisted JSON is not
 * trusted without its schema). Codes are retired, never deleted: old records keep their labels.
 *
 * `reference-cursor` 0: a seat whose cursor predates these tables (or comes from a snapshot,
 * which does not carry them) fetches them from the start of the feed (ADR 0007).
 */
export const migration005: Migration = {
  version: 5,
  name: 'guided-scripts',
  up: `
    CREATE TABLE scripts (
      id TEXT PRIMARY KEY,
      team TEXT NOT NULL,
      version INTEGER NOT NULL CHECK (version >= 1),
      name TEXT NOT NULL,
      body TEXT NOT NULL
    ) STRICT;
    CREATE TABLE disposition_codes (
      code TEXT PRIMARY KEY,
      team TEXT NOT NULL,
      label_zh_hant TEXT NOT NULL,
      label_zh_hans TEXT NOT NULL,
      label_en TEXT NOT NULL,
      active INTEGER NOT NULL CHECK (active IN (0, 1))
    ) STRICT;
    INSERT INTO sync_state (key, value) VALUES ('reference-cursor', '0')
      ON CONFLICT (key) DO UPDATE SET value = excluded.value;
  `,
};
