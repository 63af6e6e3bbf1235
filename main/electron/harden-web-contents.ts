import type { WebContents } from 'electron';
import { mayNavigate } from '../security/navigation-policy';

/** The one hardening function, applied to every webContents the app creates. */
export function hardenWebContents(contents: WebContents, log: (msg: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    if (!mayNavigate(url)) {
      event.preventDefault();
      log('navigation blocked');
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (!mayNavigate(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // No new windows, and no URL is ever handed to the OS (shell.openExternal is not used).
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
