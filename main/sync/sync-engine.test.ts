import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '../../shared';
import { complaintScript } from '../../shared/scripts/test-scripts';
import { apiError, gate, pair } from './fake-central';
import { customer, feedOf5, interaction, rig, stopRigs, until, wrapUp } from './sync-engine-rig';

afterEach(stopRigs);

describe('SyncEngine: the first sync', () => {
  it('estimates, pages the feed from 0, applies every page with its cursor, and reports progress', async () => {
    const r = rig();
    r.central.feed = feedOf5();
    r.central.estimate = { customers: 3, interactions: 2, complaints: 0, followUps: 0, headCursor: 5 };
    void r.start();
    await r.synced(5);
    expect(r.central.requests).toEqual([
      'GET /v1/sync/estimate',
      'GET /v1/changes?cursor=0&limit=2',
      'GET /v1/changes?cursor=2&limit=2',
      'GET /v1/changes?cursor=4&limit=2',
    ]);
    expect([r.count('customers'), r.count('customer_phones'), r.count('interactions')]).toEqual([3, 1, 2]);
    expect(['initial-done', 'initial-total', 'initial-rows'].map((k) => r.cache.state(k))).toEqual([
      '1',
      '5',
      '5',
    ]);
    const progress = r.statuses.filter((s) => s.phase === 'initial').map((s) => s.progress);
    expect(progress.map((p) => [p?.rows, p?.total, p?.percent])).toEqual([
      [2, 5, 40],
      [4, 5, 80],
      [5, 5, 100],
      [5, 5, 100], // the cycle's lastSyncAt
    ]);
    expect(r.last()).toEqual({
      connection: 'online',
      phase: 'idle',
      progress: null,
      lastSyncAt: '2026-11-25T00:00:00.000Z',
      error: null,
      user: { username: 'agent1001', displayName: 'Agent 1001', teamId: 't1' },
    });
  });

  it('then pulls from the stored cursor without an estimate, and says it is applying changes', async () => {
    const r = rig();
    r.central.feed = feedOf5();
    void r.start();
    await r.synced(5);
    const before = r.central.requests.length;
    r.central.feed.push(customer(6, 'c4'), customer(7, 'c5'), customer(8, 'c6'));
    r.engine.kick();
    await r.synced(8);
    expect(r.central.requests.slice(before)).toEqual([
      'GET /v1/changes?cursor=5&limit=2',
      'GET /v1/changes?cursor=7&limit=2',
    ]);
    expect(r.statuses.some((s) => s.phase === 'incremental' && s.connection === 'online')).toBe(true);
    expect(r.count('customers')).toBe(6);
  });

  it('resumes an interrupted first sync from its cursor, keeping the first total and row count', async () => {
    const r = rig();
    r.central.feed = feedOf5();
    r.central.estimate = { customers: 3, interactions: 2, complaints: 0, followUps: 0, headCursor: 5 };
    const feed = r.central.routes['/v1/changes']!;
    let failing = true;
    r.central.routes['/v1/changes'] = (url, body) => {
      if (failing && url.searchParams.get('cursor') === '2') {
        failing = false;
        // The team grew meanwhile: a new estimate must not move the bar backwards.
        r.central.estimate = { ...r.central.estimate, customers: 100 };
        return apiError(503, 'unavailable', 'busy');
      }
      return feed(url, body);
    };
    void r.start();
    await r.synced(5);
    expect(r.central.count('GET /v1/sync/estimate')).toBe(2);
    expect(r.central.requests.filter((q) => q.startsWith('GET /v1/changes'))).toEqual([
      'GET /v1/changes?cursor=0&limit=2',
      'GET /v1/changes?cursor=2&limit=2',
      'GET /v1/changes?cursor=2&limit=2',
      'GET /v1/changes?cursor=4&limit=2',
    ]);
    const progress = r.statuses.filter((s) => s.phase === 'initial' && s.connection === 'online');
    expect(progress.map((s) => [s.progress?.rows, s.progress?.total])).toEqual([
      [2, 5],
      [4, 5],
      [5, 5],
      [5, 5],
    ]);
    expect(r.statuses.some((s) => s.connection === 'error' && s.error === '503 unavailable: busy')).toBe(
      true,
    );
    expect(r.count('customers')).toBe(3);
  });
});

