/**
 * HID usages a headset's call-control buttons and lights use (HID Usage Tables 1.4: page 0x0B
 * Telephony Device, page 0x08 LED). Shared by the renderer (which reads the reports through WebHID)
 * and the Electron shell (which decides which HID devices the app may see).
 */
export const usagePage = { led: 0x08, telephony: 0x0b } as const;

/** WebHID reports usages as 32-bit extended usages: page in the high half, id in the low half. */
export function extendedUsage(page: number, id: number): number {
  return ((page & 0xffff) << 16) + (id & 0xffff);
}

export const telephonyUsage = {
  /** Top-level collection usage of a headset (0x0B:0x05). */
  headset: extendedUsage(usagePage.telephony, 0x05),
  /** Absolute (a level): 1 while the line is off hook. */
  hookSwitch: extendedUsage(usagePage.telephony, 0x20),
  flash: extendedUsage(usagePage.telephony, 0x21),
  /** Usually relative: 1 for one report per press of the mute button. */
  phoneMute: extendedUsage(usagePage.telephony, 0x2f),
  /** An output some Poly firmwares use instead of the Ring LED to make the headset ring. */
  ringer: extendedUsage(usagePage.telephony, 0x9e),
} as const;

export const ledUsage = {
  mute: extendedUsage(usagePage.led, 0x09),
  offHook: extendedUsage(usagePage.led, 0x17),
  ring: extendedUsage(usagePage.led, 0x18),
  hold: extendedUsage(usagePage.led, 0x20),
} as const;

/** The USB vendors of the call-center headsets known to expose the telephony page. */
export const headsetVendorIds: Readonly<Record<string, number>> = {
  jabra: 0x0b0e,
  'poly-plantronics': 0x047f,
  'epos-sennheiser': 0x1395,
  yealink: 0x6993,
};

/** True when one of the device's top-level collections is on the telephony page. */
export function hasTelephonyCollection(collections: readonly { usagePage?: number }[] | undefined): boolean {
  return (collections ?? []).some((c) => c.usagePage === usagePage.telephony);
}
