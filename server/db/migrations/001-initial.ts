/**
 * The central schema (issue 3). Plain PostgreSQL: it runs unchanged on PGlite and on a
 * real server.
 *
 * The changes feed: every synced row carries `seq`, taken from one sequence by a trigger
 * that first takes a transaction-scoped advisory lock. Writers to synced tables are thereby
 * serialised, so seq order is commit order and a reader that has seen seq N has seen every
 * seq below N: a cursor can never skip a row committed late (the classic gap of
 * sequence-based feeds under concurrent writers).
 */
export const migration001 = `
CREATE SEQUENCE change_seq;

CREATE FUNCTION assign_change_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(727001);
  NEW.seq := nextval('change_seq');
  RETURN NEW;
END $$;

CREATE TABLE teams (
  id text PRIMARY KEY,
  name text NOT NULL,
  retention_days integer NOT NULL DEFAULT 365 CHECK (retention_days BETWEEN 1 AND 3650)
);

CREATE TABLE users (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('agent', 'lead', 'admin')),
  team_id text NOT NULL REFERENCES teams (id),
  disabled boolean NOT NULL DEFAULT false
);

CREATE TABLE refresh_tokens (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  seat text NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);

CREATE TABLE queues (
  id text PRIMARY KEY,
  team_id text NOT NULL REFERENCES teams (id),
  name text NOT NULL
);

CREATE TABLE customers (
  id text PRIMARY KEY,
  team_id text NOT NULL REFERENCES teams (id),
  name text NOT NULL,
  vip boolean NOT NULL DEFAULT false,
  phones text[] NOT NULL DEFAULT '{}',
  products jsonb NOT NULL DEFAULT '[]',
  updated_at timestamptz NOT NULL DEFAULT now(),
  seq bigint NOT NULL
);
CREATE INDEX customers_feed ON customers (team_id, seq);

CREATE TABLE interactions (
  id text PRIMARY KEY,
  team_id text NOT NULL REFERENCES teams (id),
  customer_id text REFERENCES customers (id) ON DELETE SET NULL,
  phone text NOT NULL,
  occurred_at timestamptz NOT NULL,
  ended_at timestamptz,
  agent text NOT NULL,
  category text NOT NULL CHECK (category IN ('inquiry', 'complaint', 'suggestion', 'urgent')),
  priority text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'critical')),
  disposition text NOT NULL,
  notes text NOT NULL,
  -- Who filed it from where; NULL for history imported from elsewhere.
  filed_by text REFERENCES users (id),
  seat text,
  received_at timestamptz NOT NULL DEFAULT now(),
  seq bigint NOT NULL
);
CREATE INDEX interactions_feed ON interactions (team_id, seq);
CREATE INDEX interactions_by_customer ON interactions (customer_id, occurred_at DESC);

CREATE TABLE complaints (
  id text PRIMARY KEY,
  team_id text NOT NULL REFERENCES teams (id),
  customer_id text NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  opened_at timestamptz NOT NULL,
  summary text NOT NULL,
  severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
  status text NOT NULL CHECK (status IN ('open', 'investigating', 'escalated', 'closed')),
  handler text REFERENCES users (id),
  seq bigint NOT NULL
);
CREATE INDEX complaints_feed ON complaints (team_id, seq);

CREATE TABLE follow_ups (
  id text PRIMARY KEY,
  team_id text NOT NULL REFERENCES teams (id),
  customer_id text NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  due_at timestamptz NOT NULL,
  owner text NOT NULL,
  method text NOT NULL CHECK (method IN ('phone', 'sms', 'email')),
  note text NOT NULL,
  done boolean NOT NULL DEFAULT false,
  seq bigint NOT NULL
);
CREATE INDEX follow_ups_feed ON follow_ups (team_id, seq);

-- Deleted rows leave a tombstone so seats drop them too.
CREATE TABLE tombstones (
  seq bigint PRIMARY KEY,
  team_id text NOT NULL,
  entity text NOT NULL CHECK (entity IN ('customer', 'interaction', 'complaint', 'follow-up')),
  id text NOT NULL,
  deleted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tombstones_feed ON tombstones (team_id, seq);

CREATE FUNCTION record_tombstone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tombstones (seq, team_id, entity, id) VALUES (0, OLD.team_id, TG_ARGV[0], OLD.id);
  RETURN OLD;
END $$;

CREATE TRIGGER customers_seq BEFORE INSERT OR UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION assign_change_seq();
CREATE TRIGGER interactions_seq BEFORE INSERT OR UPDATE ON interactions FOR EACH ROW EXECUTE FUNCTION assign_change_seq();
CREATE TRIGGER complaints_seq BEFORE INSERT OR UPDATE ON complaints FOR EACH ROW EXECUTE FUNCTION assign_change_seq();
CREATE TRIGGER follow_ups_seq BEFORE INSERT OR UPDATE ON follow_ups FOR EACH ROW EXECUTE FUNCTION assign_change_seq();
CREATE TRIGGER tombstones_seq BEFORE INSERT ON tombstones FOR EACH ROW EXECUTE FUNCTION assign_change_seq();
CREATE TRIGGER customers_gone AFTER DELETE ON customers FOR EACH ROW EXECUTE FUNCTION record_tombstone('customer');
CREATE TRIGGER interactions_gone AFTER DELETE ON interactions FOR EACH ROW EXECUTE FUNCTION record_tombstone('interaction');
CREATE TRIGGER complaints_gone AFTER DELETE ON complaints FOR EACH ROW EXECUTE FUNCTION record_tombstone('complaint');
CREATE TRIGGER follow_ups_gone AFTER DELETE ON follow_ups FOR EACH ROW EXECUTE FUNCTION record_tombstone('follow-up');

CREATE TABLE disposition_codes (
  team_id text NOT NULL REFERENCES teams (id),
  code text NOT NULL,
  label text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (team_id, code)
);

CREATE TABLE script_templates (
  id text PRIMARY KEY,
  team_id text NOT NULL REFERENCES teams (id),
  name text NOT NULL,
  category text CHECK (category IN ('inquiry', 'complaint', 'suggestion', 'urgent')),
  steps jsonb NOT NULL DEFAULT '[]',
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE knowledge_articles (
  id text PRIMARY KEY,
  team_id text REFERENCES teams (id),
  title text NOT NULL,
  body text NOT NULL,
  tags text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Append-only: who read or changed which record, from which seat.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  user_id text NOT NULL,
  team_id text NOT NULL,
  seat text NOT NULL,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text NOT NULL
);
CREATE INDEX audit_by_team ON audit_log (team_id, at DESC);
CREATE FUNCTION audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_is_append_only();
`;
