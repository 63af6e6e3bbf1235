import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startHostProcess, type RunningHost } from '../helpers/app-host';
import { callWs, connectWs } from '../helpers/host-client';

/** kill -9 of the host loses nothing the agent saved: drafts come back, filed wrap-ups stay filed. */
const hosts: RunningHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.stop('SIGKILL');
});

async function open(dataDir: string) {
  const host = await startHostProcess({ dataDir });
  hosts.push(host);
  const token = new URL(host.url).hash.replace('#token=', '');
  const ws = await connectWs(host.port, { origin: host.origin, token });
  return { host, ws };
}

const now = () => new Date().toISOString();

describe('after kill -9 of the host', () => {
  it('restores the wrap-up draft exactly and keeps a filed wrap-up and its outbox row', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'seatdesk-crash-'));
    const first = await open(dataDir);
    const callId = randomUUID();
    const draft = {
      callId,
      customerId: null,
      phone: '+886223456789',
      startedAt: now(),
      endedAt: now(),
      category: 'complaint',
      priority: 'high',
      disposition: null,
      notes: '客戶說：帳單<b>錯了</b>',
      updatedAt: now(),
    };
    expect((await callWs(first.ws, 'wrapup:saveDraft', draft)).ok).toBe(true);
    const wrapUp = {
      id: randomUUID(),
      callId: randomUUID(),
      customerId: null,
      phone: '+8613800138000',
      agent: '陳美玲',
      startedAt: now(),
      endedAt: now(),
      category: 'inquiry',
      priority: 'normal',
      disposition: 'resolved',
      notes: 'filed before the crash',
    };
    expect((await callWs(first.ws, 'wrapup:submit', wrapUp)).ok).toBe(true);
    first.ws.terminate();
    await first.host.stop('SIGKILL');

    const second = await open(dataDir);
    const drafts = await callWs(second.ws, 'wrapup:listDrafts', {});
    expect(drafts.ok && drafts.value).toEqual([draft]);
    const outbox = await callWs(second.ws, 'outbox:list', { limit: 10 });
    expect(
      outbox.ok && (outbox.value as { id: string; state: string }[]).map((r) => [r.id, r.state]),
    ).toEqual([[wrapUp.id, 'pending']]);
    // Filing the same wrap-up again (a retry after the crash) never makes a second record.
    const again = await callWs(second.ws, 'wrapup:submit', wrapUp);
    expect(again.ok && (again.value as { duplicate: boolean }).duplicate).toBe(true);
    second.ws.terminate();
  });
});
