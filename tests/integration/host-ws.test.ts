import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type WebSocket from 'ws';
import { startHost, type StartedHost } from '../../main/host/start-host';
import { callWs, connectWs, rawWs } from '../helpers/host-client';

/** The browser-mode host over a real socket and a real SQLite file: who may connect, what is refused. */
let host: StartedHost;
let ws: WebSocket;

beforeAll(async () => {
  host = await startHost({
    dataDir: mkdtempSync(join(tmpdir(), 'seatdesk-host-')),
    rendererDir: resolve(import.meta.dirname, '../../out/renderer'),
  });
  ws = await connectWs(host.port, { origin: host.origin, token: host.token });
});

afterAll(async () => {
  ws?.close();
  await host?.close();
});

describe('who may connect', () => {
  it('refuses a connection without the token', async () => {
    await expect(connectWs(host.port, { origin: host.origin, token: null })).rejects.toThrow(/403/);
  });
  it('refuses a wrong token', async () => {
    await expect(connectWs(host.port, { origin: host.origin, token: 'f'.repeat(64) })).rejects.toThrow(/403/);
  });
  it('refuses another Origin even with the right token', async () => {
    await expect(connectWs(host.port, { origin: 'http://evil.example', token: host.token })).rejects.toThrow(
      /403/,
    );
    await expect(connectWs(host.port, { origin: 'http://127.0.0.1:1', token: host.token })).rejects.toThrow(
      /403/,
    );
  });
  it('answers the app with the right token and Origin', async () => {
    const r = await callWs(ws, 'app:info', {});
    expect(r.ok).toBe(true);
    expect(r.ok && (r.value as { mode: string }).mode).toBe('browser');
  });
});

describe('what is refused, with a clear error, changing nothing', () => {
  it('a wrong-typed payload', async () => {
    const r = await callWs(ws, 'cache:screenPop', { number: 42 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-input');
      expect(r.error.issues?.[0]?.path).toBe('number');
    }
  });
  it('an unknown field, an unknown method', async () => {
    const extra = await callWs(ws, 'settings:update', { locale: 'en', isAdmin: true });
    expect(extra.ok || extra.error.code).toBe('invalid-input');
    const unknown = await callWs(ws, 'fs:readFile', { path: '/etc/passwd' });
    expect(unknown.ok || unknown.error.code).toBe('unknown-method');
  });
  it('an oversized payload; the host stays up', async () => {
    const r = await callWs(ws, 'wrapup:saveDraft', { notes: 'x'.repeat(100 * 1024) });
    expect(r.ok || r.error.code).toBe('payload-too-large');
    expect((await callWs(ws, 'app:info', {})).ok).toBe(true);
  });
  it('a settings update that fails its schema leaves the settings as they were', async () => {
    const before = await callWs(ws, 'settings:get', {});
    const bad = await callWs(ws, 'settings:update', { defaultRegion: 'Taiwan' });
    expect(bad.ok).toBe(false);
    expect(await callWs(ws, 'settings:get', {})).toEqual(before);
  });
  it('frames that are not JSON or not requests get no crash', async () => {
    expect(await rawWs(ws, 'not json')).toBeNull();
    const answer = await rawWs(
      ws,
      JSON.stringify({ t: 'req', id: 7, method: 'app:info', extra: { deep: [1, 2] }, input: 'x' }),
    );
    expect(answer && JSON.parse(answer).result.ok).toBe(false);
    expect((await callWs(ws, 'app:info', {})).ok).toBe(true);
  });
});

describe('the static server', () => {
  it('sends the CSP and refuses paths outside the renderer', async () => {
    const index = await fetch(`${host.origin}/`);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    const escape = await fetch(`${host.origin}/..%2Fpackage.json`);
    expect(escape.status).toBeGreaterThanOrEqual(400);
    expect(await escape.text()).not.toContain('"name": "seatdesk"');
  });
});
