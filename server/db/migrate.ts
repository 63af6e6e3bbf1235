import { migration001 } from './migrations/001-initial';
import { migration002 } from './migrations/002-call-quality';
import { migration003 } from './migrations/003-agent-states';
import { migration004 } from './migrations/004-auth-sessions';
import { migration005 } from './migrations/005-login-throttle';
import { migration006 } from './migrations/006-audit-reads';
import { migration007 } from './migrations/007-interactions-team-key';
import { migration008 } from './migrations/008-script-versions';
import { migration009 } from './migrations/009-snapshot-order';
import { migration010 } from './migrations/010-wrap-up-details';
import type { SqlClient } from './sql-client';

/** Numbered, append-only: a released migration is never edited, a change is a new one. */
export const migrations: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: 'initial', sql: migration001 },
  { version: 2, name: 'call-quality', sql: migration002 },
  { version: 3, name: 'agent-states', sql: migration003 },
  { version: 4, name: 'auth-sessions', sql: migration004 },
  { version: 5, name: 'login-throttle', sql: migration005 },
  { version: 6, name: 'audit-reads', sql: migration006 },
  { version: 7, name: 'interactions-team-key', sql: migration007 },
  { version: 8, name: 'script-versions', sql: migration008 },
  { version: 9, name: 'snapshot-order', sql: migration009 },
  { version: 10, name: 'wrap-up-details', sql: migration010 },
];

/**
 * Brings the schema up to date. Several server nodes may start at once: an advisory lock
 * makes them take turns, and each migration commits with its version row.
 */
export async function migrate(db: SqlClient): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(727000)');
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
    );
    let last = 0;
    for (const m of migrations) {
      last = m.version;
      if (done.has(m.version)) continue;
      // Statements one by one: the extended protocol (pg with params) takes one per call.
      for (const stmt of splitStatements(m.sql)) await tx.query(stmt);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    return last;
  });
}

/** Splits on semicolons outside $$-quoted bodies and comments. */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inDollar = false;
  for (const line of sql.split('\n')) {
    const trimmed = line.trim();
    if (!inDollar && trimmed.startsWith('--')) continue;
    cur += line + '\n';
    const dollars = line.split('$$').length - 1;
    if (dollars % 2 === 1) inDollar = !inDollar;
    if (!inDollar && trimmed.endsWith(';')) {
      out.push(cur.trim());
      cur = '';
    }
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}
