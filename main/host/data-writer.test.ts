import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchHostCall, type CallRecord, type HostHandlers, type WrapUpDraft } from '../../shared';
import { demoCustomers } from '../../shared/fixtures/demo-customers';
import { openDatabase, type Db } from '../db/open-database';
import { seedInto } from '../seed/seed-writer';
import { createDataHandlers } from '../services/data-handlers';
import { startDataWriter, writerHandlers, type DataWriter } from './data-writer';

let dir: string;
let db: Db;
let writer: DataWriter;
let handlers: HostHandlers;
const now = new Date('2026-06-02T09:00:00.000Z');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'seatdesk-data-writer-'));
  const dbFile = join(dir, 'seatdesk.db');
  db = openDatabase(dbFile);
  seedInto(db, { customers: 20, interactions: 50, seed: 3, now: now.getTime() });
  writer = startDataWriter({ dbFile, log: () => {} });
  // What createHostHandlers builds with a writer: reads here, writes in the writer thread.
  handlers = {
    ...createDataHandlers({ db, clock: () => new Date(), defaultRegion: () => 'TW' }),
    ...writerHandlers(writer, () => ({ now, region: 'TW' })),
  } as unknown as HostHandlers;
});

afterAll(async () => {
  await writer.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (): CallRecord => ({
  callId: '6f1c7a52-8d1e-4d43-9b0e-6a3f5c2d1e01',
  direction: 'inbound',
  number: '02-2345-6789',
  displayName: '王小明',
  customerId: demoCustomers.vip.id,
  startedAt: '2026-06-02T08:55:00.000Z',
  answeredAt: '2026-06-02T08:55:05.000Z',
  endedAt: '2026-06-02T08:59:00.000Z',
  outcome: 'answered',
});

describe('the data writer', () => {
  it('writes in its own thread; the host thread reads what it committed', async () => {
    expect(await dispatchHostCall(handlers, 'calls:record', call(), 1000)).toEqual({
      ok: true,
      value: { recorded: true },
    });
    expect(await dispatchHostCall(handlers, 'calls:record', call(), 1000)).toEqual({
      ok: true,
      value: { recorded: false },
    });
    const recent = await dispatchHostCall(handlers, 'calls:recent', { limit: 5 }, 100);
    expect(recent.ok && (recent.value as { number: string }[]).map((c) => c.number)).toEqual([
      '+886223456789',
    ]);
  });

  it("uses the calling thread's clock", async () => {
    const draft: WrapUpDraft = {
      callId: '0b8f3c1e-5a2d-4e6f-8a9b-1c2d3e4f5a6b',
      customerId: demoCustomers.vip.id,
      phone: '02-2345-6789',
      startedAt: '2026-06-02T08:55:00.000Z',
      endedAt: null,
      category: 'complaint',
      priority: null,
      disposition: null,
      notes: '客戶反映',
      updatedAt: '2026-06-02T08:58:00.000Z',
    };
    expect(await dispatchHostCall(handlers, 'wrapup:saveDraft', draft, 1000)).toEqual({
      ok: true,
      value: { savedAt: now.toISOString() },
    });
    const drafts = await dispatchHostCall(handlers, 'wrapup:listDrafts', {}, 10);
    expect(drafts.ok && (drafts.value as WrapUpDraft[]).map((d) => d.callId)).toEqual([draft.callId]);
  });

  it('fails a call whose handler throws, as an internal error, and goes on', async () => {
    // Past the contract (dispatchHostCall would refuse it first): the handler itself fails.
    await expect(writer.call('calls:record', { callId: 1 }, { now, region: 'TW' })).rejects.toThrow();
    const r = await dispatchHostCall(handlers, 'wrapup:discardDraft', { callId: call().callId }, 100);
    expect(r).toEqual({ ok: true, value: { discarded: false } });
  });

  it('refuses calls once closed', async () => {
    const other = startDataWriter({ dbFile: join(dir, 'seatdesk.db'), log: () => {} });
    await other.close();
    await expect(other.call('calls:record', call(), { now, region: 'TW' })).rejects.toThrow(/stopped/);
  });
});
