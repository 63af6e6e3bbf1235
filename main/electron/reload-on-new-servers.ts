import type { BrowserWindow } from 'electron';
import type { HostHandlers } from '../../shared';
import { connectSourcesChanged } from '../security/app-protocol';

/** Long enough for the calls that finish a settings save (the SIP password) to land first. */
const settleMs = 1000;

/**
 * A page keeps the CSP it loaded with, whose connect-src names the servers configured then: when
 * `settings:update` changes them, the window reloads (once the save has settled) so that the new
 * SIP or central server is reachable, under a policy that names it.
 */
export function reloadOnNewServers(
  handlers: HostHandlers,
  window: () => BrowserWindow | null,
  current: () => Parameters<typeof connectSourcesChanged>[0],
  log: (msg: string) => void,
): HostHandlers {
  const update = handlers['settings:update'];
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    ...handlers,
    'settings:update': async (patch) => {
      const before = current();
      const next = await update(patch);
      if (connectSourcesChanged(before, next)) {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          timer = null;
          log('servers changed: reloading the window under the new CSP');
          window()?.webContents.reload();
        }, settleMs);
      }
      return next;
    },
  };
}
