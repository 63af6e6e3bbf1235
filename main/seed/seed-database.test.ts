import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/open-database';
import { createDataHandlers } from '../services/data-handlers';
import { demoCustomers, hostileNote } from '../../shared/fixtures/demo-customers';
import { seedDatabase, type SeedPhase } from './seed-database';

/** The real thing: a worker thread seeding a real file, then the handlers reading it. */
let dir: string;
let file: string;
const progress: { done: number; total: number; phase: SeedPhase }[] = [];
let first: Awaited<ReturnType<typeof seedDatabase>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seatdesk-seed-'));
  file = join(dir, 'seatdesk.db');
  first = await seedDatabase(file, {
    customers: 2_000,
    interactions: 10_000,
    seed: 7,
    batchSize: 2_500,
    onProgress: (done, total, phase) => progress.push({ done, total, phase }),
  });
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function withDb<T>(fn: (db: Db) => T | Promise<T>): Promise<T> {
  const db = openDatabase(file);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

describe('seedDatabase (worker thread, real file)', () => {
  it('seeds the requested counts plus the demo customers and reports progress to the end', () => {
    expect(first).toEqual({ customers: 2_004, interactions: 10_006, reused: false });
    expect(progress.length).toBeGreaterThan(3);
    const last = progress.filter((p) => p.phase !== 'indexes').at(-1);
    expect(last).toEqual({ done: 12_000, total: 12_000, phase: 'interactions' });
    expect(progress.some((p) => p.phase === 'indexes')).toBe(true);
  });

  it('leaves every secondary index in place', async () => {
    const names = await withDb((db) =>
      db
        .prepare<[], { name: string }>(
          `SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`,
        )
        .all()
        .map((r) => r.name),
    );
    expect(names).toEqual(
      expect.arrayContaining(['interactions_by_customer', 'customer_phones_by_customer']),
    );
    expect(await withDb((db) => db.prepare(`SELECT count(*) AS n FROM deferred_indexes`).get())).toEqual({
      n: 0,
    });
  });

  it('pops the fixtures with the right cards', async () => {
    await withDb(async (db) => {
      const h = createDataHandlers({ db, clock: () => new Date(), defaultRegion: () => 'TW' });
      const vip = await h['cache:screenPop']({ number: demoCustomers.vip.dialled });
      expect(vip.kind === 'known' && [vip.customer.id, vip.customer.vip]).toEqual([
        demoCustomers.vip.id,
        true,
      ]);
      expect(
        vip.kind === 'known' && [vip.interactions.length, vip.complaints.length, vip.followUps.length],
      ).toEqual([4, 1, 1]);
      const lina = await h['cache:screenPop']({ number: demoCustomers.mainland.dialled });
      expect(lina.kind === 'known' && lina.customer.name).toBe('Li Na / 李娜');
      const mobile = await h['cache:screenPop']({ number: demoCustomers.mobile.dialled });
      expect(mobile.kind === 'known' && mobile.customer.phones).toEqual(['+886912345678']);
      const hostile = await h['cache:screenPop']({ number: demoCustomers.hostile.dialled });
      expect(hostile.kind === 'known' && hostile.customer.name).toBe(demoCustomers.hostile.name);
      expect(hostile.kind === 'known' && hostile.interactions[0]?.notes).toBe(hostileNote);
    });
  });

  it('pops seeded customers by their numbers', async () => {
    await withDb(async (db) => {
      const sample = db
        .prepare<[], { e164: string; customer_id: string }>(
          `SELECT e164, customer_id FROM customer_phones WHERE customer_id LIKE 'c0%' ORDER BY e164 LIMIT 20`,
        )
        .all();
      expect(sample).toHaveLength(20);
      const h = createDataHandlers({ db, clock: () => new Date(), defaultRegion: () => 'TW' });
      for (const { e164, customer_id } of sample) {
        const pop = await h['cache:screenPop']({ number: e164 });
        expect(pop.kind === 'known' && pop.customer.id).toBe(customer_id);
      }
    });
  });

  it('reuses a database that already holds what was asked, writing nothing', async () => {
    const again = await seedDatabase(file, { customers: 1_000, interactions: 10_000, seed: 7 });
    expect(again).toEqual({ customers: 2_004, interactions: 10_006, reused: true });
  });

  it('tops up a database that holds less, continuing where it stopped', async () => {
    const more = await seedDatabase(file, { customers: 2_000, interactions: 12_000, seed: 7 });
    expect(more).toEqual({ customers: 2_004, interactions: 12_006, reused: false });
  });

  it('keeps the calling thread responsive while it seeds (the bulk work is on the worker)', async () => {
    let last = performance.now();
    let worstGap = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - last);
      last = now;
    }, 10);
    const started = performance.now();
    try {
      await seedDatabase(join(dir, 'busy.db'), { customers: 20_000, interactions: 100_000, seed: 3 });
    } finally {
      clearInterval(timer);
    }
    const seeding = performance.now() - started;
    // On one thread the loop would stall for the whole load; here ticks keep coming.
    expect(seeding).toBeGreaterThan(500);
    expect(worstGap).toBeLessThan(Math.min(250, seeding / 2));
  }, 60_000);

  it('rejects with the worker’s error when the file cannot be opened', async () => {
    await expect(
      seedDatabase(join(dir, 'missing-dir', 'x.db'), { customers: 1, interactions: 1 }),
    ).rejects.toThrow(/directory|open/i);
  });
});
