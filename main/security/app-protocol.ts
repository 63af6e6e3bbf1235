import { join, normalize, sep } from 'node:path';
import { connectSourcesFor, type CspServers } from '../../shared';
import { appHost } from './app-origin';

/**
 * The file an `app://seatdesk/…` request is served from: inside the built renderer only, or null
 * (another host, a path that climbs out, a NUL byte, a malformed escape).
 */
export function resolveAppFile(requestUrl: string, rendererDir: string): string | null {
  let url: URL;
  let path: string;
  try {
    url = new URL(requestUrl);
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (url.host !== appHost || path.includes('\0')) return null;
  const base = normalize(rendererDir + sep);
  const file = normalize(join(base, path === '/' ? 'index.html' : path));
  return file.startsWith(base) ? file : null;
}

/**
 * The headers of every `app://` response, set by the protocol handler itself: a custom scheme's
 * responses may never pass through `webRequest.onHeadersReceived`, so the CSP cannot rely on it.
 */
export function appResponseHeaders(csp: string, contentType: string | null): Record<string, string> {
  return {
    ...(contentType ? { 'Content-Type': contentType } : {}),
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/**
 * Whether a settings change alters the servers the page may connect to. A loaded page keeps the
 * policy it was served with, so the window must reload before it can reach a new server.
 */
export function connectSourcesChanged(before: CspServers, after: CspServers): boolean {
  return connectSourcesFor(before).join(' ') !== connectSourcesFor(after).join(' ');
}
