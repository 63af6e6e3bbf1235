/** ISO-8601 UTC with milliseconds, as the shared schemas expect. */
const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * One page of the feed for a team: the first $3 changes with seq > $2 over every synced
 * table, rendered to JSON by PostgreSQL (the server passes the text through untouched).
 * Each branch walks its (team_id, seq) index and stops after $3 rows.
 * $1 team, $2 cursor, $3 limit, $4 retention in days.
 */
export const changesPageSql = `
SELECT coalesce(json_agg(p.c ORDER BY p.seq), '[]')::text AS changes, max(p.seq) AS last, count(*)::int AS n
FROM (
  SELECT seq, c FROM (
    (SELECT seq, json_build_object('seq', seq, 'op', 'upsert', 'entity', 'customer', 'data',
        json_build_object('id', id, 'name', name, 'vip', vip, 'phones', phones, 'products', products)) AS c
      FROM customers WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3)
    UNION ALL
    (SELECT seq, json_build_object('seq', seq, 'op', 'upsert', 'entity', 'interaction', 'data',
        json_build_object('id', id, 'customerId', customer_id, 'phone', phone, 'occurredAt', ${iso('occurred_at')},
          'agent', agent, 'category', category, 'priority', priority, 'disposition', disposition, 'notes', notes))
      FROM interactions WHERE team_id = $1 AND seq > $2
        AND occurred_at > now() - make_interval(days => $4::int) ORDER BY seq LIMIT $3)
    UNION ALL
    (SELECT seq, json_build_object('seq', seq, 'op', 'upsert', 'entity', 'complaint', 'data',
        json_build_object('id', id, 'customerId', customer_id, 'openedAt', ${iso('opened_at')}, 'summary', summary,
          'severity', severity, 'status', status))
      FROM complaints WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3)
    UNION ALL
    (SELECT seq, json_build_object('seq', seq, 'op', 'upsert', 'entity', 'follow-up', 'data',
        json_build_object('id', id, 'customerId', customer_id, 'dueAt', ${iso('due_at')}, 'owner', owner,
          'method', method, 'note', note, 'done', done))
      FROM follow_ups WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3)
    UNION ALL
    (SELECT seq, json_build_object('seq', seq, 'op', 'delete', 'entity', entity, 'id', id)
      FROM tombstones WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3)
  ) u ORDER BY seq LIMIT $3
) p`;

export const estimateSql = `
SELECT
  (SELECT count(*) FROM customers WHERE team_id = $1)::int AS customers,
  (SELECT count(*) FROM interactions WHERE team_id = $1
     AND occurred_at > now() - make_interval(days => $2::int))::int AS interactions,
  (SELECT count(*) FROM complaints WHERE team_id = $1)::int AS complaints,
  (SELECT count(*) FROM follow_ups WHERE team_id = $1)::int AS follow_ups,
  greatest(
    (SELECT max(seq) FROM customers WHERE team_id = $1),
    (SELECT max(seq) FROM interactions WHERE team_id = $1),
    (SELECT max(seq) FROM complaints WHERE team_id = $1),
    (SELECT max(seq) FROM follow_ups WHERE team_id = $1),
    (SELECT max(seq) FROM tombstones WHERE team_id = $1),
    0)::bigint AS head`;
