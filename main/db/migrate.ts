import type Database from 'better-sqlite3';
import { latestSchemaVersion, migrations } from './migrations';

export type Db = Database.Database;

/**
 * Applies every migration above the file's `user_version`, up to `target`.
 * The version is read inside an IMMEDIATE transaction: the host and the seed worker may
 * open the same new file at once, and only one of them must run each step.
 */
export function migrate(db: Db, target: number = latestSchemaVersion): number {
  if (!Number.isInteger(target) || target < 0 || target > latestSchemaVersion) {
    throw new Error(`no schema version ${target} (latest is ${latestSchemaVersion})`);
  }
  const step = db.transaction(() => {
    const current = schemaVersion(db);
    if (current > latestSchemaVersion) {
      throw new Error(`database schema ${current} is newer than this app (${latestSchemaVersion})`);
    }
    const next = migrations.find((m) => m.version > current && m.version <= target);
    if (!next) return false;
    db.exec(next.up);
    db.pragma(`user_version = ${next.version}`);
    return true;
  });
  while (step.immediate()) {
    // one migration per transaction, so a failure leaves the last good version recorded
  }
  return schemaVersion(db);
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
