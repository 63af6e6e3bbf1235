/**
 * A filed record's id is its idempotency key within its team only (issue 13): the duplicate
 * check no longer answers whether an id exists in another team, because another team's ids are
 * not in the same key space at all.
 */
export const migration007 = `
ALTER TABLE interactions DROP CONSTRAINT interactions_pkey;
ALTER TABLE interactions ADD PRIMARY KEY (team_id, id);
`;
