/**
 * The initial-sync snapshot (ADR 0006). Every statement runs in one REPEATABLE READ transaction,
 * so the head and the four COPYs see one state. COPY takes no $n parameters: the team and the
 * retention are set as transaction-local settings first (snapshotScopeSql) and read back with
 * current_setting(), so no caller value is ever spliced into SQL text.
 */
export const snapshotScopeSql = `SELECT set_config('seatdesk.snapshot_team', $1, true),
  set_config('seatdesk.snapshot_days', $2::int::text, true)`;

/**
 * Times leave in UTC, DateStyle ISO: the seat's decoder relies on that exact form. The
 * interactions leave grouped by customer (the seat's disk layout, issue 10) by walking the
 * interactions_snapshot_order index: sorting a team's millions of rows first would hold the
 * stream back for seconds, and the planner cannot see that through current_setting().
 */
export const snapshotSessionSql = [
  `SET LOCAL TimeZone = 'UTC'`,
  `SET LOCAL DateStyle = 'ISO, YMD'`,
  `SET LOCAL enable_sort = off`,
].join('; ');

const team = `current_setting('seatdesk.snapshot_team')`;
const retained = `occurred_at > now() - make_interval(days => current_setting('seatdesk.snapshot_days')::int)`;

/**
 * The largest seq this snapshot holds for the team (the same rows as the feed: interactions
 * within retention, and tombstones). Seq order is commit order (ADR 0003), so every change at
 * or below it is in the snapshot and every later one comes through the feed after it.
 */
export const snapshotHeadSql = `
SELECT greatest(
  (SELECT max(seq) FROM customers WHERE team_id = ${team}),
  (SELECT max(seq) FROM interactions WHERE team_id = ${team} AND ${retained}),
  (SELECT max(seq) FROM complaints WHERE team_id = ${team}),
  (SELECT max(seq) FROM follow_ups WHERE team_id = ${team}),
  (SELECT max(seq) FROM tombstones WHERE team_id = ${team}),
  0)::bigint AS head`;

/** One COPY per section, columns in the order of shared/server-api/snapshot.ts. */
export const snapshotCopySql = {
  customer: `COPY (SELECT id, name, vip, array_to_string(phones, ','), products
    FROM customers WHERE team_id = ${team}) TO STDOUT`,
  interaction: `COPY (SELECT id, customer_id, phone, occurred_at, agent, category, priority, disposition, notes
    FROM interactions WHERE team_id = ${team} AND ${retained}
    ORDER BY customer_id, occurred_at DESC) TO STDOUT`,
  complaint: `COPY (SELECT id, customer_id, opened_at, summary, severity, status
    FROM complaints WHERE team_id = ${team}) TO STDOUT`,
  'follow-up': `COPY (SELECT id, customer_id, due_at, owner, method, note, done
    FROM follow_ups WHERE team_id = ${team}) TO STDOUT`,
} as const;
