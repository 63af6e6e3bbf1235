import { dispositions } from '../../shared';
import { demoCustomers } from '../../shared/fixtures/demo-customers';
import { fixtureRows } from '../../shared/fixtures/fixture-rows';
import { hashPassword } from '../auth/password';
import type { Queryable, SqlClient } from '../db/sql-client';

export const demoTeams = {
  north: { id: 'team-north', name: '北區客服 North' },
  south: { id: 'team-south', name: '南區客服 South' },
} as const;

export const demoUsers = [
  {
    id: 'u-agent1001',
    username: 'agent1001',
    displayName: '林雅婷 Grace Lin',
    role: 'agent',
    team: 'team-north',
  },
  {
    id: 'u-agent1002',
    username: 'agent1002',
    displayName: '張志明 Chih-ming Chang',
    role: 'agent',
    team: 'team-north',
  },
  { id: 'u-agent2001', username: 'agent2001', displayName: '李娜 Li Na', role: 'agent', team: 'team-south' },
  {
    id: 'u-lead-north',
    username: 'lead-north',
    displayName: '陳美玲 Mei-ling Chen',
    role: 'lead',
    team: 'team-north',
  },
  { id: 'u-admin', username: 'admin', displayName: 'Administrator', role: 'admin', team: 'team-north' },
] as const;

const dispositionLabels: Record<(typeof dispositions)[number], string> = {
  resolved: '已解決 Resolved',
  escalated: '已升級 Escalated',
  transferred: '已轉接 Transferred',
  'callback-scheduled': '已排回電 Callback scheduled',
  'information-sent': '已寄送資料 Information sent',
  'no-action-needed': '無需處理 No action needed',
};

export interface SeedOptions {
  /** Every demo user gets this password. */
  password: string;
  /** Generated customers in team-north (besides the fixtures). */
  customers: number;
  /** Generated interactions spread over those customers. */
  interactions: number;
  now?: Date;
}

/** Idempotent: rows that exist are left alone (ON CONFLICT DO NOTHING). */
export async function seedServer(db: SqlClient, opts: SeedOptions): Promise<void> {
  const hash = await hashPassword(opts.password);
  const now = (opts.now ?? new Date()).getTime();
  await db.transaction(async (tx) => {
    for (const t of Object.values(demoTeams)) {
      await tx.query(`INSERT INTO teams (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [t.id, t.name]);
      for (const code of dispositions) {
        await tx.query(
          `INSERT INTO disposition_codes (team_id, code, label) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
          [t.id, code, dispositionLabels[code]],
        );
      }
      await tx.query(`INSERT INTO queues (id, team_id, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
        `q-${t.id}`,
        t.id,
        t.name,
      ]);
    }
    for (const u of demoUsers) {
      await tx.query(
        `INSERT INTO users (id, username, display_name, password_hash, role, team_id)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [u.id, u.username, u.displayName, hash, u.role, u.team],
      );
    }
    await seedReference(tx);
    await seedFixtures(tx, now);
  });
  if (opts.customers > 0) {
    await seedBulk(db, opts.customers, opts.interactions);
    // Fresh statistics, or the planner may not trust the feed indexes on a just-loaded table.
    await db.exec('ANALYZE');
  }
}

async function seedReference(tx: Queryable): Promise<void> {
  await tx.query(
    `INSERT INTO script_templates (id, team_id, name, category, steps) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING`,
    [
      'script-inquiry',
      demoTeams.north.id,
      '一般諮詢 General inquiry',
      'inquiry',
      JSON.stringify([
        {
          title: '開場 Opening',
          text: '您好，這裡是客服中心，我是{agent}，請問{customer}有什麼可以協助您？',
        },
        { title: '確認問題 Confirm', text: '跟您確認一下，您的問題是……，對嗎？' },
        { title: '解決 Solution', text: '' },
        { title: '結束 Closing', text: '請問還有其他需要協助的地方嗎？感謝您的來電。' },
      ]),
    ],
  );
  await tx.query(
    `INSERT INTO knowledge_articles (id, team_id, title, body, tags) VALUES ($1, NULL, $2, $3, $4)
     ON CONFLICT DO NOTHING`,
    [
      'kb-roaming',
      '國際漫遊資費 International roaming',
      '日租型漫遊每日 NT$199 吃到飽……',
      ['roaming', '漫遊'],
    ],
  );
}

