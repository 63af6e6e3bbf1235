import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../open-database';
import { migrate, schemaVersion } from '../migrate';

describe('migration 002 (sync)', () => {
  it('adds the sync state table and the outbox synced_at column to a version-1 database', () => {
    const db = openTestDatabase(1);
    db.prepare(
      `INSERT INTO outbox (id, kind, created_at, state, payload) VALUES ('o', 'wrap-up', 't', 'pending', '{}')`,
    ).run();
    migrate(db, 2);
    const v2 = db;
    expect(schemaVersion(v2)).toBe(2);
    const cols = v2
      .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('outbox')`)
      .all()
      .map((c) => c.name);
    expect(cols).toContain('synced_at');
    expect(v2.prepare(`SELECT state, synced_at FROM outbox`).get()).toEqual({
      state: 'pending',
      synced_at: null,
    });
    v2.prepare(`INSERT INTO sync_state (key, value) VALUES ('cursor', '42')`).run();
    expect(() => v2.prepare(`INSERT INTO sync_state (key, value) VALUES ('cursor', '43')`).run()).toThrow(
      /UNIQUE/,
    );
  });
});
