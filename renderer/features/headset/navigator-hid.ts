import type { HID } from './webhid';

/** `navigator.hid` where the browser has WebHID (Chromium, Electron), else null. */
export function navigatorHid(): HID | null {
  const nav = (globalThis as { navigator?: { hid?: HID } }).navigator;
  return nav?.hid ?? null;
}
