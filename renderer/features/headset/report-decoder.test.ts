import { describe, expect, it } from 'vitest';
import { eposImpact, jabraEvolve2, yealinkUh36 } from './headset-fixtures';
import { TelephonyReportDecoder } from './report-decoder';
import { parseTelephonyLayout } from './telephony-layout';

const view = (...bytes: number[]) => new DataView(new Uint8Array(bytes).buffer);

function decoderFor(collections: Parameters<typeof parseTelephonyLayout>[0]) {
  const layout = parseTelephonyLayout(collections);
  if (!layout) throw new Error('no layout');
  return new TelephonyReportDecoder(layout);
}

describe('TelephonyReportDecoder', () => {
  it('reads the hook switch as a level: an event only when it changes', () => {
    const d = decoderFor(jabraEvolve2);
    expect(d.decode(2, view(0x01, 0))).toEqual(['hook-off']);
    expect(d.decode(2, view(0x01, 0))).toEqual([]);
    expect(d.decode(2, view(0x03, 0))).toEqual([]); // line busy tone changed, hook did not
    expect(d.decode(2, view(0x00, 0))).toEqual(['hook-on']);
  });

  it('reads a relative Phone Mute as one press per rising edge, even when a report repeats it', () => {
    const d = decoderFor(jabraEvolve2);
    d.expectHook(true);
    expect(d.decode(2, view(0x09, 0))).toEqual(['mute-pressed']);
    expect(d.decode(2, view(0x0b, 0))).toEqual([]); // another control changed while mute is held
    expect(d.decode(2, view(0x01, 0))).toEqual([]);
    expect(d.decode(2, view(0x09, 0))).toEqual(['mute-pressed']);
    expect(d.decode(2, view(0x11, 0))).toEqual(['flash']);
  });

  it('reads an absolute momentary mute the same way (Yealink)', () => {
    const d = decoderFor(yealinkUh36);
    expect(d.decode(2, view(0x03))).toEqual(['hook-off', 'mute-pressed']);
    expect(d.decode(2, view(0x01))).toEqual([]);
    expect(d.decode(2, view(0x03))).toEqual(['mute-pressed']);
  });

  it('takes the off-hook light the host set as the hook level to change from', () => {
    const d = decoderFor(jabraEvolve2);
    d.expectHook(true); // the app answered from the screen; this headset does not echo the hook
    expect(d.decode(2, view(0x01, 0))).toEqual([]);
    expect(d.decode(2, view(0x00, 0))).toEqual(['hook-on']);
  });

  it('drops reports too short for their fields, and reports it does not know', () => {
    const d = decoderFor(eposImpact);
    expect(d.decode(1, view(0xff))).toEqual([]); // one byte: the hook switch is in the second
    expect(d.decode(1, view())).toEqual([]);
    expect(d.decode(7, view(0xff, 0xff))).toEqual([]);
    expect(d.decode(1, view(0x00, 0x01))).toEqual(['hook-off']);
  });
});
