import { isAppUrl } from './app-origin';

/** The window may only ever show the app itself: every other navigation is refused. */
export function mayNavigate(url: string, origin?: string): boolean {
  return isAppUrl(url, origin);
}

/** IPC is answered only for the app's own top frame. */
export function isTrustedSender(
  frameUrl: string | undefined,
  isMainFrame: boolean,
  origin?: string,
): boolean {
  return isMainFrame && !!frameUrl && isAppUrl(frameUrl, origin);
}
