import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { dispatchHostCall, type HostHandlers, type WrapUp, type WrapUpDraft } from '../../shared';
import type { Db } from '../db/migrate';
import { openTestDatabase } from '../db/open-database';
import { SeatAccountRepository } from '../db/seat-account-repository';
import { demoCustomers, hostileNote } from '../../shared/fixtures/demo-customers';
import { seedInto } from '../seed/seed-writer';
import { createDataHandlers, type DataHandlers } from './data-handlers';

const seededAt = Date.parse('2026-06-01T08:00:00.000Z');
let db: Db;
let h: DataHandlers;
let region: string;
let logs: string[];
let tick: number;

beforeEach(() => {
  db = openTestDatabase();
  seedInto(db, { customers: 50, interactions: 200, seed: 2, now: seededAt });
  region = 'TW';
  logs = [];
  tick = 0;
  const clock = () => new Date(Date.parse('2026-06-02T09:00:00.000Z') + 1000 * tick++);
  h = createDataHandlers({ db, clock, defaultRegion: () => region, log: (m) => logs.push(m) });
});

/** Who the seat is signed in as (SyncService sets it on sign-in; the filing reads it). */
const account = () => new SeatAccountRepository(db);
const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

function draft(over: Partial<WrapUpDraft> = {}): WrapUpDraft {
  return {
    callId: randomUUID(),
    customerId: demoCustomers.vip.id,
    phone: '02-2345-6789',
    startedAt: '2026-06-02T08:55:00.000Z',
    endedAt: null,
    category: 'complaint',
    priority: null,
    disposition: null,
    notes: '客戶反映',
    updatedAt: '2026-06-02T08:58:00.000Z',
    ...over,
  };
}

function wrapUp(over: Partial<WrapUp> = {}): WrapUp {
  return {
    id: randomUUID(),
    callId: randomUUID(),
    customerId: demoCustomers.vip.id,
    phone: '02-2345-6789',
    agent: '陳美玲',
    startedAt: '2026-06-02T08:55:00.000Z',
    endedAt: '2026-06-02T08:59:00.000Z',
    category: 'complaint',
    priority: 'high',
    disposition: 'escalated',
    notes: '客戶反映帳單重複扣款 <b>not bold</b>',
    ...over,
  };
}

describe('cache:screenPop', () => {
  it.each([
    ['+886 2 2345 6789', demoCustomers.vip.id],
    ['02-2345-6789', demoCustomers.vip.id],
    ['886223456789', demoCustomers.vip.id],
    ['0912345678', demoCustomers.mobile.id],
    ['+86 138 0013 8000', demoCustomers.mainland.id],
  ])('normalises %s and pops the customer holding it', async (number, id) => {
    const pop = await h['cache:screenPop']({ number });
    expect(pop.kind).toBe('known');
    expect(pop.kind === 'known' && pop.customer.id).toBe(id);
  });

  it.each([['anonymous'], ['Anonymous'], [''], ['garbage'], ['12'], ['<script>alert(1)</script>']])(
    '%j pops a new-caller card with no number, keeping the raw text',
    async (number) => {
      expect(await h['cache:screenPop']({ number })).toEqual({ kind: 'new', phone: null, rawNumber: number });
    },
  );

  it('pops a new-caller card with the E.164 number for a valid number nobody holds', async () => {
    expect(await h['cache:screenPop']({ number: '02-2999-9999' })).toEqual({
      kind: 'new',
      phone: '+886229999999',
      rawNumber: '02-2999-9999',
    });
  });

  it('reads national numbers in the current default region', async () => {
    region = 'CN';
    const pop = await h['cache:screenPop']({ number: '02-2345-6789' });
    expect(pop.kind === 'known' && pop.customer.id).not.toBe(demoCustomers.vip.id);
    expect((await h['cache:screenPop']({ number: '13800138000' })).kind).toBe('known');
  });

  it('answers through dispatchHostCall with a value that passes the contract', async () => {
    const r = await dispatchHostCall(
      h as unknown as HostHandlers,
      'cache:screenPop',
      { number: '02-2345-6789' },
      40,
    );
    expect(r.ok && (r.value as { kind: string }).kind).toBe('known');
    const bad = await dispatchHostCall(h as unknown as HostHandlers, 'cache:screenPop', { number: 42 }, 40);
    expect(bad.ok).toBe(false);
  });
});

