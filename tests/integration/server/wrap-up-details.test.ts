import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WrapUp, WrapUpDetails } from '../../../shared';
import { dialects, startTestServer, stopPostgresCluster, testPassword } from '../../helpers/server-dialects';
import { http, login } from '../../helpers/server-http';

afterAll(stopPostgresCluster);

const filedAt = new Date().toISOString();
const later = new Date(Date.now() + 86_400_000).toISOString();

const details = (wrapUpId: string, over: Partial<WrapUpDetails> = {}): WrapUpDetails => ({
  wrapUpId,
  filedAt,
  category: 'complaint',
  priority: 'high',
  dispositionCode: 'resolved',
  resolution: 'escalated',
  complaint: {
    complaintId: null,
    complainant: 'Chen',
    contact: '+886223456789',
    content: 'The parcel came broken',
    occurredAt: filedAt,
    nature: 'delivery',
    severity: 'high',
    handler: 'Agent',
  },
  escalation: { target: { kind: 'tier2' }, handover: 'Replace the parcel', deadline: later },
  followUp: { owner: 'agent1001', dueAt: later, method: 'sms' },
  surveyRequested: true,
  script: null,
  acwSeconds: 42,
  ...over,
});

const wrapUp = (over: Partial<WrapUp> = {}, d: Partial<WrapUpDetails> = {}): WrapUp => {
  const id = over.id ?? randomUUID();
  return {
    id,
    callId: randomUUID(),
    customerId: 'cust-demo-vip',
    phone: '+886223456789',
    agent: 'Agent',
    startedAt: '2026-11-25T01:00:00.000Z',
    endedAt: '2026-11-25T01:05:00.000Z',
    category: 'complaint',
    priority: 'high',
    disposition: 'resolved',
    notes: 'n',
    details: details(id, d),
    ...over,
  };
};

