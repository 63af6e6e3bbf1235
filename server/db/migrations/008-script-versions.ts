/**
 * Guided scripts as immutable versions, and disposition codes in three languages (issue 11).
 *
 * `script_versions` holds every published version; a version is never changed or deleted (a
 * restore publishes the old body again as a new version). `script_current` points each of a
 * team's scripts at its current version: it is the synced row, so it takes its seq from the
 * feed's sequence under the feed lock (ADR 0003) like every synced table, and the feed renders
 * the body of the version it points at. Disposition codes become synced the same way; they are
 * retired (active = false), never deleted, so neither table needs tombstones.
 */
export const migration008 = `
CREATE TABLE script_versions (
  team_id text NOT NULL REFERENCES teams (id),
  script_id text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  -- The whole GuidedScript as the seats receive it (id, team and version included).
  body jsonb NOT NULL,
  published_by text NOT NULL REFERENCES users (id),
  published_at timestamptz NOT NULL,
  restored_from integer,
  PRIMARY KEY (team_id, script_id, version)
);

CREATE FUNCTION script_versions_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'script_versions are immutable: publish a new version';
END $$;
CREATE TRIGGER script_versions_immutable BEFORE UPDATE OR DELETE ON script_versions
  FOR EACH ROW EXECUTE FUNCTION script_versions_are_immutable();

CREATE TABLE script_current (
  team_id text NOT NULL REFERENCES teams (id),
  script_id text NOT NULL,
  version integer NOT NULL,
  seq bigint NOT NULL,
  PRIMARY KEY (team_id, script_id),
  FOREIGN KEY (team_id, script_id, version) REFERENCES script_versions (team_id, script_id, version)
);
CREATE INDEX script_current_feed ON script_current (team_id, seq);
CREATE TRIGGER script_current_seq BEFORE INSERT OR UPDATE ON script_current
  FOR EACH ROW EXECUTE FUNCTION assign_change_seq();

ALTER TABLE disposition_codes ADD COLUMN labels jsonb;
ALTER TABLE disposition_codes ADD COLUMN seq bigint;
CREATE TRIGGER disposition_codes_seq BEFORE INSERT OR UPDATE ON disposition_codes
  FOR EACH ROW EXECUTE FUNCTION assign_change_seq();
-- Codes from before: the one label stands for every language until a lead edits them.
UPDATE disposition_codes SET labels = jsonb_build_object('zh-Hant', label, 'zh-Hans', label, 'en', label);
ALTER TABLE disposition_codes ALTER COLUMN seq SET NOT NULL;
CREATE INDEX disposition_codes_feed ON disposition_codes (team_id, seq);
`;