describe('SyncEngine: the first sync from a snapshot', () => {
  const snapshotBody = [
    '\\#snapshot {"format":1,"cursor":42}',
    '\\#begin customer',
    's1\tSnap One\tf\t+886277778888\t[]',
    's2\tSnap Two\tt\t\t[]',
    '\\#end customer 2',
    '\\#begin interaction',
    '\\#end interaction 0',
    '\\#begin complaint',
    '\\#end complaint 0',
    '\\#begin follow-up',
    '\\#end follow-up 0',
    '\\#done',
    '',
  ].join('\n');

  it('loads the snapshot into an empty cache, then continues the feed from its cursor', async () => {
    const r = rig({ useSnapshot: true });
    r.central.snapshot = snapshotBody;
    r.central.feed = [customer(43, 'c43')];
    r.central.estimate = { customers: 3, interactions: 0, complaints: 0, followUps: 0, headCursor: 43 };
    void r.start();
    await r.synced(43);
    expect(r.central.requests).toEqual([
      'GET /v1/sync/estimate',
      'GET /v1/sync/snapshot',
      // The snapshot carries no scripts or codes: the feed brings them from 0 (ADR 0007).
      'GET /v1/changes?cursor=42&limit=2&referenceCursor=0',
    ]);
    expect(r.db.prepare('SELECT id, vip FROM customers ORDER BY id').all()).toEqual([
      { id: 'c43', vip: 0 },
      { id: 's1', vip: 0 },
      { id: 's2', vip: 1 },
    ]);
    const rows = r.statuses.filter((s) => s.phase === 'initial').map((s) => s.progress?.rows);
    expect(rows.slice(0, 2)).toEqual([2, 3]); // the snapshot's rows, then the feed's on top
    expect(r.cache.state('initial-done')).toBe('1');
  });

  it('brings the scripts and codes the snapshot does not carry, even those below its head (ADR 0007)', async () => {
    const r = rig({ useSnapshot: true });
    r.central.snapshot = snapshotBody;
    const script = { ...complaintScript(), team: 'team-north' };
    r.central.feed = [{ seq: 5, op: 'upsert', entity: 'script', data: script }, customer(43, 'c43')];
    r.central.estimate = { customers: 3, interactions: 0, complaints: 0, followUps: 0, headCursor: 43 };
    void r.start();
    await r.synced(43);
    expect(r.db.prepare('SELECT id, version FROM scripts').all()).toEqual([
      { id: 'complaint-std', version: 3 },
    ]);
    expect(r.cache.referenceCursor()).toBe(43);
  });

  it('pages through more scripts and codes than a page holds, all below the snapshot head', async () => {
    const r = rig({ useSnapshot: true });
    r.central.snapshot = snapshotBody;
    const code = (seq: number): Change => ({
      seq,
      op: 'upsert',
      entity: 'disposition-code',
      data: { team: 't', code: `c${seq}`, labels: { 'zh-Hant': 'a', 'zh-Hans': 'b', en: 'c' }, active: true },
    });
    r.central.feed = [code(1), code(2), code(3), code(4), code(5), customer(43, 'c43')];
    r.central.estimate = { customers: 3, interactions: 0, complaints: 0, followUps: 0, headCursor: 43 };
    void r.start();
    await r.synced(43);
    expect(r.central.requests.filter((q) => q.startsWith('GET /v1/changes'))).toEqual([
      'GET /v1/changes?cursor=42&limit=2&referenceCursor=0',
      'GET /v1/changes?cursor=42&limit=2&referenceCursor=2',
      'GET /v1/changes?cursor=42&limit=2&referenceCursor=4',
    ]);
    expect(r.db.prepare('SELECT code FROM disposition_codes ORDER BY code').pluck().all()).toEqual([
      'c1',
      'c2',
      'c3',
      'c4',
      'c5',
    ]);
    expect(r.cache.referenceCursor()).toBe(43);
  });

  it('sends a wrap-up filed during the snapshot beside it, before the feed continues', async () => {
    const r = rig({ useSnapshot: true });
    r.central.routes['/v1/sync/snapshot'] = () => {
      r.outbox.addPendingWrapUp(wrapUp(1), '2026-11-25T00:00:00.000Z');
      return new Response(snapshotBody);
    };
    void r.start();
    await r.synced(42);
    expect(r.central.requests).toEqual([
      'GET /v1/sync/estimate',
      'GET /v1/sync/snapshot',
      'POST /v1/outbox',
      // The snapshot carries no scripts or codes: the feed brings them from 0 (ADR 0007).
      'GET /v1/changes?cursor=42&limit=2&referenceCursor=0',
    ]);
    expect(r.outbox.counts()).toEqual({ pending: 0, rejected: 0, synced: 1, waitingForOwner: 0 });
  });

  it('does not start over from a snapshot once the feed has begun (a resumed first sync)', async () => {
    const r = rig({ useSnapshot: true });
    r.cache.resetForOwner(pair.user.id);
    r.cache.applyPage(feedOf5().slice(0, 2), 2);
    r.central.feed = feedOf5();
    void r.start();
    await r.synced(5);
    expect(r.central.count('GET /v1/sync/snapshot')).toBe(0);
    expect(r.central.requests[1]).toBe('GET /v1/changes?cursor=2&limit=2');
  });
});

