import { isAppUrl } from './app-origin';

/**
 * The permission allow-list: everything not listed is denied. The softphone needs the microphone
 * (audio only, never the camera) and, for headset buttons, HID; only the app's own origin gets them.
 */
const allowed: Readonly<Record<string, (details: { mediaTypes?: readonly string[] }) => boolean>> = {
  // An empty or missing list names no device: [].every() would say yes to it, so it is refused.
  media: (d) => !!d.mediaTypes && d.mediaTypes.length > 0 && d.mediaTypes.every((t) => t === 'audio'),
  hid: () => true,
  'speaker-selection': () => true,
  // An incoming call raises a desktop notification when the window is not focused.
  notifications: () => true,
};

export function decidePermission(
  permission: string,
  requestingUrl: string,
  details: { mediaTypes?: readonly string[] } = {},
  origin?: string,
): boolean {
  if (!isAppUrl(requestingUrl, origin)) return false;
  const rule = allowed[permission];
  return rule ? rule(details) : false;
}
