import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type WebSocket from 'ws';
import { ChangesPage, changeKey, SyncStatus, type Change, type WrapUp } from '../../shared';
import { startHostProcess, type RunningHost } from './app-host';
import { callWs, connectWs } from './host-client';
import { http, login } from './server-http';

export interface SyncedHost {
  host: RunningHost;
  ws: WebSocket;
  call(method: string, input: unknown): Promise<unknown>;
  status(): Promise<SyncStatus>;
  waitFor(what: string, pred: (s: SyncStatus) => boolean, timeoutMs?: number): Promise<SyncStatus>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface SyncTuningPreset {
  pageSize?: number;
  pollMs?: number;
  timeoutMs?: number;
  backoff?: { baseMs: number; capMs: number };
}

/**
 * A browser-mode host process signed in to `serverUrl` as `username`, with fast test tuning.
 * Resolves once the sign-in has happened (the server must be up): what a test files after that
 * is `username`'s, as an agent signs in before taking calls. A wrap-up filed before any sign-in
 * on a fresh seat has no owner and is never sent by itself (issue 13).
 */
export async function startSyncedHost(
  dataDir: string,
  serverUrl: string,
  username: string,
  password: string,
  tuning: SyncTuningPreset = {},
): Promise<SyncedHost> {
  const preset = join(dataDir, '..', `${username}-preset.json`);
  writeFileSync(
    preset,
    JSON.stringify({
      server: { url: serverUrl, username, password },
      syncTuning: {
        pageSize: 500,
        pollMs: 1000,
        timeoutMs: 2000,
        backoff: { baseMs: 100, capMs: 1000 },
        ...tuning,
      },
    }),
  );
  const host = await startHostProcess({ dataDir, preset });
  const token = new URL(host.url).hash.replace('#token=', '');
  const ws = await connectWs(host.port, { origin: host.origin, token });
  const call = async (method: string, input: unknown) => {
    const r = await callWs(ws, method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  const status = async () => SyncStatus.parse(await call('sync:status', {}));
  const waitFor: SyncedHost['waitFor'] = async (what, pred, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    let last: SyncStatus | null = null;
    while (Date.now() < deadline) {
      last = await status();
      if (pred(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}; last status ${JSON.stringify(last)}\n${host.stderr()}`);
  };
  try {
    await waitFor(`the sign-in as ${username}`, (s) => s.user?.username === username);
  } catch (e) {
    ws.terminate();
    await host.stop();
    throw e;
  }
  return {
    host,
    ws,
    call,
    status,
    waitFor,
    async stop(signal) {
      ws.terminate();
      await host.stop(signal);
    },
  };
}

export const caughtUp = (s: SyncStatus) =>
  s.connection === 'online' && s.phase === 'idle' && s.lastSyncAt !== null && s.outbox.pending === 0;

export function newWrapUp(over: Partial<WrapUp> = {}): WrapUp {
  return {
    id: randomUUID(),
    callId: randomUUID(),
    customerId: 'cust-demo-vip',
    phone: '+886223456789',
    agent: 'Grace Lin',
    startedAt: '2026-11-25T01:00:00.000Z',
    endedAt: '2026-11-25T01:05:00.000Z',
    category: 'inquiry',
    priority: 'normal',
    disposition: 'resolved',
    notes: '測試',
    ...over,
  };
}

/** What a seat of `username`'s team should hold: the whole feed, folded (last write wins, deletes remove). */
export async function expectedCache(serverUrl: string, username: string, password: string) {
  const token = (await login(serverUrl, username, password, 'seat-oracle')).accessToken;
  const rows = new Map<string, Change>();
  let cursor = 0;
  for (;;) {
    const res = await http(serverUrl, 'GET', `/v1/changes?cursor=${cursor}&limit=5000`, { token });
    const page = ChangesPage.parse(res.body);
    for (const c of page.changes) {
      const key = changeKey(c);
      if (c.op === 'delete') rows.delete(key);
      else rows.set(key, c);
    }
    cursor = page.nextCursor;
    if (!page.hasMore) return { rows, head: cursor };
  }
}

/** The seat's cache as sets of keys, plus its cursor (read-only, beside the running host). */
export function actualCache(dbFile: string) {
  const db = new Database(dbFile, { readonly: true });
  try {
    const keys = new Set<string>();
    const add = (entity: string, sql: string) => {
      for (const r of db.prepare<[], { id: string }>(sql).all()) keys.add(`${entity}:${r.id}`);
    };
    add('customer', 'SELECT id FROM customers');
    add('interaction', 'SELECT id FROM interactions');
    add('complaint', 'SELECT id FROM complaints');
    add('follow-up', 'SELECT id FROM follow_ups');
    add('script', 'SELECT id FROM scripts');
    add('disposition-code', 'SELECT code AS id FROM disposition_codes');
    const phones = db
      .prepare<[], { e164: string; customer_id: string }>('SELECT e164, customer_id FROM customer_phones')
      .all();
    const cursor = Number(
      db.prepare<[], { value: string }>(`SELECT value FROM sync_state WHERE key = 'cursor'`).get()?.value ??
        0,
    );
    const initialDone =
      db.prepare<[], { value: string }>(`SELECT value FROM sync_state WHERE key = 'initial-done'`).get()
        ?.value === '1';
    // An initial-sync snapshot that has begun and not finished (ADR 0006).
    const snapshotLoading =
      db.prepare<[], { value: string }>(`SELECT value FROM sync_state WHERE key = 'snapshot'`).get()
        ?.value === 'loading';
    return { keys, phones, cursor, initialDone, snapshotLoading };
  } finally {
    db.close();
  }
}