describe('wrap-up drafts', () => {
  it('round-trips a draft, upserts by call id and stamps it with the host clock', async () => {
    const d = draft({ notes: hostileNote });
    expect(await h['wrapup:saveDraft'](d)).toEqual({ savedAt: '2026-06-02T09:00:00.000Z' });
    expect(await h['wrapup:listDrafts']({})).toEqual([d]);
    const edited = { ...d, notes: `${hostileNote} 已回電`, priority: 'high' as const };
    expect((await h['wrapup:saveDraft'](edited)).savedAt).toBe('2026-06-02T09:00:01.000Z');
    expect(await h['wrapup:listDrafts']({})).toEqual([edited]);
  });

  it('lists the newest first and discards one by call id', async () => {
    const a = draft();
    const b = draft();
    await h['wrapup:saveDraft'](a);
    await h['wrapup:saveDraft'](b);
    expect((await h['wrapup:listDrafts']({})).map((x) => x.callId)).toEqual([b.callId, a.callId]);
    expect(await h['wrapup:discardDraft']({ callId: a.callId })).toEqual({ discarded: true });
    expect(await h['wrapup:discardDraft']({ callId: a.callId })).toEqual({ discarded: false });
    expect((await h['wrapup:listDrafts']({})).map((x) => x.callId)).toEqual([b.callId]);
  });

  it('does not offer back a stored draft that fails its schema, and says so by id only', async () => {
    const callId = randomUUID();
    db.prepare(`INSERT INTO wrapup_drafts (call_id, body, saved_at) VALUES (?, ?, 't')`).run(
      callId,
      JSON.stringify({ callId, notes: 'private words', category: 'gossip' }),
    );
    expect(await h['wrapup:listDrafts']({})).toEqual([]);
    expect(logs.join('\n')).toContain(callId);
    expect(logs.join('\n')).not.toContain('private words');
  });
});

