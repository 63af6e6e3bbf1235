import { describe, expect, it } from 'vitest';
import { callCategories, complaintStatuses, dispositions, outboxStates, priorities } from '../../../shared';
import { openTestDatabase } from '../open-database';
import { schemaVersion } from '../migrate';

function tables(db: ReturnType<typeof openTestDatabase>): string[] {
  return db
    .prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
    .all()
    .map((r) => r.name);
}

describe('migration 001 (initial)', () => {
  it('creates the cache, drafts and outbox tables from version 0', () => {
    const before = openTestDatabase(0);
    expect(schemaVersion(before)).toBe(0);
    expect(tables(before)).toEqual([]);
    const db = openTestDatabase(1);
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual([
      'complaints',
      'customer_phones',
      'customers',
      'deferred_indexes',
      'follow_ups',
      'interactions',
      'outbox',
      'wrapup_drafts',
    ]);
  });

  it('indexes every lookup the call path makes', () => {
    const db = openTestDatabase(1);
    const indexes = db
      .prepare<[], { name: string }>(
        `SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`,
      )
      .all()
      .map((r) => r.name);
    expect(indexes).toEqual(
      expect.arrayContaining([
        'customer_phones_by_customer',
        'interactions_by_customer',
        'interactions_by_phone',
        'complaints_by_customer',
        'follow_ups_by_customer',
        'outbox_by_state',
      ]),
    );
  });

  const insertInteraction = (
    db: ReturnType<typeof openTestDatabase>,
    id: string,
    c: string,
    p: string,
    d: string,
  ) =>
    db
      .prepare(
        `INSERT INTO interactions (id, customer_id, phone, occurred_at, agent, category, priority, disposition, notes)
         VALUES (?, NULL, '+886223456789', '2026-01-01T00:00:00.000Z', 'a', ?, ?, ?, '')`,
      )
      .run(id, c, p, d);

  it('accepts exactly the shared enums in interactions (drift fails here: write a migration)', () => {
    const db = openTestDatabase(1);
    callCategories.forEach((c, k) => insertInteraction(db, `c${k}`, c, 'low', 'resolved'));
    priorities.forEach((p, k) => insertInteraction(db, `p${k}`, 'inquiry', p, 'resolved'));
    dispositions.forEach((d, k) => insertInteraction(db, `d${k}`, 'inquiry', 'low', d));
    expect(() => insertInteraction(db, 'x1', 'gossip', 'low', 'resolved')).toThrow(/CHECK/);
    expect(() => insertInteraction(db, 'x2', 'inquiry', 'urgent', 'resolved')).toThrow(/CHECK/);
    expect(() => insertInteraction(db, 'x3', 'inquiry', 'low', 'ignored')).toThrow(/CHECK/);
  });

  it('accepts the shared complaint statuses plus closed, and the outbox states', () => {
    const db = openTestDatabase(1);
    db.prepare(`INSERT INTO customers (id, name) VALUES ('k', 'K')`).run();
    const complaint = db.prepare(
      `INSERT INTO complaints (id, customer_id, opened_at, summary, severity, status) VALUES (?, 'k', 't', 's', 'low', ?)`,
    );
    [...complaintStatuses, 'closed'].forEach((s, k) => complaint.run(`c${k}`, s));
    expect(() => complaint.run('bad', 'pending')).toThrow(/CHECK/);
    const outbox = db.prepare(
      `INSERT INTO outbox (id, kind, created_at, state, payload) VALUES (?, 'wrap-up', 't', ?, '{}')`,
    );
    outboxStates.forEach((s, k) => outbox.run(`o${k}`, s));
    expect(() => outbox.run('bad', 'lost')).toThrow(/CHECK/);
  });

  it('refuses JSON columns that are not JSON and rows that point at no customer', () => {
    const db = openTestDatabase(1);
    expect(() =>
      db.prepare(`INSERT INTO customers (id, name, products) VALUES ('a', 'A', 'not json')`).run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db.prepare(`INSERT INTO wrapup_drafts (call_id, body, saved_at) VALUES ('x', '{', 't')`).run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db.prepare(`INSERT INTO customer_phones (e164, customer_id) VALUES ('+886223456789', 'nobody')`).run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('detaches history from a deleted customer and drops what only belonged to it', () => {
    const db = openTestDatabase(1);
    db.prepare(`INSERT INTO customers (id, name) VALUES ('k', 'K')`).run();
    db.prepare(`INSERT INTO customer_phones (e164, customer_id) VALUES ('+886223456789', 'k')`).run();
    insertInteraction(db, 'i1', 'inquiry', 'low', 'resolved');
    db.prepare(`UPDATE interactions SET customer_id = 'k'`).run();
    db.prepare(`DELETE FROM customers WHERE id = 'k'`).run();
    expect(db.prepare(`SELECT customer_id FROM interactions`).get()).toEqual({ customer_id: null });
    expect(db.prepare(`SELECT count(*) AS n FROM customer_phones`).get()).toEqual({ n: 0 });
  });
});
