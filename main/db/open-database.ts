import Database from 'better-sqlite3';
import { restoreDeferredIndexes } from './bulk-indexes';
import { migrate, schemaVersion, type Db } from './migrate';
import { latestSchemaVersion } from './migrations';
import { tightenDatabaseFiles } from './private-files';

export type { Db };

export interface OpenDatabaseOptions {
  /** Read-only (tools, tests): no migrations, no writes; the schema must be current. */
  readonly?: boolean;
  /** How long a statement waits for another connection's write lock (ms). */
  busyTimeoutMs?: number;
}

/**
 * Opens the seat's database for the thread that serves the host API, migrated to the latest
 * schema. WAL lets the seed worker write while pops read. synchronous=FULL: a wrap-up the
 * agent saw "saved" is in the fsynced WAL, so it survives power loss, not just a crash.
 */
export function openDatabase(file: string, opts: OpenDatabaseOptions = {}): Db {
  const readonly = opts.readonly ?? false;
  const db = new Database(file, { readonly, fileMustExist: readonly });
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
    db.pragma('foreign_keys = ON');
    if (readonly) {
      const version = schemaVersion(db);
      if (version !== latestSchemaVersion)
        throw new Error(`schema ${version}, expected ${latestSchemaVersion}`);
      return db;
    }
    db.pragma('journal_mode = WAL');
    // WAL mode has created the -wal and -shm files; none of the three is for other OS users.
    if (file !== ':memory:') tightenDatabaseFiles(file);
    db.pragma('synchronous = FULL');
    // 64 MiB of page cache (default 2 MiB): the hot pages of a million-customer cache stay in
    // memory, which trims the pop's tail latency.
    db.pragma('cache_size = -65536');
    migrate(db);
    restoreDeferredIndexes(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Test helper: an in-memory database migrated to `version` (default: the latest). */
export function openTestDatabase(version: number = latestSchemaVersion): Db {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, version);
  return db;
}
