import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../open-database';
import { migrate, schemaVersion } from '../migrate';

describe('migration 005 (guided scripts)', () => {
  it('adds the script and code tables and sends an existing cache back for them (reference cursor 0)', () => {
    const db = openTestDatabase(4);
    db.prepare(`INSERT INTO sync_state (key, value) VALUES ('cursor', '4711')`).run();
    migrate(db, 5);
    expect(schemaVersion(db)).toBe(5);
    const tables = db
      .prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
      .all()
      .map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['scripts', 'disposition_codes']));
    expect(db.prepare(`SELECT key, value FROM sync_state ORDER BY key`).all()).toEqual([
      { key: 'cursor', value: '4711' },
      { key: 'reference-cursor', value: '0' },
    ]);
    expect(() =>
      db.prepare(`INSERT INTO disposition_codes VALUES ('x', 't', 'a', 'b', 'c', 2)`).run(),
    ).toThrow(/CHECK/);
  });
});
