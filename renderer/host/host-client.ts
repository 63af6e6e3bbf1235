import type { HostClient } from '../../shared';
import { createWsHostClient } from './ws-transport';

declare global {
  interface Window {
    /** Set by the Electron preload (preload/index.ts); absent in browser mode. */
    seatdesk?: HostClient;
  }
}

/**
 * The one way the renderer reaches host services: Electron's preload API when present,
 * else the local host's WebSocket with the launch token from the URL fragment (then removed).
 */
export function connectHost(): HostClient {
  if (window.seatdesk) return window.seatdesk;
  const token = /(?:^#|&)token=([0-9a-f]{64})/.exec(window.location.hash)?.[1];
  if (!token) throw new Error('Seatdesk was opened without its launch token.');
  history.replaceState(null, '', window.location.pathname + window.location.search);
  return createWsHostClient(window.location.origin, token);
}
