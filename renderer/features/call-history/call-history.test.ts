import { describe, expect, it } from 'vitest';
import { CallRecord, type CallOutcome } from '../../../shared';
import type { CallSnapshot } from '../softphone';
import { callOutcome, callRecord } from './call-outcome';
import { CallRecorder } from './call-recorder';
import { formatCallTime, formatDuration } from './call-format';

function snapshot(over: Partial<CallSnapshot> = {}): CallSnapshot {
  return {
    callId: '9b2f4c1e-8d2a-4c55-9f57-0d3c8e1a2b3c',
    line: 1,
    direction: 'inbound',
    state: 'ended',
    number: '0223456789',
    displayName: 'Caller ID',
    muted: false,
    startedAt: '2026-06-02T09:00:00.000Z',
    answeredAt: '2026-06-02T09:00:04.000Z',
    endedAt: '2026-06-02T09:01:00.000Z',
    consult: false,
    ...over,
  };
}

describe('callOutcome', () => {
  it.each<[string, Parameters<typeof callOutcome>[0], CallOutcome]>([
    [
      'answered inbound',
      { direction: 'inbound', answered: true, rejected: false, transferred: false },
      'answered',
    ],
    [
      'answered outbound',
      { direction: 'outbound', answered: true, rejected: false, transferred: false },
      'answered',
    ],
    [
      'transferred',
      { direction: 'inbound', answered: true, rejected: false, transferred: true },
      'transferred',
    ],
    ['rang out', { direction: 'inbound', answered: false, rejected: false, transferred: false }, 'missed'],
    [
      'refused by the agent',
      { direction: 'inbound', answered: false, rejected: true, transferred: false },
      'rejected',
    ],
    [
      'outbound never answered',
      { direction: 'outbound', answered: false, rejected: false, transferred: false },
      'failed',
    ],
    // A REFER asked for and then the call dropped before anyone answered cannot be a transfer.
    [
      'transfer mark on an unanswered call',
      { direction: 'inbound', answered: false, rejected: false, transferred: true },
      'missed',
    ],
  ])('%s', (_what, facts, outcome) => expect(callOutcome(facts)).toBe(outcome));
});

describe('callRecord', () => {
  const facts = { direction: 'inbound' as const, answered: true, rejected: false, transferred: false };
  const now = new Date('2026-06-02T09:02:00.000Z');

  it('passes the contract for every outcome', () => {
    for (const [answered, rejected, transferred, direction] of [
      [true, false, false, 'inbound'],
      [true, false, true, 'inbound'],
      [false, false, false, 'inbound'],
      [false, true, false, 'inbound'],
      [false, false, false, 'outbound'],
    ] as const) {
      const call = snapshot({ direction, answeredAt: answered ? '2026-06-02T09:00:04.000Z' : null });
      const r = callRecord(call, { direction, answered, rejected, transferred }, null, now);
      expect(CallRecord.safeParse(r).success, JSON.stringify(r)).toBe(true);
    }
  });

  it("takes the card's customer name and id over the SIP display name", () => {
    const r = callRecord(snapshot(), facts, { id: 'cust-1', name: '王小明' }, now);
    expect(r).toMatchObject({ customerId: 'cust-1', displayName: '王小明', outcome: 'answered' });
  });

  it('clips over-long SIP fields to the bounds instead of losing the row', () => {
    const r = callRecord(
      snapshot({ displayName: 'x'.repeat(500), number: '1'.repeat(90) }),
      facts,
      null,
      now,
    );
    expect(CallRecord.safeParse(r).success).toBe(true);
  });

  it('uses the end time when an answered call has no answer time, and now when it has no end time', () => {
    const r = callRecord(snapshot({ answeredAt: null, endedAt: null }), facts, null, now);
    expect(r.endedAt).toBe(now.toISOString());
    expect(r.answeredAt).toBe(now.toISOString());
  });

  it('drops an answer time a missed call somehow carries', () => {
    const r = callRecord(snapshot(), { ...facts, answered: false }, null, now);
    expect(r.answeredAt).toBeNull();
  });
});

