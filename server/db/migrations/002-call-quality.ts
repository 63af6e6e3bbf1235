/**
 * Call quality with each filed interaction (issue 4): the seat's getStats summary, and an index
 * on the worst MOS so a lead's "bad calls" search does not scan the whole history.
 */
export const migration002 = `
ALTER TABLE interactions ADD COLUMN quality jsonb;
CREATE INDEX interactions_by_min_mos ON interactions (team_id, ((quality->>'minMos')::numeric))
  WHERE quality IS NOT NULL;
`;
