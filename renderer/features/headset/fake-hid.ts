import type { HID, HIDCollectionInfo, HIDDevice, HIDDeviceFilter } from './webhid';

/** A HIDDevice for unit tests: records what is sent to it, and plays input reports. */
export class FakeHidDevice extends EventTarget implements HIDDevice {
  opened = false;
  readonly sent: { reportId: number; bytes: number[] }[] = [];
  failOpen = false;

  constructor(
    readonly productName: string,
    readonly collections: HIDCollectionInfo[],
    readonly vendorId = 0,
    readonly productId = 0,
  ) {
    super();
  }

  async open(): Promise<void> {
    if (this.failOpen) throw new Error('NotAllowedError: the device is in use');
    this.opened = true;
  }

  async close(): Promise<void> {
    this.opened = false;
  }

  async sendReport(reportId: number, data: BufferSource): Promise<void> {
    if (!this.opened) throw new Error('InvalidStateError: the device must be opened');
    const view = ArrayBuffer.isView(data) ? data : new Uint8Array(data);
    this.sent.push({ reportId, bytes: [...new Uint8Array(view.buffer, view.byteOffset, view.byteLength)] });
  }

  /** An input report as the headset would send it (data without the report id byte). */
  press(reportId: number, bytes: number[]): void {
    const event = Object.assign(new Event('inputreport'), {
      device: this,
      reportId,
      data: new DataView(new Uint8Array(bytes).buffer),
    });
    this.dispatchEvent(event);
  }
}

/** navigator.hid for unit tests: granted devices, the chooser's pick, connect and disconnect. */
export class FakeHid extends EventTarget implements HID {
  granted: FakeHidDevice[] = [];
  /** What the chooser returns (the user's pick), filtered as Chromium filters it. */
  pickable: FakeHidDevice[] = [];
  lastFilters: HIDDeviceFilter[] | null = null;

  async getDevices(): Promise<HIDDevice[]> {
    return [...this.granted];
  }

  async requestDevice(options: { filters: HIDDeviceFilter[] }): Promise<HIDDevice[]> {
    this.lastFilters = options.filters;
    const picked = this.pickable.filter((d) =>
      options.filters.some((f) =>
        d.collections.some((c) => f.usagePage === undefined || c.usagePage === f.usagePage),
      ),
    );
    this.granted.push(...picked);
    return picked;
  }

  plug(device: FakeHidDevice): void {
    this.granted.push(device);
    this.dispatchEvent(Object.assign(new Event('connect'), { device }));
  }

  unplug(device: FakeHidDevice): void {
    this.granted = this.granted.filter((d) => d !== device);
    device.opened = false;
    this.dispatchEvent(Object.assign(new Event('disconnect'), { device }));
  }
}
