import { describe, expect, it } from 'vitest';
import {
  eposImpact,
  jabraEvolve2,
  keyPadOnly,
  mediaKeysOnly,
  noReportIdHeadset,
  polyBlackwire,
  yealinkUh36,
} from './headset-fixtures';
import { parseTelephonyLayout } from './telephony-layout';

const abs = (reportId: number, bitOffset: number) => ({ reportId, bitOffset, bitSize: 1, isAbsolute: true });
const rel = (reportId: number, bitOffset: number) => ({ reportId, bitOffset, bitSize: 1, isAbsolute: false });

describe('parseTelephonyLayout', () => {
  it('finds a Jabra Evolve2’s hook switch, mute, flash and lights on report 2', () => {
    const layout = parseTelephonyLayout(jabraEvolve2);
    expect(layout?.inputs).toEqual({ hookSwitch: abs(2, 0), phoneMute: rel(2, 3), flash: rel(2, 4) });
    expect(layout?.outputs).toEqual({
      offHook: abs(2, 0),
      ring: abs(2, 1),
      mute: abs(2, 2),
      hold: abs(2, 3),
    });
    expect([...(layout?.outputReportBytes ?? [])]).toEqual([[2, 1]]);
  });

  it('uses a Poly Blackwire’s telephony Ringer output when there is no Ring LED, on its own report', () => {
    const layout = parseTelephonyLayout(polyBlackwire);
    expect(layout?.inputs).toEqual({ hookSwitch: abs(3, 0), phoneMute: rel(3, 2), flash: rel(3, 3) });
    expect(layout?.outputs).toEqual({ offHook: abs(3, 0), mute: abs(3, 1), ring: abs(4, 0) });
    expect([...(layout?.outputReportBytes ?? [])]).toEqual([
      [3, 1],
      [4, 1],
    ]);
  });

  it('counts the bits of earlier items, vendor bytes included (EPOS IMPACT)', () => {
    const layout = parseTelephonyLayout(eposImpact);
    expect(layout?.inputs).toEqual({ hookSwitch: abs(1, 8), flash: rel(1, 9), phoneMute: rel(1, 10) });
    expect(layout?.outputs).toEqual({
      mute: abs(1, 8),
      offHook: abs(1, 9),
      ring: abs(1, 10),
      hold: abs(1, 11),
    });
    expect([...(layout?.outputReportBytes ?? [])]).toEqual([[1, 2]]);
  });

  it('keeps an absolute Phone Mute absolute (Yealink UH36) and skips leading padding', () => {
    const layout = parseTelephonyLayout(yealinkUh36);
    expect(layout?.inputs).toEqual({ hookSwitch: abs(2, 0), phoneMute: abs(2, 1) });
    expect(layout?.outputs).toEqual({ offHook: abs(2, 1), mute: abs(2, 2), ring: abs(2, 3) });
  });

  it('handles a headset without report ids', () => {
    const layout = parseTelephonyLayout(noReportIdHeadset);
    expect(layout?.inputs.hookSwitch).toEqual(abs(0, 0));
    expect([...(layout?.outputReportBytes ?? [])]).toEqual([[0, 1]]);
  });

  it('reads usage ranges and repeats a list’s last usage over the remaining fields', () => {
    const layout = parseTelephonyLayout([
      {
        usagePage: 0x0b,
        usage: 0x05,
        inputReports: [
          {
            reportId: 9,
            items: [
              {
                isRange: true,
                usageMinimum: 0x0b0020,
                usageMaximum: 0x0b0021,
                reportSize: 1,
                reportCount: 2,
              },
              { usages: [0x0b0024, 0x0b002f], reportSize: 2, reportCount: 3, isAbsolute: false },
            ],
          },
        ],
      },
    ]);
    expect(layout?.inputs).toEqual({
      hookSwitch: { reportId: 9, bitOffset: 0, bitSize: 1, isAbsolute: true },
      flash: { reportId: 9, bitOffset: 1, bitSize: 1, isAbsolute: true },
      phoneMute: { reportId: 9, bitOffset: 4, bitSize: 2, isAbsolute: false },
    });
    expect(layout?.outputs).toEqual({});
  });

  it('refuses devices without the telephony page or without hook and mute controls', () => {
    expect(parseTelephonyLayout(mediaKeysOnly)).toBeNull();
    expect(parseTelephonyLayout(keyPadOnly)).toBeNull();
    expect(parseTelephonyLayout([])).toBeNull();
    expect(parseTelephonyLayout(undefined)).toBeNull();
  });

  it('survives malformed descriptors (missing or nonsense sizes)', () => {
    const layout = parseTelephonyLayout([
      {
        usagePage: 0x0b,
        inputReports: [
          { items: [{ usages: [0x0b0020], reportSize: -1, reportCount: 1 }, {}] },
          { reportId: 2, items: [{ usages: [0x0b0020], reportSize: 1.5, reportCount: 2 }] },
        ],
      },
    ]);
    expect(layout).toBeNull();
  });
});
