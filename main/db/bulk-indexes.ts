import type { Db } from './migrate';

/** The big tables whose secondary indexes a bulk load builds once at the end. */
const bulkTables = ['customers', 'customer_phones', 'interactions', 'complaints', 'follow_ups'] as const;

/**
 * Drops the secondary indexes of the big tables, remembering their SQL in
 * `deferred_indexes` in the same transaction. Building an index once over sorted data is
 * several times faster than maintaining it row by row during millions of inserts.
 * Primary keys stay: they are the tables themselves or enforce uniqueness.
 */
export function deferSecondaryIndexes(db: Db): string[] {
  return deferIndexesWhere(db, `tbl_name IN (${bulkTables.map((t) => `'${t}'`).join(', ')})`);
}

/**
 * The same for named indexes only (the initial-sync snapshot keeps the ones the screen-pop
 * reads, so pops stay index searches while it loads). Call inside or outside a transaction.
 */
export function deferIndexes(db: Db, names: readonly string[]): string[] {
  if (names.length === 0) return [];
  return deferIndexesWhere(db, `name IN (${names.map((n) => `'${n.replace(/'/g, "''")}'`).join(', ')})`);
}

function deferIndexesWhere(db: Db, where: string): string[] {
  const list = db.prepare<[], { name: string; sql: string }>(
    `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND ${where}`,
  );
  const remember = db.prepare('INSERT OR REPLACE INTO deferred_indexes (name, sql) VALUES (?, ?)');
  return db.transaction(() => {
    const names: string[] = [];
    for (const { name, sql } of list.all()) {
      remember.run(name, sql);
      db.exec(`DROP INDEX ${quoteIdent(name)}`);
      names.push(name);
    }
    return names;
  })();
}

/** Rebuilds whatever `deferSecondaryIndexes` dropped (also after a load that died half-way). */
export function restoreDeferredIndexes(db: Db): string[] {
  const pending = db
    .prepare<[], { name: string; sql: string }>('SELECT name, sql FROM deferred_indexes')
    .all();
  if (pending.length === 0) return [];
  const forget = db.prepare('DELETE FROM deferred_indexes WHERE name = ?');
  return db.transaction(() => {
    for (const { name, sql } of pending) {
      db.exec(sql.replace(/^CREATE INDEX /i, 'CREATE INDEX IF NOT EXISTS '));
      forget.run(name);
    }
    return pending.map((p) => p.name);
  })();
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
