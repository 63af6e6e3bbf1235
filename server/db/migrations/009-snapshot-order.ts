/**
 * The snapshot's interactions leave grouped by customer, newest first (snapshot-sql.ts): the
 * order the seat stores them in, so a cold screen-pop reads one or two pages of a customer's
 * history rather than one per call (issue 10). This index gives that order without a sort.
 */
export const migration009 = `
CREATE INDEX interactions_snapshot_order ON interactions (team_id, customer_id, occurred_at DESC);
`;