describe.each(dialects)('the complete wrap-up on %s', (dialect) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let north: string;
  const push = (w: WrapUp, token = north) =>
    http(server.url, 'POST', '/v1/outbox', {
      token,
      json: { records: [{ id: w.id, kind: 'wrap-up', payload: w }] },
    });
  const count = async (table: string, where: string, params: unknown[]) =>
    Number(
      (await server.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params))[0]!
        .n,
    );

  beforeAll(async () => {
    server = await startTestServer(dialect);
    north = (await login(server.url, 'agent1001', testPassword)).accessToken;
  });
  afterAll(async () => server?.close());

  it('stores the details, opens a complaint, an escalation and a follow-up; a duplicate changes nothing', async () => {
    const w = wrapUp();
    expect((await push(w)).body).toEqual({ results: [{ id: w.id, status: 'accepted' }] });
    const [row] = await server.db.query<{ details: WrapUpDetails }>(
      `SELECT details FROM interactions WHERE id = $1`,
      [w.id],
    );
    expect(row!.details).toEqual(w.details);
    const complaints = await server.db.query<{ status: string; nature: string; customer_id: string }>(
      `SELECT status, nature, customer_id FROM complaints WHERE last_interaction_id = $1`,
      [w.id],
    );
    expect(complaints).toEqual([{ status: 'escalated', nature: 'delivery', customer_id: 'cust-demo-vip' }]);
    const escalations = await server.db.query<{
      target_kind: string;
      handover: string;
      status: string;
      team_id: string;
    }>(`SELECT target_kind, handover, status, team_id FROM escalations WHERE interaction_id = $1`, [w.id]);
    expect(escalations).toEqual([
      { target_kind: 'tier2', handover: 'Replace the parcel', status: 'open', team_id: 'team-north' },
    ]);
    const followUps = await server.db.query<{ owner: string; method: string; done: boolean }>(
      `SELECT owner, method, done FROM follow_ups WHERE interaction_id = $1`,
      [w.id],
    );
    expect(followUps).toEqual([{ owner: 'agent1001', method: 'sms', done: false }]);
    expect(await count('audit_log', `action = 'file-escalation'`, [])).toBeGreaterThan(0);

    // The same record again (a retry after a lost answer): nothing is written twice.
    expect((await push(w)).body).toEqual({ results: [{ id: w.id, status: 'duplicate' }] });
    expect(await count('complaints', 'last_interaction_id = $1', [w.id])).toBe(1);
    expect(await count('escalations', 'interaction_id = $1', [w.id])).toBe(1);
    expect(await count('follow_ups', 'interaction_id = $1', [w.id])).toBe(1);
  });

  it('updates the team’s named complaint with its status, and refuses another team’s', async () => {
    await server.db.query(
      `INSERT INTO complaints (id, team_id, customer_id, opened_at, summary, severity, status, seq)
       VALUES ('cmp-north-1', 'team-north', 'cust-demo-vip', now(), 'old', 'low', 'open', 0)`,
    );
    await server.db.query(
      `INSERT INTO customers (id, team_id, name, vip, phones, products, seq)
       VALUES ('cust-south-x', 'team-south', 'South', false, '{}', '[]', 0)`,
    );
    await server.db.query(
      `INSERT INTO complaints (id, team_id, customer_id, opened_at, summary, severity, status, seq)
       VALUES ('cmp-south-1', 'team-south', 'cust-south-x', now(), 'theirs', 'low', 'open', 0)`,
    );
    const complaint = { ...details('x').complaint!, complaintId: 'cmp-north-1' };
    const w = wrapUp({}, { resolution: 'first-contact', escalation: null, followUp: null, complaint });
    expect((await push(w)).body).toEqual({ results: [{ id: w.id, status: 'accepted' }] });
    expect(
      await server.db.query(
        `SELECT status, summary, last_interaction_id FROM complaints WHERE id = 'cmp-north-1'`,
      ),
    ).toEqual([{ status: 'closed', summary: 'The parcel came broken', last_interaction_id: w.id }]);

    const foreign = wrapUp({}, { complaint: { ...complaint, complaintId: 'cmp-south-1' } });
    expect((await push(foreign)).body).toEqual({
      results: [
        {
          id: foreign.id,
          status: 'rejected',
          reason: 'complaint "cmp-south-1" is not one of your team’s complaints',
        },
      ],
    });
    expect(await count('interactions', 'id = $1', [foreign.id])).toBe(0);
    expect(await server.db.query(`SELECT status, summary FROM complaints WHERE id = 'cmp-south-1'`)).toEqual([
      { status: 'open', summary: 'theirs' },
    ]);
  });

  it('refuses a retired or unknown code, an incomplete wrap-up and a mismatched wrapUpId, writing nothing', async () => {
    await server.db.query(
      `INSERT INTO disposition_codes (team_id, code, label, labels, active, seq)
       VALUES ('team-north', 'old-code', 'Old', '{"zh-Hant":"Old","zh-Hans":"Old","en":"Old"}', false, 0)`,
    );
    const retired = wrapUp({}, { dispositionCode: 'old-code' });
    const unknown = wrapUp({}, { dispositionCode: 'no-such-code' });
    const incomplete = wrapUp({}, { escalation: null });
    const mismatched = wrapUp({}, { wrapUpId: randomUUID() });
    const reasons: Record<string, string> = {};
    for (const w of [retired, unknown, incomplete, mismatched]) {
      const { body } = await push(w);
      const [result] = (body as { results: { status: string; reason: string }[] }).results;
      expect(result!.status).toBe('rejected');
      reasons[w.id] = result!.reason;
      expect(await count('interactions', 'id = $1', [w.id])).toBe(0);
      expect(await count('escalations', 'interaction_id = $1', [w.id])).toBe(0);
      expect(await count('follow_ups', 'interaction_id = $1', [w.id])).toBe(0);
      expect(await count('complaints', 'last_interaction_id = $1', [w.id])).toBe(0);
    }
    expect(reasons[retired.id]).toBe(
      'disposition code "old-code" is retired in your team: new records need an active code',
    );
    expect(reasons[unknown.id]).toBe('disposition code "no-such-code" is not one of your team’s codes');
    expect(reasons[incomplete.id]).toContain('escalation.target: requiredForEscalation');
    expect(reasons[mismatched.id]).toBe(
      'the wrap-up details belong to another wrap-up (wrapUpId differs from id)',
    );
  });
});
