import { extendedUsage as u, ledUsage, telephonyUsage } from '../../../shared/hid/telephony-usages';
import type { HIDCollectionInfo, HIDReportItem } from './webhid';

/**
 * WebHID collections modeled on real headsets' report descriptors (the shapes published in
 * descriptor dumps and vendor integration guides), cut down to what matters here: which reports
 * carry the telephony inputs and the LED outputs, in what order, with what padding. Test data only:
 * no hardware was attached to this machine.
 */

const tel = (id: number) => u(0x0b, id);
const led = (id: number) => u(0x08, id);

function bits(usages: number[], opts: { relative?: boolean; size?: number } = {}): HIDReportItem {
  return {
    usages,
    reportSize: opts.size ?? 1,
    reportCount: usages.length,
    isAbsolute: !opts.relative,
    isArray: false,
    isConstant: false,
    isRange: false,
    logicalMinimum: 0,
    logicalMaximum: 1,
  };
}

function padding(n: number): HIDReportItem {
  return { usages: [], reportSize: 1, reportCount: n, isConstant: true, isAbsolute: true, isArray: false };
}

/** A telephony key pad as an array item: each 8-bit slot holds the index of a pressed key. */
function keyPadArray(): HIDReportItem {
  return {
    usages: [],
    isRange: true,
    usageMinimum: tel(0xb0),
    usageMaximum: tel(0xbb),
    reportSize: 8,
    reportCount: 1,
    isArray: true,
    isAbsolute: true,
    logicalMinimum: 0,
    logicalMaximum: 11,
  };
}

const consumerVolume: HIDCollectionInfo = {
  usagePage: 0x0c,
  usage: 0x01,
  type: 1,
  children: [],
  inputReports: [
    { reportId: 1, items: [bits([u(0x0c, 0xe9), u(0x0c, 0xea)], { relative: false }), padding(6)] },
  ],
  outputReports: [],
};

/**
 * Jabra Evolve2 / Engage (GN, 0x0B0E): one telephony collection, report 2 both ways. Input: Hook
 * Switch (abs), Line Busy Tone (abs), Line (abs), Phone Mute (rel), Flash (rel), Redial (rel),
 * padding, key pad array. Output: LED Off-Hook, Ring, Mute, Hold, Microphone, padding.
 */
export const jabraEvolve2: HIDCollectionInfo[] = [
  consumerVolume,
  {
    usagePage: 0x0b,
    usage: 0x05,
    type: 1,
    children: [],
    inputReports: [
      {
        reportId: 2,
        items: [
          bits([telephonyUsage.hookSwitch, tel(0x97), tel(0x2a)]),
          bits([telephonyUsage.phoneMute, telephonyUsage.flash, tel(0x24)], { relative: true }),
          padding(2),
          keyPadArray(),
        ],
      },
    ],
    outputReports: [
      {
        reportId: 2,
        items: [bits([ledUsage.offHook, ledUsage.ring, ledUsage.mute, ledUsage.hold, led(0x21)]), padding(3)],
      },
    ],
  },
  { usagePage: 0xff30, usage: 0x01, type: 1, children: [], inputReports: [], outputReports: [] },
];

/**
 * Poly Blackwire 5220 (Plantronics, 0x047F): telephony input on report 3 (Hook Switch abs, Phone
 * Mute rel, Flash rel behind a vendor bit), lights split over two output reports: Off-Hook + Mute
 * LEDs on 3, and the telephony Ringer output (no Ring LED) on 4, each a byte.
 */
export const polyBlackwire: HIDCollectionInfo[] = [
  consumerVolume,
  {
    usagePage: 0x0b,
    usage: 0x05,
    type: 1,
    children: [],
    inputReports: [
      {
        reportId: 3,
        items: [
          bits([telephonyUsage.hookSwitch]),
          bits([u(0xffa0, 0x01)]),
          bits([telephonyUsage.phoneMute, telephonyUsage.flash], { relative: true }),
          padding(4),
        ],
      },
    ],
    outputReports: [
      { reportId: 3, items: [bits([ledUsage.offHook, ledUsage.mute]), padding(6)] },
      { reportId: 4, items: [bits([telephonyUsage.ringer]), padding(7)] },
    ],
  },
];

/**
 * EPOS / Sennheiser IMPACT (0x1395): a two-byte input report 1 whose first byte is a vendor field,
 * then Hook Switch (abs), then Flash and Phone Mute (rel) as one two-field item; LEDs Mute, Off-Hook,
 * Ring, Hold on output report 1 after a vendor byte.
 */
export const eposImpact: HIDCollectionInfo[] = [
  {
    usagePage: 0x0b,
    usage: 0x05,
    type: 1,
    children: [],
    inputReports: [
      {
        reportId: 1,
        items: [
          bits([u(0xff00, 0x01)], { size: 8 }),
          bits([telephonyUsage.hookSwitch]),
          bits([telephonyUsage.flash, telephonyUsage.phoneMute], { relative: true }),
          padding(5),
        ],
      },
    ],
    outputReports: [
      {
        reportId: 1,
        items: [
          bits([u(0xff00, 0x02)], { size: 8 }),
          bits([ledUsage.mute, ledUsage.offHook, ledUsage.ring, ledUsage.hold]),
          padding(4),
        ],
      },
    ],
  },
];

/**
 * Yealink UH36 (0x6993): Phone Mute flagged absolute (sent 1 while pressed, 0 on release), Hook
 * Switch absolute; LEDs on output report 2 given as a usage range would not work for LED ids this
 * far apart, so as a list.
 */
export const yealinkUh36: HIDCollectionInfo[] = [
  consumerVolume,
  {
    usagePage: 0x0b,
    usage: 0x05,
    type: 1,
    children: [],
    inputReports: [
      {
        reportId: 2,
        items: [bits([telephonyUsage.hookSwitch, telephonyUsage.phoneMute, tel(0x24)]), padding(5)],
      },
    ],
    outputReports: [
      {
        reportId: 2,
        items: [padding(1), bits([ledUsage.offHook, ledUsage.mute, ledUsage.ring]), padding(4)],
      },
    ],
  },
];

/** A single-collection headset without report ids (report id 0, as WebHID reports it). */
export const noReportIdHeadset: HIDCollectionInfo[] = [
  {
    usagePage: 0x0b,
    usage: 0x05,
    type: 1,
    children: [],
    inputReports: [
      {
        reportId: 0,
        items: [
          bits([telephonyUsage.hookSwitch]),
          bits([telephonyUsage.phoneMute], { relative: true }),
          padding(6),
        ],
      },
    ],
    outputReports: [
      { reportId: 0, items: [bits([ledUsage.offHook, ledUsage.mute, ledUsage.ring]), padding(5)] },
    ],
  },
];

/** A USB receiver with consumer keys only: no telephony page. */
export const mediaKeysOnly: HIDCollectionInfo[] = [consumerVolume];

/** On the telephony page but only a key pad: nothing a call-control integration can use. */
export const keyPadOnly: HIDCollectionInfo[] = [
  {
    usagePage: 0x0b,
    usage: 0x07,
    type: 1,
    children: [],
    inputReports: [{ reportId: 5, items: [keyPadArray()] }],
  },
];
