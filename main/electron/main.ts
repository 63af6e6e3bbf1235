import {
  app,
  BrowserWindow,
  globalShortcut,
  ipcMain,
  net,
  powerMonitor,
  powerSaveBlocker,
  protocol,
  safeStorage,
  session,
} from 'electron';
import { mkdirSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../db/open-database';
import { createHostHandlers } from '../host/create-host-handlers';
import { SyncService } from '../sync/sync-service';
import { appHost, appScheme } from '../security/app-origin';
import { SettingsStore } from '../settings/settings-store';
import { createMainWindow } from './create-window';
import { hardenWebContents } from './harden-web-contents';
import { registerHostIpc } from './ipc-handlers';
import { SafeStorageSecretStore } from './safe-storage-secret-store';
import { wireShellEvents } from './shell-events';
import { secureSession } from './session-security';

/** Electron entry: a thin shell over the same host services the browser mode runs. */
const log = (msg: string) => process.stderr.write(`[seatdesk] ${msg}\n`);

protocol.registerSchemesAsPrivileged([
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// Never miss a ring: Chromium must not slow timers or deprioritise a window that is behind.
app.commandLine.appendSwitch('disable-background-timer-throttling');
app.commandLine.appendSwitch('disable-renderer-backgrounding');
app.commandLine.appendSwitch('disable-backgrounding-occluded-windows');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('web-contents-created', (_e, contents) => hardenWebContents(contents, log));
  void app.whenReady().then(start);
  app.on('window-all-closed', () => app.quit());
}

function start() {
  const rendererDir = join(import.meta.dirname, '../renderer');
  const base = normalize(rendererDir + sep);
  protocol.handle(appScheme, (request) => {
    const url = new URL(request.url);
    const file = normalize(join(base, decodeURIComponent(url.pathname)));
    if (url.host !== appHost || !file.startsWith(base)) return new Response('not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
  secureSession(session.defaultSession);

  const dataDir = app.getPath('userData');
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(join(dataDir, 'seatdesk.db'));
  const settings = new SettingsStore(join(dataDir, 'settings.json'), log);
  const sync = new SyncService({
    dbFile: join(dataDir, 'seatdesk.db'),
    db,
    settings: () => settings.get(),
    tokenStore: new SafeStorageSecretStore(safeStorage, join(dataDir, 'server-session.bin')),
    log,
  });
  const handlers = createHostHandlers({
    db,
    settings,
    sync,
    secrets: new SafeStorageSecretStore(safeStorage, join(dataDir, 'sip-password.bin')),
    mode: 'electron',
    version: app.getVersion(),
    systemLocaleTag: app.getLocale(),
    log,
  });
  registerHostIpc(ipcMain, handlers, log);
  createMainWindow(join(import.meta.dirname, '../preload'), log);
  void sync.start();
  const unwire = wireShellEvents({
    globalShortcut,
    powerMonitor,
    powerSaveBlocker,
    window: () => BrowserWindow.getAllWindows()[0] ?? null,
    log,
  });
  app.on('before-quit', () => {
    unwire();
    void sync.close().finally(() => db.close());
  });
}
