import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { openDatabase } from '../db/open-database';
import { ensurePrivateDir } from '../db/private-files';
import { MemorySecretStore } from '../settings/secret-store';
import { SettingsStore } from '../settings/settings-store';
import { SyncService, type SyncTuning } from '../sync/sync-service';
import { createHostHandlers } from './create-host-handlers';
import { startDataWriter } from './data-writer';
import { assertRendererBuilt } from './renderer-dir';
import { createStaticHandler } from './static-server';
import { attachHostBridge } from './ws-bridge';

export interface HostOptions {
  dataDir: string;
  rendererDir: string;
  port?: number;
  version?: string;
  localeTag?: string;
  log?: (msg: string) => void;
  syncTuning?: Partial<SyncTuning>;
  /** Per-call timing lines on stderr for bench:screen-pop (see attachHostBridge). */
  trace?: boolean;
}

export interface StartedHost {
  url: string;
  origin: string;
  port: number;
  token: string;
  settings: SettingsStore;
  secrets: MemorySecretStore;
  sync: SyncService;
  close(): Promise<void>;
}

/**
 * Browser mode: serves the renderer and the host API on 127.0.0.1 only. Throws a
 * RendererNotBuiltError, before creating anything, when `rendererDir` holds no built renderer.
 */
export async function startHost(opts: HostOptions): Promise<StartedHost> {
  assertRendererBuilt(opts.rendererDir);
  const log = opts.log ?? (() => {});
  ensurePrivateDir(opts.dataDir);
  const db = openDatabase(join(opts.dataDir, 'seatdesk.db'));
  const settings = new SettingsStore(join(opts.dataDir, 'settings.json'), log);
  const secrets = new MemorySecretStore();
  const dbFile = join(opts.dataDir, 'seatdesk.db');
  // Browser mode has no keystore: the server session, like the SIP password, lasts this run.
  const sync = new SyncService({
    dbFile,
    db,
    settings: () => settings.get(),
    tokenStore: new MemorySecretStore(),
    tuning: opts.syncTuning,
    log,
  });
  // Wrap-ups, drafts and the call log are written (and fsynced) in their own thread.
  const writer = startDataWriter({ dbFile, log });
  const handlers = createHostHandlers({
    db,
    settings,
    secrets,
    sync,
    mode: 'browser',
    version: opts.version ?? '0.1.0',
    systemLocaleTag: opts.localeTag ?? Intl.DateTimeFormat().resolvedOptions().locale,
    log,
    writer,
  });
  const token = randomBytes(32).toString('hex');
  const server = createServer(createStaticHandler(opts.rendererDir));
  await new Promise<void>((ok) => server.listen(opts.port ?? 0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const wss = attachHostBridge({ server, handlers, token, origin, log, trace: opts.trace });
  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    settings,
    secrets,
    sync,
    async close() {
      await sync.close();
      for (const c of wss.clients) c.terminate();
      wss.close();
      await new Promise<void>((ok) => server.close(() => ok()));
      await writer.close();
      db.close();
    },
  };
}
