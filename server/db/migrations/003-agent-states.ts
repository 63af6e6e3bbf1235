/**
 * Agent states (issue 4): the latest state each agent's seat published, one row per user, for
 * the team lead's live view. `seq` is the seat's monotonic counter: an upsert only replaces a
 * row with a lower seq, so an update that arrives late never overwrites a newer one.
 */
export const migration003 = `
CREATE TABLE agent_states (
  user_id text PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  team_id text NOT NULL REFERENCES teams (id),
  state text NOT NULL CHECK (state IN ('logged-out', 'ready', 'not-ready', 'on-call', 'acw')),
  reason text CHECK (reason IN ('break', 'meal', 'meeting', 'training', 'coaching', 'system-issue', 'other')),
  since timestamptz NOT NULL,
  seq bigint NOT NULL CHECK (seq >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'not-ready') = (reason IS NOT NULL))
);
CREATE INDEX agent_states_by_team ON agent_states (team_id);
`;
