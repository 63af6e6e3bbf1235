/**
 * Audit gaps (issue 13). Bulk reads are recorded once per sign-in session with their row count:
 * the snapshot as one row when its stream ends (`row_count`), the changes feed as one row at
 * the session's first non-empty page, its running total kept on the session (`feed_rows`).
 * TRUNCATE is refused as UPDATE and DELETE already are (a statement-level trigger).
 */
export const migration006 = `
ALTER TABLE audit_log ADD COLUMN row_count bigint;
ALTER TABLE auth_sessions ADD COLUMN feed_rows bigint NOT NULL DEFAULT 0;
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_is_append_only();
`;
