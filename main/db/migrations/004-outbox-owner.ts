import type { Migration } from './migration';

/**
 * Every outbox record is bound to the account that filed it (issue 13): the server it was
 * filed against and that server's user. The drainer sends a record only under that user's
 * session on that server, so a seat that changes hands never files one agent's wrap-ups
 * under another's name or team.
 *
 * Rows that exist when this runs stay unowned (all three columns NULL): nothing on the seat
 * says who filed them (the cache owner key names a team, not a user), and guessing would send
 * them under whoever signs in next, the very bug this closes. Unowned rows are kept and listed
 * as "waiting for its owner"; they are never sent automatically.
 */
export const migration004: Migration = {
  version: 4,
  name: 'outbox-owner',
  up: `
    ALTER TABLE outbox ADD COLUMN owner_server TEXT;
    ALTER TABLE outbox ADD COLUMN owner_user_id TEXT;
    -- For the listing ("waiting for agent1001"); matching is on the id, which never changes.
    ALTER TABLE outbox ADD COLUMN owner_username TEXT;
    -- What the drainer reads: one owner's pending rows, oldest first.
    CREATE INDEX outbox_by_owner ON outbox (owner_server, owner_user_id, state, created_at, id);
  `,
};
