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
import { join } from 'node:path';
import { contentSecurityPolicyFor } from '../../shared';
import { openDatabase } from '../db/open-database';
import { ensurePrivateDir } from '../db/private-files';
import { createHostHandlers } from '../host/create-host-handlers';
import { startDataWriter } from '../host/data-writer';
import { SyncService } from '../sync/sync-service';
import { appScheme } from '../security/app-origin';
import { SettingsStore } from '../settings/settings-store';
import { registerAppProtocol } from './app-protocol';
import { createMainWindow } from './create-window';
import { hardenWebContents } from './harden-web-contents';
import { registerHostIpc } from './ipc-handlers';
import { reloadOnNewServers } from './reload-on-new-servers';
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
  const dataDir = app.getPath('userData');
  // Electron makes userData 0755; the cache in it is for this OS user only.
  ensurePrivateDir(dataDir);
  const dbFile = join(dataDir, 'seatdesk.db');
  const settings = new SettingsStore(join(dataDir, 'settings.json'), log);
  // connect-src names the servers in settings now: each response reads it afresh.
  const csp = () => contentSecurityPolicyFor(settings.get());
  registerAppProtocol(protocol, net, join(import.meta.dirname, '../renderer'), csp);
  secureSession(session.defaultSession, csp);

  const db = openDatabase(dbFile);
  const sync = new SyncService({
    dbFile,
    db,
    settings: () => settings.get(),
    tokenStore: new SafeStorageSecretStore(safeStorage, join(dataDir, 'server-session.bin')),
    log,
  });
  // Wrap-ups, drafts and the call log are written (and fsynced) in their own thread, as in browser mode.
  const writer = startDataWriter({ dbFile, log });
  const window = () => BrowserWindow.getAllWindows()[0] ?? null;
  const handlers = createHostHandlers({
    db,
    settings,
    sync,
    secrets: new SafeStorageSecretStore(safeStorage, join(dataDir, 'sip-password.bin')),
    mode: 'electron',
    version: app.getVersion(),
    systemLocaleTag: app.getLocale(),
    log,
    writer,
  });
  registerHostIpc(
    ipcMain,
    reloadOnNewServers(handlers, window, () => settings.get(), log),
    log,
  );
  createMainWindow(join(import.meta.dirname, '../preload'), log);
  void sync.start();
  const unwire = wireShellEvents({ globalShortcut, powerMonitor, powerSaveBlocker, window, log });
  // Quitting waits for the sync worker and the data writer to finish what they hold.
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    unwire();
    void Promise.allSettled([sync.close(), writer.close()]).then(() => {
      db.close();
      app.quit();
    });
  });
}
