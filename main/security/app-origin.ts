/**
 * The Electron renderer is served from a privileged custom scheme (secure context, its own origin),
 * never from file:// — so CSP 'self', permission checks and navigation guards have one origin to trust.
 */
export const appScheme = 'app';
export const appHost = 'seatdesk';
export const appOrigin = `${appScheme}://${appHost}`;

export function isAppUrl(url: string, origin: string = appOrigin): boolean {
  try {
    // A custom scheme's URL has origin 'null' in Node: compare the text too, with and without a
    // path (Electron hands permission checks the bare origin, 'app://seatdesk').
    return url === origin || url.startsWith(`${origin}/`) || new URL(url).origin === origin;
  } catch {
    return false;
  }
}
