/**
 * The Electron renderer is served from a privileged custom scheme (secure context, its own origin),
 * never from file:// — so CSP 'self', permission checks and navigation guards have one origin to trust.
 */
export const appScheme = 'app';
export const appHost = 'seatdesk';
export const appOrigin = `${appScheme}://${appHost}`;

export function isAppUrl(url: string, origin: string = appOrigin): boolean {
  try {
    return new URL(url).origin === origin || url.startsWith(`${origin}/`);
  } catch {
    return false;
  }
}