describe('wrapup:submit', () => {
  it('refuses details that name another wrap-up, and changes nothing', async () => {
    const w = wrapUp();
    await h['wrapup:saveDraft'](draft({ callId: w.callId }));
    const details = {
      wrapUpId: randomUUID(),
      filedAt: '2026-06-02T09:00:00.000Z',
      category: 'inquiry' as const,
      priority: 'normal' as const,
      dispositionCode: 'resolved',
      resolution: 'first-contact' as const,
      complaint: null,
      escalation: null,
      followUp: null,
      surveyRequested: false,
      script: null,
      acwSeconds: 5,
    };
    expect(() => h['wrapup:submit']({ ...w, details })).toThrow(/wrapUpId differs from id/);
    expect(db.prepare(`SELECT 1 FROM interactions WHERE id = ?`).get(w.id)).toBeUndefined();
    expect(await h['outbox:list']({ limit: 10 })).toEqual([]);
    expect(await h['wrapup:listDrafts']({})).toHaveLength(1);
  });

  it('files the interaction and a pending outbox row, ends the draft, and the next pop shows it first', async () => {
    const w = wrapUp();
    await h['wrapup:saveDraft'](draft({ callId: w.callId }));
    account().set({ server: 'https://central.test', userId: 'u-agent1001', username: 'agent1001' });
    expect(await h['wrapup:submit'](w)).toEqual({ interactionId: w.id, duplicate: false });

    const row = db.prepare(`SELECT * FROM interactions WHERE id = ?`).get(w.id);
    expect(row).toEqual({
      id: w.id,
      customer_id: demoCustomers.vip.id,
      phone: '+886223456789',
      occurred_at: '2026-06-02T08:55:00.000Z',
      agent: '陳美玲',
      category: 'complaint',
      priority: 'high',
      disposition: 'escalated',
      notes: '客戶反映帳單重複扣款 <b>not bold</b>',
    });
    expect(await h['wrapup:listDrafts']({})).toEqual([]);
    const [record] = await h['outbox:list']({ limit: 10 });
    expect(record).toEqual({
      id: w.id,
      kind: 'wrap-up',
      createdAt: '2026-06-02T09:00:01.000Z',
      state: 'pending',
      attempts: 0,
      rejectReason: null,
      // The server gets the number the seat filed it under (E.164), so the history it sends back matches.
      payload: { ...w, phone: '+886223456789' },
      owner: { server: 'https://central.test', username: 'agent1001' },
      waitingForOwner: false,
    });
    const pop = await h['cache:screenPop']({ number: '+886 2 2345 6789' });
    expect(pop.kind === 'known' && pop.interactions[0]?.notes).toBe(w.notes);
  });

  it('binds each record to the account signed in when it was filed; others see it waiting for its owner', async () => {
    const north = { server: 'https://central.test', userId: 'u-agent1001', username: 'agent1001' };
    account().set(north);
    const mine = wrapUp();
    await h['wrapup:submit'](mine);
    // Another agent signs in on this seat: agent1001's record is not theirs to send.
    account().set({ server: 'https://central.test', userId: 'u-agent2001', username: 'agent2001' });
    const theirs = wrapUp();
    await h['wrapup:submit'](theirs);
    // Signed out: filed by nobody the seat can name, so it is nobody's to send.
    account().clear();
    const nobodys = wrapUp();
    await h['wrapup:submit'](nobodys);
    account().set({ server: 'https://central.test', userId: 'u-agent2001', username: 'agent2001' });
    const byId = new Map((await h['outbox:list']({ limit: 10 })).map((r) => [r.id, r]));
    expect(byId.get(mine.id)).toMatchObject({ owner: { username: 'agent1001' }, waitingForOwner: true });
    expect(byId.get(theirs.id)).toMatchObject({ owner: { username: 'agent2001' }, waitingForOwner: false });
    expect(byId.get(nobodys.id)).toMatchObject({ owner: null, waitingForOwner: true });
    const owners = db
      .prepare<[], { owner_user_id: string | null }>(`SELECT owner_user_id FROM outbox ORDER BY created_at`)
      .all()
      .map((r) => r.owner_user_id);
    expect(new Set(owners)).toEqual(new Set(['u-agent1001', 'u-agent2001', null]));
  });

  it('is idempotent: the same id again reports duplicate and changes nothing', async () => {
    const w = wrapUp();
    await h['wrapup:submit'](w);
    const before = [count('interactions'), count('outbox')];
    const retry = { ...w, notes: 'edited after the first submit' };
    expect(await h['wrapup:submit'](retry)).toEqual({ interactionId: w.id, duplicate: true });
    expect([count('interactions'), count('outbox')]).toEqual(before);
    expect(db.prepare(`SELECT notes FROM interactions WHERE id = ?`).get(w.id)).toEqual({ notes: w.notes });
  });

  it('still reports duplicate once the outbox row is gone (synced and pruned)', async () => {
    const w = wrapUp();
    await h['wrapup:submit'](w);
    db.prepare(`DELETE FROM outbox WHERE id = ?`).run(w.id);
    expect(await h['wrapup:submit'](w)).toEqual({ interactionId: w.id, duplicate: true });
    expect(count('outbox')).toBe(0);
  });

  it.each([
    [
      'the outbox insert',
      `CREATE TRIGGER fail BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`,
    ],
    [
      'the draft removal',
      `CREATE TRIGGER fail BEFORE DELETE ON wrapup_drafts BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`,
    ],
  ])('is atomic: a failure at %s leaves neither row and keeps the draft', async (_step, trigger) => {
    const w = wrapUp();
    const d = draft({ callId: w.callId });
    await h['wrapup:saveDraft'](d);
    const before = [count('interactions'), count('outbox')];
    db.exec(trigger);
    expect(() => h['wrapup:submit'](w)).toThrow(/disk trouble/);
    expect([count('interactions'), count('outbox')]).toEqual(before);
    expect(db.prepare(`SELECT 1 FROM interactions WHERE id = ?`).get(w.id)).toBeUndefined();
    expect(await h['wrapup:listDrafts']({})).toEqual([d]);
    db.exec('DROP TRIGGER fail');
    expect((await h['wrapup:submit'](w)).duplicate).toBe(false);
  });

  it('files a call from a customer the cache no longer holds without a customer, keeping the payload', async () => {
    const w = wrapUp({ customerId: 'cust-gone', phone: 'anonymous' });
    await h['wrapup:submit'](w);
    expect(db.prepare(`SELECT customer_id, phone FROM interactions WHERE id = ?`).get(w.id)).toEqual({
      customer_id: null,
      phone: 'anonymous',
    });
    expect((await h['outbox:list']({ limit: 1 }))[0]?.payload.customerId).toBe('cust-gone');
  });

  it('stores call times in UTC so that history order is time order', async () => {
    const w = wrapUp({ startedAt: '2026-06-02T17:30:00+08:00' });
    await h['wrapup:submit'](w);
    expect(db.prepare(`SELECT occurred_at FROM interactions WHERE id = ?`).get(w.id)).toEqual({
      occurred_at: '2026-06-02T09:30:00.000Z',
    });
  });
});

describe('outbox:list', () => {
  it('lists the newest first, bounded by the limit, skipping a damaged row', async () => {
    const ids = [];
    for (let k = 0; k < 3; k++) {
      const w = wrapUp();
      ids.push(w.id);
      await h['wrapup:submit'](w);
    }
    db.prepare(
      `INSERT INTO outbox (id, kind, created_at, state, payload) VALUES ('broken', 'wrap-up', '2099-01-01T00:00:00.000Z', 'pending', '{}')`,
    ).run();
    expect((await h['outbox:list']({ limit: 2 })).map((r) => r.id)).toEqual([ids[2]]);
    expect((await h['outbox:list']({ limit: 10 })).map((r) => r.id)).toEqual([...ids].reverse());
    expect(logs.join('\n')).toContain('broken');
  });
});
