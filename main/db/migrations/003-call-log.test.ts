import { describe, expect, it } from 'vitest';
import { callOutcomes } from '../../../shared';
import { openTestDatabase } from '../open-database';
import { migrate, schemaVersion } from '../migrate';

describe('migration 003 (call log)', () => {
  it('adds the call_log table and its time index to a version-2 database', () => {
    const db = openTestDatabase(2);
    migrate(db, 3);
    expect(schemaVersion(db)).toBe(3);
    const index = db
      .prepare<[], { name: string }>(
        `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'call_log' AND sql IS NOT NULL`,
      )
      .all()
      .map((r) => r.name);
    expect(index).toEqual(['call_log_by_started']);
  });

  it('accepts exactly the shared outcomes and both directions (drift fails here: write a migration)', () => {
    const db = openTestDatabase(3);
    const insert = db.prepare(
      `INSERT INTO call_log (call_id, direction, number, display_name, customer_id, started_at, answered_at, ended_at, outcome, duration_s)
       VALUES (?, ?, '2002', '', NULL, 't', NULL, 't', ?, 0)`,
    );
    callOutcomes.forEach((o, k) => insert.run(`c${k}`, k % 2 ? 'inbound' : 'outbound', o));
    expect(() => insert.run('x1', 'inbound', 'abandoned')).toThrow(/CHECK/);
    expect(() => insert.run('x2', 'sideways', 'answered')).toThrow(/CHECK/);
  });
});
