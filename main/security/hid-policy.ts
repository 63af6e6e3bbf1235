import { hasTelephonyCollection, headsetVendorIds } from '../../shared/hid/telephony-usages';
import { isAppUrl } from './app-origin';

/** What Electron tells us about a HID device (its HIDDevice structure, the parts we read). */
export interface HidDeviceDescription {
  deviceId: string;
  vendorId: number;
  productId?: number;
  name?: string;
  collections?: readonly { usagePage?: number }[];
}

/** Any device Electron may ask about (a serial port's vendor id is a string). */
type DeviceFacts = { vendorId?: number | string; collections?: readonly { usagePage?: number }[] };

/** Origins come as 'app://seatdesk' or 'app://seatdesk/': either is the app's own. */
function isAppOrigin(origin: string | undefined, appOrigin?: string): boolean {
  if (!origin) return false;
  return isAppUrl(origin, appOrigin) || isAppUrl(`${origin}/`, appOrigin);
}

/** A headset's call-control interface: a telephony collection, or (with no collections to read) a headset vendor. */
export function isTelephonyHeadset(device: DeviceFacts): boolean {
  if (device.collections && device.collections.length > 0) return hasTelephonyCollection(device.collections);
  return typeof device.vendorId === 'number' && Object.values(headsetVendorIds).includes(device.vendorId);
}

/**
 * The device-permission decision (Electron keeps no WebHID grants of its own, so this answers
 * `getDevices()` and re-opening too): HID only, the app's own origin only, telephony headsets only.
 */
export function decideDevicePermission(
  details: { deviceType: string; origin: string; device: DeviceFacts },
  appOrigin?: string,
): boolean {
  if (details.deviceType !== 'hid' || !isAppOrigin(details.origin, appOrigin)) return false;
  return isTelephonyHeadset(details.device);
}

/**
 * The chooser's answer to `navigator.hid.requestDevice()`, which Electron leaves to the app: the
 * first device on the telephony page, for the app's own frame only; null cancels the request.
 */
export function pickHidDevice(
  devices: readonly HidDeviceDescription[],
  frameUrl: string | undefined,
  appOrigin?: string,
): string | null {
  if (!isAppOrigin(frameUrl, appOrigin)) return null;
  const withCollections = devices.find((d) => (d.collections?.length ?? 0) > 0 && isTelephonyHeadset(d));
  return (withCollections ?? devices.find((d) => isTelephonyHeadset(d)))?.deviceId ?? null;
}
