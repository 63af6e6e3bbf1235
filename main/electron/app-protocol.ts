import type { Net, Protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { appScheme } from '../security/app-origin';
import { appResponseHeaders, resolveAppFile } from '../security/app-protocol';

/**
 * Serves the built renderer on `app://seatdesk/`. Each response carries its own headers, the CSP
 * first (read from `csp()` per response, so a settings change reaches the next page load):
 * `webRequest.onHeadersReceived` may not fire for a custom scheme, so it is only a second layer.
 */
export function registerAppProtocol(
  protocol: Protocol,
  net: Net,
  rendererDir: string,
  csp: () => string,
): void {
  protocol.handle(appScheme, async (request) => {
    const file = resolveAppFile(request.url, rendererDir);
    const headers = (type: string | null) => appResponseHeaders(csp(), type);
    if (!file) return new Response('not found', { status: 404, headers: headers('text/plain') });
    const res = await net.fetch(pathToFileURL(file).toString());
    return new Response(res.body, {
      status: res.status,
      statusText: res.statusText,
      headers: headers(res.headers.get('content-type')),
    });
  });
}