describe('SyncEngine: wrap-ups, retention and push notices', () => {
  it('sends pending wrap-ups before pulling', async () => {
    const r = rig();
    r.central.feed = feedOf5();
    r.outbox.addPendingWrapUp(wrapUp(1), '2026-11-25T00:00:00.000Z');
    void r.start();
    await r.synced(5);
    expect(r.central.requests[0]).toBe('POST /v1/outbox');
    expect(r.outbox.counts()).toEqual({ pending: 0, rejected: 0, synced: 1, waitingForOwner: 0 });
  });

  it('sends a wrap-up filed during a long first sync while the next page is still on its way', async () => {
    const r = rig();
    r.central.feed = feedOf5();
    const slowPage = gate();
    const feed = r.central.routes['/v1/changes']!;
    r.central.routes['/v1/changes'] = async (url, body) => {
      const cursor = url.searchParams.get('cursor');
      if (cursor === '0') r.outbox.addPendingWrapUp(wrapUp(2), '2026-11-25T00:00:00.000Z');
      if (cursor === '2') await slowPage.opened;
      return feed(url, body);
    };
    void r.start();
    await until('the wrap-up went up', () => r.central.count('POST /v1/outbox') === 1);
    // The page after the first was asked for before the first was written (and is still out).
    expect(r.central.requests).toEqual([
      'GET /v1/sync/estimate',
      'GET /v1/changes?cursor=0&limit=2',
      'GET /v1/changes?cursor=2&limit=2',
      'POST /v1/outbox',
    ]);
    expect(r.cache.cursor()).toBe(2);
    slowPage.open();
    await r.synced(5);
    expect(r.outbox.counts().synced).toBe(1);
  });

  it("prunes interactions and the call history past the session's retention, at most hourly", async () => {
    const cutOffs: string[] = [];
    const r = rig({
      callLog: {
        pruneBefore: (before) => {
          cutOffs.push(before);
          return 2;
        },
      },
    });
    r.central.feed = [interaction(1, 'old', '2026-10-01T00:00:00.000Z'), interaction(2, 'new')];
    void r.start({ ...pair, expiresIn: 86_400 }); // the clock jumps hours: no refresh in between
    await r.synced(2);
    expect(r.db.prepare('SELECT id FROM interactions').all()).toEqual([{ id: 'new' }]);
    expect(cutOffs).toEqual(['2026-10-26T00:00:00.000Z']); // 30 days before the clock
    expect(r.logs).toContain('sync: retention removed 1 old interactions');
    expect(r.logs).toContain('sync: retention removed 2 old calls from the history');

    r.setNow(new Date('2026-11-25T00:30:00.000Z'));
    r.central.feed.push(customer(3, 'c3'));
    r.engine.kick();
    await r.synced(3);
    expect(cutOffs).toHaveLength(1);

    r.setNow(new Date('2026-11-25T02:00:00.000Z'));
    r.central.feed.push(customer(4, 'c4'));
    r.engine.kick();
    await r.synced(4);
    expect(cutOffs).toEqual(['2026-10-26T00:00:00.000Z', '2026-10-26T02:00:00.000Z']);
  });

  it('pulls on a push notice, reopens a closed stream after the next sync, and closes it on failure', async () => {
    const subs: { token: string; notice: () => void; close: () => void; closed: boolean }[] = [];
    const r = rig({
      subscribe: (token, notice, close) => {
        const sub = { token, notice, close, closed: false };
        subs.push(sub);
        return () => {
          sub.closed = true;
        };
      },
    });
    r.central.feed = feedOf5();
    void r.start();
    await r.synced(5);
    await until('a subscription', () => subs.length === 1);
    expect(subs[0]?.token).toBe(pair.accessToken);

    // No kick and a 60 s poll: only the notice can start this cycle.
    r.central.feed.push(customer(6, 'c4'));
    subs[0]?.notice();
    await r.synced(6);
    expect(subs).toHaveLength(1);

    subs[0]?.close(); // the server dropped the stream
    r.central.feed.push(customer(7, 'c5'));
    r.engine.kick();
    await r.synced(7);
    await until('a second subscription', () => subs.length === 2);

    const feed = r.central.routes['/v1/changes']!;
    r.central.routes['/v1/changes'] = () => apiError(503, 'unavailable', 'busy');
    r.engine.kick();
    await r.failedWith('error', '503 unavailable: busy');
    expect(subs[1]?.closed).toBe(true);

    r.central.routes['/v1/changes'] = feed;
    await until('a third subscription after recovering', () => subs.length === 3);
    r.engine.signOut();
    expect(subs[2]?.closed).toBe(true);
  });
});
