import { describe, expect, it } from 'vitest';
import type { Change } from '../../shared';
import { CacheSyncRepository } from './cache-sync-repository';
import { openTestDatabase } from './open-database';
import { OutboxRepository } from './outbox-repository';

const customer = (seq: number, id: string, phones: string[], name = 'N'): Change => ({
  seq,
  op: 'upsert',
  entity: 'customer',
  data: { id, name, vip: false, phones, products: [] },
});
const interaction = (seq: number, id: string, customerId: string | null): Change => ({
  seq,
  op: 'upsert',
  entity: 'interaction',
  data: {
    id,
    customerId,
    phone: '+886223456789',
    occurredAt: '2026-11-01T00:00:00+08:00',
    agent: 'a',
    category: 'inquiry',
    priority: 'low',
    disposition: 'resolved',
    notes: '',
  },
});

describe('CacheSyncRepository', () => {
  it('applies upserts, phone changes and deletes, and moves the cursor with them', () => {
    const db = openTestDatabase();
    const repo = new CacheSyncRepository(db);
    repo.applyPage([customer(1, 'c1', ['+886223456789', '+886912345678']), interaction(2, 'i1', 'c1')], 2);
    repo.applyPage([customer(3, 'c1', ['+886912345678'], 'Renamed')], 3);
    expect(db.prepare('SELECT name FROM customers').all()).toEqual([{ name: 'Renamed' }]);
    expect(db.prepare('SELECT e164 FROM customer_phones').all()).toEqual([{ e164: '+886912345678' }]);
    // Times are stored as UTC whatever offset the server used.
    expect(db.prepare('SELECT occurred_at FROM interactions').get()).toEqual({
      occurred_at: '2026-10-31T16:00:00.000Z',
    });
    repo.applyPage([{ seq: 4, op: 'delete', entity: 'customer', id: 'c1' }], 4);
    expect(db.prepare('SELECT customer_id FROM interactions').get()).toEqual({ customer_id: null });
    expect(repo.cursor()).toBe(4);
  });

  it('keeps history whose customer the seat does not hold, by number', () => {
    const db = openTestDatabase();
    const repo = new CacheSyncRepository(db);
    repo.applyPage([interaction(1, 'i1', 'not-here')], 1);
    expect(db.prepare('SELECT customer_id, phone FROM interactions').get()).toEqual({
      customer_id: null,
      phone: '+886223456789',
    });
  });

  it('applies a page all or nothing: a failing row leaves rows and cursor as they were', () => {
    const db = openTestDatabase();
    const repo = new CacheSyncRepository(db);
    repo.applyPage([customer(1, 'c1', [])], 1);
    const bad = {
      ...customer(2, 'c2', []),
      data: { id: 'c2', name: 'x', vip: false, phones: [], products: [] },
    } as Change;
    db.exec(
      `CREATE TRIGGER boom BEFORE INSERT ON customers WHEN NEW.id = 'c3' BEGIN SELECT RAISE(ABORT, 'boom'); END`,
    );
    expect(() => repo.applyPage([bad, customer(3, 'c3', [])], 3)).toThrow(/boom/);
    expect(db.prepare('SELECT id FROM customers').all()).toEqual([{ id: 'c1' }]);
    expect(repo.cursor()).toBe(1);
  });

  it("wipes the server's rows and the call history for a new owner but keeps the outbox and drafts", () => {
    const db = openTestDatabase();
    const repo = new CacheSyncRepository(db);
    repo.applyPage([customer(1, 'c1', ['+886223456789'])], 1);
    db.prepare(
      `INSERT INTO outbox (id, kind, created_at, state, payload) VALUES ('o', 'wrap-up', 't', 'pending', '{}')`,
    ).run();
    db.prepare(
      `INSERT INTO call_log (call_id, direction, number, display_name, customer_id, started_at,
         answered_at, ended_at, outcome, duration_s) VALUES ('c', 'inbound', '+886223456789', '', NULL,
         '2026-11-25T01:00:00.000Z', NULL, '2026-11-25T01:00:09.000Z', 'missed', 0)`,
    ).run();
    repo.resetForOwner('https://other|team-b');
    expect(db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM call_log').get()).toEqual({ n: 0 });
    // Kept (unowned here: the test files it with nobody signed in), never wiped with the cache.
    expect(new OutboxRepository(db).counts().waitingForOwner).toBe(1);
    expect(repo.cursor()).toBe(0);
    expect(repo.state('owner')).toBe('https://other|team-b');
  });
});
