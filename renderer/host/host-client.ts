import type { HostClient } from '../../shared';
import { createWsHostClient } from './ws-transport';

declare global {
  interface Window {
    /** Set by the Electron preload (preload/index.ts); absent in browser mode. */
    seatdesk?: HostClient;
  }
}

const tokenKey = 'seatdesk.hostToken';

/**
 * The one way the renderer reaches host services: Electron's preload API when present, else the
 * local host's WebSocket with the launch token. The token arrives in the URL fragment (never sent
 * to a server), is removed from the address bar, and is kept in this tab's sessionStorage so a
 * reload after a renderer crash reconnects (and restores the wrap-up draft).
 */
export function connectHost(): HostClient {
  if (window.seatdesk) return window.seatdesk;
  const fromUrl = /(?:^#|&)token=([0-9a-f]{64})/.exec(window.location.hash)?.[1];
  if (fromUrl) {
    sessionStorage.setItem(tokenKey, fromUrl);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  const token = fromUrl ?? sessionStorage.getItem(tokenKey);
  if (!token) throw new Error('Seatdesk was opened without its launch token.');
  return createWsHostClient(window.location.origin, token);
}
