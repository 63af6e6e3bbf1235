import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSettings } from '../helpers/agent-ui';
import { startHostProcess, type RunningHost } from '../helpers/app-host';
import { newTokenSecret, startServerProcess, type RunningServer } from '../helpers/central-server';
import { launchChromium } from '../helpers/chromium';
import { freePort } from '../helpers/free-port';
import { callWs, connectWs } from '../helpers/host-client';
import { startPostgres, type RunningPostgres } from '../helpers/postgres';
import { newWrapUp } from '../helpers/synced-host';

/**
 * The agent's view of sync, in the real app against the real server on PostgreSQL: sign in,
 * the status bar's state, a rejected wrap-up corrected and re-sent from the sync queue, and
 * the offline state while the server is down.
 */
const password = 'ui-test-password';
let cluster: RunningPostgres;
let server: RunningServer;
let host: RunningHost;
let browser: Browser;
let page: Page;
let databaseUrl: string;
let port: number;
const tokenSecret = newTokenSecret();
const startServer = (seed: boolean) =>
  startServerProcess({
    databaseUrl,
    port,
    tokenSecret,
    seed: seed ? { password, customers: 2000, interactions: 6000 } : undefined,
  });

beforeAll(async () => {
  cluster = await startPostgres();
  databaseUrl = await cluster.createDatabase('seatdesk_ui');
  port = await freePort();
  server = await startServer(true);
  const dir = mkdtempSync(join(tmpdir(), 'seatdesk-sync-ui-'));
  const preset = join(dir, 'preset.json');
  writeFileSync(
    preset,
    JSON.stringify({ syncTuning: { pageSize: 200, pollMs: 1000, backoff: { baseMs: 100, capMs: 1000 } } }),
  );
  host = await startHostProcess({ dataDir: join(dir, 'seat'), preset });
  browser = await launchChromium();
  page = await browser.newPage({ locale: 'en-US' });
  await page.goto(host.url);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await server?.stop();
  await cluster?.stop();
});

const state = () => page.getByTestId('sync-state');

describe('sync in the agent UI', () => {
  it('signs in, syncs, shows a rejection, and re-sends the corrected record; offline while the server is down', async () => {
    await expect
      .poll(() => state().getAttribute('data-connection'), { timeout: 10_000 })
      .toBe('not-configured');
    await openSettings(page);
    await page.getByTestId('server-url').fill(`http://127.0.0.1:${port}`);
    await page.getByTestId('server-username').fill('agent1001');
    await page.getByTestId('server-password').fill('wrong password');
    await page.getByTestId('server-signin').click();
    await expect.poll(() => page.getByTestId('server-error').textContent(), { timeout: 10_000 }).toBeTruthy();
    await page.getByTestId('server-password').fill(password);
    await page.getByTestId('server-signin').click();
    await expect
      .poll(() => page.getByTestId('server-user').textContent(), { timeout: 10_000 })
      .toContain('Grace Lin');
    await expect.poll(() => state().getAttribute('data-connection'), { timeout: 60_000 }).toBe('online');

    // A disposition the team retired: the server rejects the record with a reason.
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    await db.query(
      `UPDATE disposition_codes SET active = false WHERE team_id = 'team-north' AND code = 'transferred'`,
    );
    const token = new URL(host.url).hash.replace('#token=', '');
    const ws = await connectWs(host.port, { origin: host.origin, token });
    const w = newWrapUp({ disposition: 'transferred', notes: 'transferred to billing' });
    expect((await callWs(ws, 'wrapup:submit', w)).ok).toBe(true);
    await page.getByTestId('outbox-rejected').waitFor({ timeout: 15_000 });
    const record = page.locator(`[data-testid="outbox-record"][data-id="${w.id}"]`);
    await expect.poll(() => record.getByTestId('outbox-state').getAttribute('data-state')).toBe('rejected');
    expect(await record.getByTestId('outbox-reason').textContent()).toContain('transferred');
    await page.setViewportSize({ width: 1280, height: 1000 });
    await record.scrollIntoViewIfNeeded();
    // The settings view scrolls inside the window (the top bar stays): the window is the picture.
    await page.screenshot({ path: join(import.meta.dirname, '../../docs/sync-queue.png') });

    await record.getByTestId('outbox-edit').click();
    await record.getByTestId('outbox-edit-disposition').selectOption('resolved');
    await record.getByTestId('outbox-resend').click();
    await expect
      .poll(() => record.getByTestId('outbox-state').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('synced');
    const { rows } = await db.query<{ disposition: string }>(
      `SELECT disposition FROM interactions WHERE id = $1`,
      [w.id],
    );
    expect(rows).toEqual([{ disposition: 'resolved' }]);

    // The server goes away: the bar says offline, wrap-ups queue; it comes back: they drain.
    await server.stop('SIGKILL');
    await expect.poll(() => state().getAttribute('data-connection'), { timeout: 15_000 }).toBe('offline');
    const queued = newWrapUp({ notes: 'filed while offline' });
    expect((await callWs(ws, 'wrapup:submit', queued)).ok).toBe(true);
    await expect
      .poll(() => page.getByTestId('outbox-pending').textContent(), { timeout: 10_000 })
      .toContain('1');
    server = await startServer(false);
    await expect.poll(() => state().getAttribute('data-connection'), { timeout: 20_000 }).toBe('online');
    await page.getByTestId('outbox-pending').waitFor({ state: 'detached', timeout: 20_000 });
    const { rows: filed } = await db.query(`SELECT id FROM interactions WHERE id = $1`, [queued.id]);
    expect(filed).toHaveLength(1);
    ws.close();
    await db.end();
  });
});
