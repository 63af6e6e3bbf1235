/**
 * The complete wrap-up on the server (issue 11). The interaction keeps the whole `WrapUpDetails`
 * as filed (jsonb; NULL for records filed before it). From its blocks the outbox route writes, in
 * the wrap-up's transaction: a complaint (new, or an update of the team's named one), an
 * escalation and a follow-up. Escalations are a new synced table (seq under the feed lock like
 * every synced table); they are closed, never deleted, so they need no tombstones. The added
 * complaint and follow-up columns are NULL on rows from before, which stay readable.
 */
export const migration010 = `
ALTER TABLE interactions ADD COLUMN details jsonb;

ALTER TABLE complaints ADD COLUMN complainant text;
ALTER TABLE complaints ADD COLUMN contact text;
ALTER TABLE complaints ADD COLUMN content text;
ALTER TABLE complaints ADD COLUMN nature text
  CHECK (nature IS NULL OR nature IN ('product', 'service', 'billing', 'delivery', 'other'));
-- The handler as the agent named them; handler (a users FK) stays for assigned complaints.
ALTER TABLE complaints ADD COLUMN handler_name text;
-- The last call that opened or updated it.
ALTER TABLE complaints ADD COLUMN last_interaction_id text;

ALTER TABLE follow_ups ADD COLUMN interaction_id text;

CREATE TABLE escalations (
  id text PRIMARY KEY,
  team_id text NOT NULL REFERENCES teams (id),
  interaction_id text NOT NULL,
  customer_id text REFERENCES customers (id) ON DELETE SET NULL,
  target_kind text NOT NULL CHECK (target_kind IN ('tier2', 'department')),
  department text CHECK ((target_kind = 'department') = (department IS NOT NULL)),
  handover text NOT NULL,
  deadline timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'taken', 'closed')),
  created_by text REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  seq bigint NOT NULL
);
CREATE INDEX escalations_feed ON escalations (team_id, seq);
CREATE TRIGGER escalations_seq BEFORE INSERT OR UPDATE ON escalations
  FOR EACH ROW EXECUTE FUNCTION assign_change_seq();
`;
