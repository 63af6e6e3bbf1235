import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchHostCall, type CallRecord, type HostHandlers } from '../../shared';
import { createCallLogHandlers } from '../services/call-log-handlers';
import { CallLogRepository, callLogSql, talkSeconds } from './call-log-repository';
import { openDatabase, type Db } from './open-database';
import { queryPlan, slowPlanSteps } from './query-plan';

let dir: string;
let db: Db;
let repo: CallLogRepository;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'seatdesk-call-log-'));
  db = openDatabase(join(dir, 'seatdesk.db'));
  repo = new CallLogRepository(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A call that started `minute` minutes after 09:00 and was answered 5 s later, 65 s of talk. */
function call(minute: number, over: Partial<CallRecord> = {}): CallRecord {
  const at = (s: number) => new Date(Date.parse('2026-06-02T09:00:00.000Z') + minute * 60_000 + s * 1000);
  return {
    callId: randomUUID(),
    direction: 'inbound',
    number: '+886223456789',
    displayName: '王小明',
    customerId: 'cust-1',
    startedAt: at(0).toISOString(),
    answeredAt: at(5).toISOString(),
    endedAt: at(70).toISOString(),
    outcome: 'answered',
    ...over,
  };
}

describe('CallLogRepository (a real SQLite file)', () => {
  it('stores a call with its talk time and reads it back', () => {
    const c = call(0);
    expect(repo.add(c)).toEqual({ added: true });
    expect(repo.recent(10)).toEqual([{ ...c, durationSeconds: 65 }]);
  });

  it('is idempotent on the call id: a second report changes nothing', () => {
    const c = call(0);
    repo.add(c);
    expect(repo.add({ ...c, outcome: 'transferred', displayName: 'other' })).toEqual({ added: false });
    expect(repo.recent(10)).toEqual([{ ...c, durationSeconds: 65 }]);
  });

  it('survives a reopen (it is on disk, not in memory)', () => {
    const c = call(0);
    repo.add(c);
    db.close();
    db = openDatabase(join(dir, 'seatdesk.db'));
    expect(new CallLogRepository(db).recent(1).map((r) => r.callId)).toEqual([c.callId]);
  });

  it('pages newest first with a keyset cursor, ties on the time broken by call id', () => {
    const calls = [0, 1, 1, 1, 2, 3, 4].map((m) => call(m));
    for (const c of calls) repo.add(c);
    const expected = [...calls]
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.callId.localeCompare(a.callId))
      .map((c) => c.callId);
    const seen: string[] = [];
    let page = repo.recent(3);
    while (page.length) {
      seen.push(...page.map((r) => r.callId));
      const last = page.at(-1)!;
      page = repo.recent(3, { startedAt: last.startedAt, callId: last.callId });
    }
    expect(seen).toEqual(expected);
  });

  it('normalises times to UTC so text order is time order', () => {
    const c = call(0, {
      startedAt: '2026-06-02T17:00:00+08:00',
      answeredAt: '2026-06-02T17:00:02+08:00',
      endedAt: '2026-06-02T17:00:12+08:00',
    });
    repo.add(c);
    repo.add(call(30)); // 09:30Z, later than 17:00+08 (= 09:00Z)
    const [newest, older] = repo.recent(2);
    expect(newest?.startedAt).toBe('2026-06-02T09:30:00.000Z');
    expect(older).toMatchObject({ startedAt: '2026-06-02T09:00:00.000Z', durationSeconds: 10 });
  });

  it('prunes calls older than the retention cut-off', () => {
    for (const m of [0, 10, 20]) repo.add(call(m));
    expect(repo.pruneBefore('2026-06-02T09:10:00.000Z')).toBe(1);
    expect(repo.recent(10)).toHaveLength(2);
  });

  it('drops (and logs by id only) a row damaged outside the app', () => {
    const logs: string[] = [];
    const logged = new CallLogRepository(db, (m) => logs.push(m));
    const c = call(0);
    logged.add(c);
    db.prepare(`UPDATE call_log SET started_at = 'yesterday'`).run();
    expect(logged.recent(10)).toEqual([]);
    expect(logs.join('\n')).toContain(c.callId);
    expect(logs.join('\n')).not.toContain('王小明');
  });

  it('serves the history from the index: walked newest first and stopped at the limit, no sort', () => {
    for (const m of [0, 1, 2]) repo.add(call(m));
    const latest = queryPlan(db, callLogSql.latest, [50]);
    // The first page has no WHERE: an index walk in order that stops after `limit` rows.
    expect(latest).toEqual(['SCAN call_log USING INDEX call_log_by_started']);
    const before = queryPlan(db, callLogSql.before, ['2026-06-02T09:01:00.000Z', randomUUID(), 50]);
    expect(slowPlanSteps(before)).toEqual([]);
    expect(before.join('\n')).toContain('call_log_by_started');
  });

  it('counts talk time from the answer, and none for an unanswered call', () => {
    expect(talkSeconds({ answeredAt: null, endedAt: '2026-06-02T09:00:00.000Z' })).toBe(0);
    expect(talkSeconds({ answeredAt: '2026-06-02T09:00:00.000Z', endedAt: '2026-06-02T09:01:29.600Z' })).toBe(
      90,
    );
  });
});

describe('calls:record and calls:recent through the contract', () => {
  const handlers = () =>
    createCallLogHandlers({ calls: repo, defaultRegion: () => 'TW' }) as unknown as HostHandlers;
  const record = (input: unknown) => dispatchHostCall(handlers(), 'calls:record', input, 1000);

  it('records once, in E.164 when the number parses, and reads back through the output schema', async () => {
    const c = call(0, { number: '02-2345-6789' });
    expect(await record(c)).toEqual({ ok: true, value: { recorded: true } });
    expect(await record(c)).toEqual({ ok: true, value: { recorded: false } });
    const ext = call(1, { number: '2002', direction: 'outbound', customerId: null, displayName: '' });
    await record(ext);
    const r = await dispatchHostCall(handlers(), 'calls:recent', { limit: 10 }, 100);
    expect(r.ok && (r.value as { number: string }[]).map((x) => x.number)).toEqual(['2002', '+886223456789']);
  });

  it.each<[string, Record<string, unknown>]>([
    ['an unknown outcome', { outcome: 'abandoned' }],
    ['a missed call with an answer time', { outcome: 'missed' }],
    ['an answered call without one', { answeredAt: null }],
    ['an end before the start', { endedAt: '2026-06-02T08:00:00.000Z' }],
    ['a time that is not ISO', { startedAt: 'yesterday 9am' }],
    ['a call id that is not a UUID', { callId: 'abc' }],
    ['a number past the bound', { number: '1'.repeat(65) }],
    ['a display name past the bound', { displayName: 'x'.repeat(201) }],
    ['an extra field', { durationSeconds: 5 }],
  ])('refuses %s, storing nothing', async (_what, over) => {
    const r = await record({ ...call(0), ...over });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('invalid-input');
    expect(repo.recent(10)).toEqual([]);
  });

  it.each([[0], [201], [1.5]])('refuses a page size of %s', async (limit) => {
    const r = await dispatchHostCall(handlers(), 'calls:recent', { limit }, 100);
    expect(!r.ok && r.error.code).toBe('invalid-input');
  });
});
