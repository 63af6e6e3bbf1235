import { describe, expect, it } from 'vitest';
import { CacheSyncRepository } from '../db/cache-sync-repository';
import { openTestDatabase } from '../db/open-database';
import { SnapshotLoadRepository } from '../db/snapshot-load-repository';
import { ServerFailure } from './server-client';
import { loadSnapshot } from './snapshot-sync';

const body = [
  '\\#snapshot {"format":1,"cursor":42}',
  '\\#begin customer',
  'c1\t林雅婷\tt\t+886223456789,+886912345678\t["光纖上網 300M", "4G"]',
  'c2\tTab\\there\tf\t\t[]',
  'c3\tThree\tf\t+886277778888\t[]',
  '\\#end customer 3',
  '\\#begin interaction',
  'i1\tc1\t+886223456789\t2026-03-26 13:23:16.375986+00\tGrace\tinquiry\tnormal\tresolved\tline\\nbreak',
  'i2\t\\N\t+886200000000\t2026-03-26 13:23:16+00\tGrace\turgent\thigh\tescalated\t',
  'i3\tgone\t+886200000001\t2026-03-26 13:23:16.1+00\tGrace\turgent\thigh\tescalated\t',
  '\\#end interaction 3',
  '\\#begin complaint',
  'k1\tc1\t2026-03-20 01:02:03.5+00\tslow line\thigh\topen',
  'k2\tgone\t2026-03-20 01:02:03.5+00\tno customer\thigh\topen',
  '\\#end complaint 2',
  '\\#begin follow-up',
  'f1\tc1\t2026-03-30 09:00:00+00\tGrace\tphone\tcall back\tf',
  '\\#end follow-up 1',
  '\\#done',
];

async function* chunks(lines: string[], size = 3): AsyncIterable<string[]> {
  for (let i = 0; i < lines.length; i += size) yield lines.slice(i, i + size);
}

function setup() {
  const db = openTestDatabase();
  const cache = new CacheSyncRepository(db);
  const repo = new SnapshotLoadRepository(db);
  const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  const hasPhoneIndex = () =>
    db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'interactions_by_phone'`).get() !== undefined;
  return { db, cache, repo, count, hasPhoneIndex };
}

describe('loadSnapshot', () => {
  it('loads every section, decodes COPY text, and sets the cursor only at the end', async () => {
    const { db, cache, repo, count, hasPhoneIndex } = setup();
    const progress: number[] = [];
    const out = await loadSnapshot(chunks(body), repo, { chunkRows: 2, onProgress: (n) => progress.push(n) });
    expect(out).toEqual({ cursor: 42, rows: 9 });
    expect(progress.at(-1)).toBe(9);
    expect(cache.cursor()).toBe(42);
    expect(cache.state('snapshot')).toBeNull();
    expect(hasPhoneIndex()).toBe(true);
    expect([count('customers'), count('customer_phones'), count('interactions')]).toEqual([3, 3, 3]);
    // A complaint whose customer the seat does not hold is skipped, as on the feed.
    expect([count('complaints'), count('follow_ups')]).toEqual([1, 1]);
    expect(db.prepare(`SELECT name, vip, products FROM customers WHERE id = 'c1'`).get()).toEqual({
      name: '林雅婷',
      vip: 1,
      products: '["光纖上網 300M","4G"]',
    });
    expect(db.prepare(`SELECT name FROM customers WHERE id = 'c2'`).get()).toEqual({ name: 'Tab\there' });
    expect(
      db.prepare('SELECT id, customer_id, occurred_at, notes FROM interactions ORDER BY id').all(),
    ).toEqual([
      { id: 'i1', customer_id: 'c1', occurred_at: '2026-03-26T13:23:16.375Z', notes: 'line\nbreak' },
      { id: 'i2', customer_id: null, occurred_at: '2026-03-26T13:23:16.000Z', notes: '' },
      // History of a customer this seat does not hold stays, without the link.
      { id: 'i3', customer_id: null, occurred_at: '2026-03-26T13:23:16.100Z', notes: '' },
    ]);
  });

  it('a truncated body commits what it had but never sets the cursor; the next attempt starts over', async () => {
    const { cache, repo, count, hasPhoneIndex } = setup();
    const cut = body.slice(0, 10);
    const err = await loadSnapshot(chunks(cut), repo, { chunkRows: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerFailure);
    expect((err as ServerFailure).kind).toBe('bad-response');
    expect((err as ServerFailure).message).toMatch(/truncated/);
    expect(count('customers')).toBe(3);
    expect(cache.cursor()).toBe(0);
    expect(cache.state('snapshot')).toBe('loading');
    expect(hasPhoneIndex()).toBe(false);
    await loadSnapshot(chunks(body), repo, { chunkRows: 2 });
    expect(cache.cursor()).toBe(42);
    expect(count('interactions')).toBe(3);
  });

  it.each([
    [
      'a bad phone',
      body.map((l) => l.replace('+886277778888', 'call me')),
      /customer fails its schema at phones/,
    ],
    [
      'a bad enum',
      body.map((l) => l.replace('\tinquiry\t', '\tgossip\t')),
      /interaction fails its schema at category/,
    ],
    [
      'a bad time',
      body.map((l) => l.replace('2026-03-26 13:23:16+00', '2026-03-26 13:23:16+08')),
      /occurredAt/,
    ],
    ['a missing column', body.map((l) => l.replace('\tTab\\there', '')), /expected 5 columns/],
    [
      'a wrong count',
      body.map((l) => l.replace('\\#end customer 3', '\\#end customer 4')),
      /server counted 4/,
    ],
    [
      'sections out of order',
      [body[0], ...body.slice(6, 11), ...body.slice(1, 6), ...body.slice(11)],
      /order/,
    ],
    ['no header', body.slice(1), /no header/],
    ['data after the end', [...body, 'x'], /after the end/],
  ] as [string, string[], RegExp][])('refuses %s', async (_what, lines, message) => {
    const { cache, repo } = setup();
    await expect(loadSnapshot(chunks(lines), repo)).rejects.toThrow(message);
    expect(cache.cursor()).toBe(0);
  });
});
