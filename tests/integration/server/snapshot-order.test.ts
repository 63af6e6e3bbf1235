import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSnapshotRow, parseSnapshotMarker, type SyncedEntity } from '../../../shared';
import { snapshotCopySql, snapshotScopeSql, snapshotSessionSql } from '../../../server/routes/snapshot-sql';
import { dialects, startTestServer, stopPostgresCluster, testPassword } from '../../helpers/server-dialects';
import { login } from '../../helpers/server-http';

afterAll(stopPostgresCluster);

/**
 * The seat stores the snapshot's interactions in the order they arrive, so that order is the
 * cache's layout on disk: grouped by customer, a cold screen-pop reads one or two pages of
 * history instead of one page per call (issue 10).
 */
describe.each(dialects)('the initial-sync snapshot on %s', (dialect) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let agent: string;

  beforeAll(async () => {
    server = await startTestServer(dialect, { customers: 300, interactions: 3000 });
    agent = (await login(server.url, 'agent1001', testPassword, 'seat-order')).accessToken;
  });
  afterAll(async () => server?.close());

  it('streams each customer’s interactions together, newest first, unknown callers last', async () => {
    const res = await fetch(`${server.url}/v1/sync/snapshot`, {
      headers: { authorization: `Bearer ${agent}` },
    });
    expect(res.status).toBe(200);
    let section: SyncedEntity | null = null;
    const rows: { customer: string | null; at: string }[] = [];
    for (const line of (await res.text()).split('\n')) {
      const m = parseSnapshotMarker(line);
      if (m?.kind === 'begin') section = m.entity;
      else if (m?.kind === 'end') section = null;
      else if (m === null && section === 'interaction' && line !== '') {
        const row = decodeSnapshotRow('interaction', line);
        rows.push({ customer: row[1] === null ? null : String(row[1]), at: String(row[3]) });
      }
    }
    expect(rows.length).toBeGreaterThan(1000);
    const seen = new Set<string | null>();
    for (const [k, r] of rows.entries()) {
      const prev = rows[k - 1];
      if (prev && prev.customer === r.customer) {
        expect(r.at <= prev.at, `customer ${r.customer}: newest first`).toBe(true);
        continue;
      }
      expect(seen.has(r.customer), `customer ${r.customer} in one run`).toBe(false);
      if (prev?.customer === null) expect(r.customer, 'unknown callers come last').toBeNull();
      seen.add(r.customer);
    }
    expect(seen.size).toBeGreaterThan(100);
  });

  it('walks an index for that order: no sort holds the stream back', async () => {
    const select = snapshotCopySql.interaction.replace(/^COPY \(/, '').replace(/\) TO STDOUT$/, '');
    const plan = await server.db.transaction(async (tx) => {
      for (const sql of snapshotSessionSql.split('; ')) await tx.query(sql);
      await tx.query(snapshotScopeSql, ['team-north', 365]);
      return tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${select}`);
    });
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toContain('interactions_snapshot_order');
    expect(text).not.toMatch(/\bSort\b/);
  });
});
