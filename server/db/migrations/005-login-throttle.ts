/**
 * Login throttling (issue 13): failed sign-ins counted per user, per address and per user at an
 * address, shared by every node; a key past its threshold is locked for a time that doubles with
 * each further failure. Failed logins are audited with the address they came from.
 */
export const migration005 = `
CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  last_failure_at timestamptz NOT NULL,
  locked_until timestamptz
);
ALTER TABLE audit_log ADD COLUMN address text;
`;
