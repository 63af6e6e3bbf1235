import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../open-database';
import { migrate, schemaVersion } from '../migrate';

describe('migration 004 (outbox owner)', () => {
  it('adds the owner columns and their index; rows already queued stay unowned', () => {
    const db = openTestDatabase(3);
    db.prepare(
      `INSERT INTO outbox (id, kind, created_at, state, payload) VALUES ('o', 'wrap-up', 't', 'pending', '{}')`,
    ).run();
    // A cache owner from before: a team, not a user, so it must not be taken as the record's owner.
    db.prepare(`INSERT INTO sync_state (key, value) VALUES ('owner', 'http://s|team-north')`).run();
    migrate(db, 4);
    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare(`SELECT state, owner_server, owner_user_id, owner_username FROM outbox`).get()).toEqual(
      {
        state: 'pending',
        owner_server: null,
        owner_user_id: null,
        owner_username: null,
      },
    );
    const indexes = db
      .prepare<[], { name: string }>(
        `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox' AND sql IS NOT NULL`,
      )
      .all()
      .map((r) => r.name);
    expect(indexes).toContain('outbox_by_owner');
  });
});
