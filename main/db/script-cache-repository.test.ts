import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchHostCall, type Change, type GuidedScript, type HostHandlers } from '../../shared';
import { complaintScript } from '../../shared/scripts/test-scripts';
import { createScriptHandlers } from '../services/script-handlers';
import { CacheSyncRepository } from './cache-sync-repository';
import { openDatabase, type Db } from './open-database';
import { queryPlan, slowPlanSteps } from './query-plan';
import { ScriptCacheRepository, scriptCacheSql } from './script-cache-repository';
import { SnapshotLoadRepository } from './snapshot-load-repository';

let dir: string;
let db: Db;
let sync: CacheSyncRepository;
let logs: string[];
let repo: ScriptCacheRepository;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'seatdesk-scripts-'));
  db = openDatabase(join(dir, 'seatdesk.db'));
  sync = new CacheSyncRepository(db);
  logs = [];
  repo = new ScriptCacheRepository(db, (m) => logs.push(m));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const script = (seq: number, over: Partial<GuidedScript> = {}): Change => ({
  seq,
  op: 'upsert',
  entity: 'script',
  data: { ...complaintScript(), team: 'team-north', ...over },
});
const code = (seq: number, c: string, active = true): Change => ({
  seq,
  op: 'upsert',
  entity: 'disposition-code',
  data: {
    team: 'team-north',
    code: c,
    labels: { 'zh-Hant': '退款', 'zh-Hans': '退款', en: `Refund ${c}` },
    active,
  },
});

describe('ScriptCacheRepository (the feed into the seat cache)', () => {
  it('keeps the current version of each script and every code, retired ones readable', () => {
    sync.applyPage([script(1, { version: 1, name: 'v1' }), code(2, 'refund')], 2);
    expect(repo.scripts().map((s) => s.name)).toEqual(['v1']);
    sync.applyPage([script(3, { version: 2, name: 'v2' }), code(4, 'refund', false), code(5, 'repair')], 5);
    expect(repo.scripts().map((s) => [s.id, s.version, s.name])).toEqual([['complaint-std', 2, 'v2']]);
    expect(repo.dispositionCodes().map((c) => [c.code, c.active, c.labels.en])).toEqual([
      ['refund', false, 'Refund refund'],
      ['repair', true, 'Refund repair'],
    ]);
    // A version never goes back, whatever order a replay brings (restores are newer versions).
    sync.applyPage([script(6, { version: 1, name: 'v1 again' })], 6);
    expect(repo.scripts()[0]?.version).toBe(2);
    expect(sync.referenceCursor()).toBe(6);
  });

  it('chooses the script for a call by its rules, from the cache alone', () => {
    sync.applyPage(
      [
        script(1),
        script(2, { id: 'vip', name: 'VIP', rules: [{ vip: true, priority: 5 }] }),
        script(3, { id: 'by-hand', name: 'Manual', rules: [] }),
      ],
      3,
    );
    expect(repo.forCall({ queue: null, category: 'complaint', vip: false })?.script.id).toBe('complaint-std');
    expect(repo.forCall({ queue: null, category: 'complaint', vip: true })?.script.id).toBe('vip');
    expect(repo.forCall({ queue: null, category: null, vip: false })).toBeNull();
  });

  it('leaves out a stored body that fails its schema, naming only its id', () => {
    sync.applyPage([script(1)], 1);
    db.prepare(`INSERT INTO scripts (id, team, version, name, body) VALUES ('bad', 't', 1, 'n', ?)`).run(
      JSON.stringify({ id: 'bad', modules: '<b>' }),
    );
    expect(repo.scripts().map((s) => s.id)).toEqual(['complaint-std']);
    expect(logs).toEqual(['script bad in the cache fails its schema; left out']);
  });

  it('a snapshot keeps the scripts and sends the reference cursor back to 0; a new owner wipes them', () => {
    sync.applyPage([script(10), code(11, 'refund')], 11);
    const load = new SnapshotLoadRepository(db);
    load.begin();
    load.finish(500);
    expect(sync.cursor()).toBe(500);
    expect(sync.referenceCursor()).toBe(0);
    expect(repo.scripts()).toHaveLength(1);
    sync.applyPage([], 501);
    expect(sync.referenceCursor()).toBe(501);
    sync.resetForOwner('http://other|team-south');
    expect(repo.scripts()).toEqual([]);
    expect(repo.dispositionCodes()).toEqual([]);
    expect(sync.referenceCursor()).toBe(0);
  });

  it('reads ids and versions in key order (no sort), and each body by its key', () => {
    // The call path reads every script's id and version (a team has tens): in key order, no sort.
    expect(queryPlan(db, scriptCacheSql.scriptVersions).join(' ')).not.toMatch(/TEMP B-TREE/);
    expect(queryPlan(db, scriptCacheSql.dispositionCodes).join(' ')).not.toMatch(/TEMP B-TREE/);
    expect(slowPlanSteps(queryPlan(db, scriptCacheSql.scriptBody, ['x', 1]))).toEqual([]);
  });
});

describe('scripts:forCall, scripts:list, dispositions:list', () => {
  it('answer from the cache through the host contract', async () => {
    sync.applyPage([script(1), code(2, 'refund', false)], 2);
    const handlers = createScriptHandlers({ scripts: repo }) as unknown as HostHandlers;
    const call = (m: string, input: unknown) => dispatchHostCall(handlers, m, input, 100);
    const chosen = await call('scripts:forCall', { category: 'complaint', vip: false });
    expect(chosen).toMatchObject({ ok: true, value: { id: 'complaint-std', version: 3 } });
    expect(await call('scripts:forCall', { queue: 'q1', category: 'inquiry', vip: false })).toEqual({
      ok: true,
      value: null,
    });
    expect(await call('scripts:list', {})).toMatchObject({ ok: true, value: [{ id: 'complaint-std' }] });
    expect(await call('dispositions:list', {})).toMatchObject({
      ok: true,
      value: [{ code: 'refund', active: false }],
    });
    // Input outside the contract is refused before any handler runs.
    expect(await call('scripts:forCall', { vip: 'yes' })).toMatchObject({ ok: false });
  });
});
