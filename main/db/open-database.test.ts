import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { deferSecondaryIndexes } from './bulk-indexes';
import { latestSchemaVersion } from './migrations';
import { migrate, schemaVersion } from './migrate';
import { openDatabase, openTestDatabase } from './open-database';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seatdesk-db-'));
  dirs.push(dir);
  return join(dir, 'seatdesk.db');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const indexNames = (db: Database.Database) =>
  db
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`,
    )
    .all()
    .map((r) => r.name);

describe('openDatabase', () => {
  it('opens a new file in WAL with synchronous=FULL, foreign keys and a busy timeout, migrated', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    db.close();
  });

  it('reopens an existing file without re-running migrations', () => {
    const file = tempFile();
    const first = openDatabase(file);
    first.prepare(`INSERT INTO customers (id, name) VALUES ('k', 'K')`).run();
    first.close();
    const again = openDatabase(file);
    expect(again.prepare(`SELECT name FROM customers`).get()).toEqual({ name: 'K' });
    again.close();
  });

  it('opens read-only without writing, and refuses a file with another schema', () => {
    const file = tempFile();
    openDatabase(file).close();
    const ro = openDatabase(file, { readonly: true });
    expect(() => ro.prepare(`INSERT INTO customers (id, name) VALUES ('k', 'K')`).run()).toThrow(/readonly/);
    ro.close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${latestSchemaVersion + 1}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(/newer than this app/);
    expect(() => openDatabase(file, { readonly: true })).toThrow(/schema/);
  });

  it('rebuilds secondary indexes a bulk load dropped and never restored (a killed seed)', () => {
    const file = tempFile();
    const db = openDatabase(file);
    const all = indexNames(db);
    const dropped = deferSecondaryIndexes(db);
    expect(dropped).toContain('interactions_by_customer');
    expect(indexNames(db)).not.toContain('interactions_by_customer');
    db.close();
    const reopened = openDatabase(file);
    expect(indexNames(reopened)).toEqual(all);
    expect(reopened.prepare(`SELECT count(*) AS n FROM deferred_indexes`).get()).toEqual({ n: 0 });
    reopened.close();
  });

  it('lets two connections race to migrate a new file: one applies it, both end current', () => {
    const file = tempFile();
    const a = new Database(file);
    const b = new Database(file);
    a.pragma('journal_mode = WAL');
    expect(migrate(a)).toBe(latestSchemaVersion);
    expect(migrate(b)).toBe(latestSchemaVersion);
    a.close();
    b.close();
  });
});

describe('openTestDatabase', () => {
  it('opens :memory: migrated to the latest version, or to the one asked for', () => {
    expect(schemaVersion(openTestDatabase())).toBe(latestSchemaVersion);
    expect(schemaVersion(openTestDatabase(0))).toBe(0);
    expect(() => openTestDatabase(latestSchemaVersion + 1)).toThrow(/no schema version/);
  });
});
