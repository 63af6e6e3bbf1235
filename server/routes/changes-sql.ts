/**
 * Times go out as PostgreSQL's own JSON rendering of timestamptz: ISO-8601 with the session's
 * offset (UTC on our connections), e.g. 2026-03-26T13:23:16.375986+00:00. to_char() formatting
 * cost a quarter of the feed's database time; the seat normalises to '…Z' milliseconds on apply.
 */
const iso = (col: string) => col;

/**
 * Where a page ends: the seq of the $3-th change after $2 across every synced table (index
 * scans of seq only, no row bodies), or NULL when fewer than $3 remain. $1 team, $2 cursor,
 * $3 limit, $4 retention in days, $5 the reference cursor (scripts and disposition codes, below).
 */
/**
 * Scripts and disposition codes (issue 11) are not in the snapshot (ADR 0006): a seat that loaded
 * one asks the feed for them from a reference cursor of 0 ($5) while its data cursor ($2) is the
 * snapshot's head, so the first pages bring every current script and code beside the newer rows.
 * Both cursors then continue from the page's end. Without a reference cursor, $5 = $2 (ADR 0007).
 */

export const pageEndSql = `
SELECT seq FROM (
  (SELECT seq FROM customers WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3)
  UNION ALL
  (SELECT seq FROM interactions WHERE team_id = $1 AND seq > $2
     AND occurred_at > now() - make_interval(days => $4::int) ORDER BY seq LIMIT $3)
  UNION ALL
  (SELECT seq FROM complaints WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3)
  UNION ALL
  (SELECT seq FROM follow_ups WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3)
  UNION ALL
  (SELECT seq FROM tombstones WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3)
  UNION ALL
  (SELECT seq FROM script_current WHERE team_id = $1 AND seq > $5 ORDER BY seq LIMIT $3)
  UNION ALL
  (SELECT seq FROM disposition_codes WHERE team_id = $1 AND seq > $5 ORDER BY seq LIMIT $3)
) u ORDER BY seq OFFSET $3::int - 1 LIMIT 1`;

/**
 * One page of the feed for a team: every change with $2 < seq <= $3 over every synced
 * table, rendered to JSON by PostgreSQL (the server passes the text through untouched).
 * $1 team, $2 cursor, $3 page end (from pageEndSql, or the largest bigint for "to the head": a
 * plain bound, so every branch is an index range scan), $4 retention days, $5 reference cursor.
 */
export const changesPageSql = `
SELECT coalesce(json_agg(p.c ORDER BY p.seq), '[]')::text AS changes, max(p.seq) AS last, count(*)::int AS n
FROM (
  SELECT seq, c FROM (
    (SELECT seq, json_build_object('seq', seq, 'op', 'upsert', 'entity', 'customer', 'data',
        json_build_object('id', id, 'name', name, 'vip', vip, 'phones', phones, 'products', products)) AS c
      FROM customers WHERE team_id = $1 AND seq > $2 AND seq <= $3)
    UNION ALL
    (SELECT seq, json_build_object('seq', seq, 'op', 'upsert', 'entity', 'interaction', 'data',
        json_build_object('id', id, 'customerId', customer_id, 'phone', phone, 'occurredAt', ${iso('occurred_at')},
          'agent', agent, 'category', category, 'priority', priority, 'disposition', disposition, 'notes', notes))
      FROM interactions WHERE team_id = $1 AND seq > $2
        AND occurred_at > now() - make_interval(days => $4::int) AND seq <= $3)
    UNION ALL
    (SELECT seq, json_build_object('seq', seq, 'op', 'upsert', 'entity', 'complaint', 'data',
        json_build_object('id', id, 'customerId', customer_id, 'openedAt', ${iso('opened_at')}, 'summary', summary,
          'severity', severity, 'status', status))
      FROM complaints WHERE team_id = $1 AND seq > $2 AND seq <= $3)
    UNION ALL
    (SELECT seq, json_build_object('seq', seq, 'op', 'upsert', 'entity', 'follow-up', 'data',
        json_build_object('id', id, 'customerId', customer_id, 'dueAt', ${iso('due_at')}, 'owner', owner,
          'method', method, 'note', note, 'done', done))
      FROM follow_ups WHERE team_id = $1 AND seq > $2 AND seq <= $3)
    UNION ALL
    (SELECT seq, json_build_object('seq', seq, 'op', 'delete', 'entity', entity, 'id', id)
      FROM tombstones WHERE team_id = $1 AND seq > $2 AND seq <= $3)
    UNION ALL
    (SELECT c.seq, json_build_object('seq', c.seq, 'op', 'upsert', 'entity', 'script', 'data', v.body)
      FROM script_current c JOIN script_versions v
        ON v.team_id = c.team_id AND v.script_id = c.script_id AND v.version = c.version
      WHERE c.team_id = $1 AND c.seq > $5 AND c.seq <= $3)
    UNION ALL
    (SELECT seq, json_build_object('seq', seq, 'op', 'upsert', 'entity', 'disposition-code', 'data',
        json_build_object('team', team_id, 'code', code, 'labels',
          coalesce(labels, jsonb_build_object('zh-Hant', label, 'zh-Hans', label, 'en', label)), 'active', active))
      FROM disposition_codes WHERE team_id = $1 AND seq > $5 AND seq <= $3)
  ) u
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
    (SELECT max(seq) FROM script_current WHERE team_id = $1),
    (SELECT max(seq) FROM disposition_codes WHERE team_id = $1),
    0)::bigint AS head`;