describe('CallRecorder', () => {
  function recorder() {
    const sent: CallRecord[] = [];
    const rec = new CallRecorder(
      {
        'calls:record': async (input) => {
          sent.push(input as CallRecord);
          return { recorded: true };
        },
      },
      () => new Date('2026-06-02T09:02:00.000Z'),
    );
    return { rec, sent };
  }

  it('records once per ended call and tells its listeners after the host stored it', async () => {
    const { rec, sent } = recorder();
    let heard = 0;
    rec.subscribe(() => heard++);
    rec.record(snapshot(), true, null);
    expect(heard).toBe(0); // not awaited on the call path
    await Promise.resolve();
    await Promise.resolve();
    expect(sent.map((c) => c.outcome)).toEqual(['answered']);
    expect(heard).toBe(1);
  });

  it('marks a call the agent refused while it rang as rejected, and only that call', async () => {
    const { rec, sent } = recorder();
    rec.noteRejected(snapshot({ state: 'ringing', answeredAt: null }));
    rec.noteRejected(snapshot({ callId: 'ba1f4c1e-8d2a-4c55-9f57-0d3c8e1a2b3c', state: 'established' }));
    rec.record(snapshot({ state: 'ended', answeredAt: null }), false, null);
    rec.record(snapshot({ callId: 'ca1f4c1e-8d2a-4c55-9f57-0d3c8e1a2b3c', answeredAt: null }), false, null);
    await Promise.resolve();
    expect(sent.map((c) => c.outcome)).toEqual(['rejected', 'missed']);
  });

  it('marks a transferred call, unless the transfer was refused', async () => {
    const { rec, sent } = recorder();
    const a = snapshot();
    const b = snapshot({ callId: 'da1f4c1e-8d2a-4c55-9f57-0d3c8e1a2b3c' });
    rec.noteTransfer(a.callId);
    rec.noteTransfer(b.callId);
    rec.transferFailed(b.callId);
    rec.record(a, true, null);
    rec.record(b, true, null);
    await Promise.resolve();
    expect(sent.map((c) => c.outcome)).toEqual(['transferred', 'answered']);
  });

  it('does not record a consultation leg', async () => {
    const { rec, sent } = recorder();
    rec.record(snapshot({ consult: true, direction: 'outbound' }), true, null);
    await Promise.resolve();
    expect(sent).toEqual([]);
  });

  it('never throws into the call path when the host refuses', async () => {
    const rec = new CallRecorder({ 'calls:record': () => Promise.reject(new Error('down')) });
    const warn = console.warn;
    const warned: unknown[] = [];
    console.warn = (m: unknown) => warned.push(m);
    try {
      expect(() => rec.record(snapshot(), true, null)).not.toThrow();
      await new Promise((r) => setTimeout(r, 0));
    } finally {
      console.warn = warn;
    }
    expect(String(warned[0])).toContain('down');
  });
});

describe('formatDuration / formatCallTime', () => {
  it.each([
    [0, '0:00'],
    [5, '0:05'],
    [65, '1:05'],
    [754, '12:34'],
    [3723, '1:02:03'],
    [-3, '0:00'],
  ])('%s s → %s', (s, text) => expect(formatDuration(s)).toBe(text));

  it('shows the time alone for today and the date before that', () => {
    const now = new Date(2026, 5, 2, 15, 0);
    const today = formatCallTime(new Date(2026, 5, 2, 9, 30).toISOString(), 'en', now);
    const earlier = formatCallTime(new Date(2026, 5, 1, 9, 30).toISOString(), 'en', now);
    expect(today).toMatch(/9:30/);
    expect(today).not.toMatch(/2026|26/);
    expect(earlier).toMatch(/9:30/);
    expect(earlier).toMatch(/6\/1\/26/);
  });
});