async function seedFixtures(tx: Queryable, now: number): Promise<void> {
  const team = demoTeams.north.id;
  const rows = fixtureRows(now);
  for (const c of rows.customers) {
    const [id, name, vip, products] = c.customer;
    const phones = c.phones.map(([e164]) => e164);
    await tx.query(
      `INSERT INTO customers (id, team_id, name, vip, phones, products, seq) VALUES ($1, $2, $3, $4, $5, $6, 0)
       ON CONFLICT DO NOTHING`,
      [id, team, name, vip === 1, phones, products],
    );
    for (const [cid, customerId, openedAt, summary, severity, status] of c.complaints) {
      await tx.query(
        `INSERT INTO complaints (id, team_id, customer_id, opened_at, summary, severity, status, seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0) ON CONFLICT DO NOTHING`,
        [cid, team, customerId, openedAt, summary, severity, status],
      );
    }
    for (const [fid, customerId, dueAt, owner, method, note, done] of c.followUps) {
      await tx.query(
        `INSERT INTO follow_ups (id, team_id, customer_id, due_at, owner, method, note, done, seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0) ON CONFLICT DO NOTHING`,
        [fid, team, customerId, dueAt, owner, method, note, done === 1],
      );
    }
  }
  for (const [
    id,
    customerId,
    phone,
    occurredAt,
    agent,
    category,
    priority,
    disposition,
    notes,
  ] of rows.interactions) {
    await tx.query(
      `INSERT INTO interactions (id, team_id, customer_id, phone, occurred_at, agent, category, priority,
         disposition, notes, seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0) ON CONFLICT DO NOTHING`,
      [id, team, customerId, phone, occurredAt, agent, category, priority, disposition, notes],
    );
  }
  // The south team has one customer of its own, so team isolation is visible in the demo.
  await tx.query(
    `INSERT INTO customers (id, team_id, name, vip, phones, seq) VALUES ('cust-south-1', $1, '南部客戶', false,
       ARRAY['+88672345678'], 0) ON CONFLICT DO NOTHING`,
    [demoTeams.south.id],
  );
}

/**
 * A bulk batch: the feed's lock taken once for the whole batch and seq assigned in the INSERT
 * itself, with per-row triggers off for this transaction only (a superuser setting; seeding is
 * a demo/bench tool). Same ordering guarantee as the trigger, a fraction of the cost.
 */
async function bulkTx(db: SqlClient, fn: (tx: Queryable) => Promise<unknown>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(727001)');
    await tx.query('SET LOCAL session_replication_role = replica');
    await fn(tx);
  });
}

/**
 * Bulk rows generated inside PostgreSQL (generate_series), in batches so the seed's progress
 * survives an interruption and memory stays flat. Ids `gc-…`/`gi-…` never meet the fixtures'.
 */
async function seedBulk(db: SqlClient, customers: number, interactions: number): Promise<void> {
  const [have] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM customers WHERE id LIKE 'gc-%'`,
  );
  const start = have?.n ?? 0;
  const batch = 100_000;
  for (let lo = start + 1; lo <= customers; lo += batch) {
    const hi = Math.min(customers, lo + batch - 1);
    await bulkTx(db, (tx) =>
      tx.query(
        `INSERT INTO customers (id, team_id, name, vip, phones, products, seq)
       SELECT 'gc-' || lpad(i::text, 8, '0'), $3,
              (ARRAY['陳','林','黃','張','李','王','吳','劉','蔡','楊'])[1 + i % 10] ||
              (ARRAY['志明','淑芬','建宏','美玲','俊傑','雅婷','家豪','怡君','宗翰','佳穎'])[1 + (i / 10) % 10],
              i % 97 = 0,
              ARRAY['+88693' || lpad(i::text, 7, '0')],
              '["光纖上網 300M"]'::jsonb, nextval('change_seq')
       FROM generate_series($1::int, $2::int) AS i ON CONFLICT DO NOTHING`,
        [lo, hi, demoTeams.north.id],
      ),
    );
  }
  const [haveI] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM interactions WHERE id LIKE 'gi-%'`,
  );
  for (let lo = (haveI?.n ?? 0) + 1; lo <= interactions && customers > 0; lo += batch) {
    const hi = Math.min(interactions, lo + batch - 1);
    await bulkTx(db, (tx) =>
      tx.query(
        `INSERT INTO interactions (id, team_id, customer_id, phone, occurred_at, agent, category, priority,
         disposition, notes, seq)
       SELECT 'gi-' || lpad(i::text, 9, '0'), $4, 'gc-' || lpad((1 + i % $3)::text, 8, '0'),
              '+88693' || lpad((1 + i % $3)::text, 7, '0'),
              now() - make_interval(mins => ((i::bigint * 7919) % 432000)::int),
              (ARRAY['Grace Lin','張志明','李娜'])[1 + i % 3],
              (ARRAY['inquiry','complaint','suggestion','urgent'])[1 + i % 4],
              (ARRAY['low','normal','high','critical'])[1 + (i / 4) % 4],
              (ARRAY['resolved','escalated','transferred','callback-scheduled','information-sent','no-action-needed'])[1 + i % 6],
              '來電詢問帳單明細，已說明。', nextval('change_seq')
       FROM generate_series($1::int, $2::int) AS i ON CONFLICT DO NOTHING`,
        [lo, hi, customers, demoTeams.north.id],
      ),
    );
  }
}

export { demoCustomers };
