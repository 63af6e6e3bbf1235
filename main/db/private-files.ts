import { chmodSync, existsSync, mkdirSync } from 'node:fs';

/**
 * The cache holds names, numbers, notes and the outbox: only the seat's OS user may read it
 * (issue 13). `mkdir`'s mode applies to new folders only, so an existing folder created
 * wider (an old version, a copied profile, a umask) is tightened here too.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** The SQLite file and its WAL and shared-memory companions: 0600, whatever the umask made. */
export function tightenDatabaseFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}
