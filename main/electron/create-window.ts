import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { appOrigin } from '../security/app-origin';
import { secureWebPreferences } from '../security/web-preferences';
import { hardenWebContents } from './harden-web-contents';

/** The agent's window. Every security-relevant preference is set explicitly, never left to defaults. */
export function createMainWindow(preloadDir: string, log: (msg: string) => void): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    title: 'Seatdesk',
    webPreferences: {
      ...secureWebPreferences,
      preload: join(preloadDir, 'index.cjs'),
      spellcheck: false,
      // An agent's window is often behind others: a ring must never wait for a throttled timer.
      backgroundThrottling: false,
    },
  });
  hardenWebContents(win.webContents, log);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${appOrigin}/index.html`);
  return win;
}
