import type { ReportField } from './telephony-layout';

/** HID packs fields least-significant bit first, from byte 0 up. */
export function readField(data: DataView, field: ReportField): number | null {
  if (field.bitOffset + field.bitSize > data.byteLength * 8) return null;
  let value = 0;
  for (let i = 0; i < field.bitSize; i++) {
    const bit = field.bitOffset + i;
    if ((data.getUint8(bit >> 3) >> (bit & 7)) & 1) value += 2 ** i;
  }
  return value;
}

export function writeField(bytes: Uint8Array, field: ReportField, value: number): void {
  for (let i = 0; i < field.bitSize; i++) {
    const bit = field.bitOffset + i;
    const byte = bit >> 3;
    if (byte >= bytes.length) return;
    const mask = 1 << (bit & 7);
    const on = Math.floor(value / 2 ** i) % 2 === 1;
    bytes[byte] = on ? (bytes[byte] ?? 0) | mask : (bytes[byte] ?? 0) & ~mask;
  }
}
