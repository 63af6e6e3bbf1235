import { describe, expect, it } from 'vitest';
import { appOrigin } from './app-origin';
import { decideDevicePermission, pickHidDevice } from './hid-policy';

const jabra = {
  deviceId: 'jabra-1',
  vendorId: 0x0b0e,
  productId: 0x02e6,
  name: 'Jabra Evolve2 65',
  collections: [{ usagePage: 0x0c }, { usagePage: 0x0b }, { usagePage: 0xff30 }],
};
const jabraVendorInterface = { ...jabra, deviceId: 'jabra-2', collections: [{ usagePage: 0xff30 }] };
const keyboard = {
  deviceId: 'kbd',
  vendorId: 0x046d,
  name: 'USB Receiver',
  collections: [{ usagePage: 0x0c }],
};
const polyNoCollections = { deviceId: 'poly', vendorId: 0x047f, name: 'Blackwire 5220' };
const unknownNoCollections = { deviceId: 'x', vendorId: 0x1234, name: 'Gadget' };

describe('HID device permission', () => {
  it('grants telephony headsets to the app origin, with or without a trailing slash', () => {
    for (const origin of [appOrigin, `${appOrigin}/`]) {
      expect(decideDevicePermission({ deviceType: 'hid', origin, device: jabra })).toBe(true);
    }
  });

  it('refuses other origins, other device types and devices without the telephony page', () => {
    expect(decideDevicePermission({ deviceType: 'hid', origin: 'https://evil.example', device: jabra })).toBe(
      false,
    );
    expect(decideDevicePermission({ deviceType: 'hid', origin: 'app://seatdesk.evil', device: jabra })).toBe(
      false,
    );
    expect(decideDevicePermission({ deviceType: 'usb', origin: appOrigin, device: jabra })).toBe(false);
    expect(decideDevicePermission({ deviceType: 'serial', origin: appOrigin, device: jabra })).toBe(false);
    expect(decideDevicePermission({ deviceType: 'hid', origin: appOrigin, device: keyboard })).toBe(false);
    expect(
      decideDevicePermission({ deviceType: 'hid', origin: appOrigin, device: jabraVendorInterface }),
    ).toBe(false);
    expect(decideDevicePermission({ deviceType: 'hid', origin: '', device: jabra })).toBe(false);
  });

  it('falls back to the headset vendor list only when no collections are given', () => {
    expect(decideDevicePermission({ deviceType: 'hid', origin: appOrigin, device: polyNoCollections })).toBe(
      true,
    );
    expect(
      decideDevicePermission({ deviceType: 'hid', origin: appOrigin, device: unknownNoCollections }),
    ).toBe(false);
  });
});

describe('HID chooser', () => {
  it('picks the interface with the telephony page, for the app frame only', () => {
    const list = [keyboard, jabraVendorInterface, jabra];
    expect(pickHidDevice(list, `${appOrigin}/index.html`)).toBe('jabra-1');
    expect(pickHidDevice(list, 'https://evil.example/')).toBeNull();
    expect(pickHidDevice(list, undefined)).toBeNull();
  });

  it('prefers a device whose collections show the page over a vendor-list guess, and cancels when none fits', () => {
    expect(pickHidDevice([polyNoCollections, jabra], `${appOrigin}/`)).toBe('jabra-1');
    expect(pickHidDevice([polyNoCollections], `${appOrigin}/`)).toBe('poly');
    expect(pickHidDevice([keyboard, unknownNoCollections], `${appOrigin}/`)).toBeNull();
    expect(pickHidDevice([], `${appOrigin}/`)).toBeNull();
  });
});
