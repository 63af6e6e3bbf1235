/**
 * Sign-in sessions (issue 13). A login starts a session with an absolute end; each refresh
 * rotates the session's refresh token. A rotated token presented again means a copy was
 * taken: the whole session (every token of the family) is revoked. Sign-out revokes it too.
 *
 * Refresh tokens issued before sessions existed each become a session of their own that ends
 * when the token would have; used and expired ones are dropped (they work for nothing).
 */
export const migration004 = `
CREATE TABLE auth_sessions (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  seat text NOT NULL,
  started_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_why text CHECK (revoked_why IN ('logout', 'refresh-reuse'))
);
CREATE INDEX auth_sessions_by_user ON auth_sessions (user_id);

ALTER TABLE refresh_tokens ADD COLUMN session_id text REFERENCES auth_sessions (id);
INSERT INTO auth_sessions (id, user_id, seat, started_at, expires_at)
  SELECT token_hash, user_id, seat, now(), expires_at FROM refresh_tokens
  WHERE revoked_at IS NULL AND expires_at > now();
UPDATE refresh_tokens SET session_id = token_hash WHERE revoked_at IS NULL AND expires_at > now();
DELETE FROM refresh_tokens WHERE session_id IS NULL;
ALTER TABLE refresh_tokens ALTER COLUMN session_id SET NOT NULL;
CREATE INDEX refresh_tokens_by_session ON refresh_tokens (session_id);
`;
