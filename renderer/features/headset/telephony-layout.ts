import { ledUsage, telephonyUsage, usagePage } from '../../../shared/hid/telephony-usages';
import type { HIDCollectionInfo, HIDReportInfo, HIDReportItem } from './webhid';

/** One control inside a report: where its bits are, and whether it reports a level or a change. */
export interface ReportField {
  reportId: number;
  /** Bits from the start of the report's data (the report id byte is not part of the data). */
  bitOffset: number;
  bitSize: number;
  /** Absolute: the value is a level (hook switch). Relative: a non-zero value is one press. */
  isAbsolute: boolean;
}

export interface TelephonyLayout {
  inputs: { hookSwitch?: ReportField; phoneMute?: ReportField; flash?: ReportField };
  outputs: { offHook?: ReportField; mute?: ReportField; ring?: ReportField; hold?: ReportField };
  /** Length in bytes of each output report that carries one of the outputs above. */
  outputReportBytes: ReadonlyMap<number, number>;
}

const inputUsages = {
  hookSwitch: telephonyUsage.hookSwitch,
  phoneMute: telephonyUsage.phoneMute,
  flash: telephonyUsage.flash,
} as const;

const outputUsages = {
  offHook: [ledUsage.offHook],
  mute: [ledUsage.mute],
  // The Ring LED where there is one; some Poly firmwares ring on the telephony Ringer output instead.
  ring: [ledUsage.ring, telephonyUsage.ringer],
  hold: [ledUsage.hold],
} as const;

/**
 * Where a headset's call-control bits are, read from WebHID's parsed report descriptor. Only
 * top-level collections on the telephony page count: their report lists describe whole reports
 * (a sub-collection's lists describe only its part), so bit offsets computed there are exact.
 * Returns null when the device has no telephony collection or no hook switch to listen to.
 */
export function parseTelephonyLayout(
  collections: readonly HIDCollectionInfo[] | undefined,
): TelephonyLayout | null {
  const telephony = (collections ?? []).filter((c) => c.usagePage === usagePage.telephony);
  if (telephony.length === 0) return null;

  const inputFields = new Map<number, ReportField>();
  const outputFields = new Map<number, ReportField>();
  const outputReportBytes = new Map<number, number>();
  for (const collection of telephony) {
    for (const report of collection.inputReports ?? []) collectFields(report, inputFields);
    for (const report of collection.outputReports ?? []) {
      const bits = collectFields(report, outputFields);
      outputReportBytes.set(report.reportId ?? 0, Math.ceil(bits / 8));
    }
  }

  const layout: TelephonyLayout = { inputs: {}, outputs: {}, outputReportBytes: new Map() };
  for (const [name, usage] of Object.entries(inputUsages) as [keyof typeof inputUsages, number][]) {
    const field = inputFields.get(usage);
    if (field) layout.inputs[name] = field;
  }
  for (const [name, usages] of Object.entries(outputUsages) as [
    keyof typeof outputUsages,
    readonly number[],
  ][]) {
    const field = usages.map((u) => outputFields.get(u)).find((f) => f !== undefined);
    if (field) layout.outputs[name] = field;
  }
  if (!layout.inputs.hookSwitch && !layout.inputs.phoneMute) return null;

  const used = new Set(Object.values(layout.outputs).map((f) => f.reportId));
  layout.outputReportBytes = new Map([...outputReportBytes].filter(([id]) => used.has(id)));
  return layout;
}

/**
 * Walks one report's items in order (each takes reportSize × reportCount bits) and records the
 * first field found for each usage. Array items (a list of pressed usages) and constant padding
 * carry no fields we use. Returns the report's length in bits.
 */
function collectFields(report: HIDReportInfo, into: Map<number, ReportField>): number {
  const reportId = report.reportId ?? 0;
  let offset = 0;
  for (const item of report.items ?? []) {
    const size = nonNegative(item.reportSize);
    const count = nonNegative(item.reportCount);
    if (!item.isConstant && !item.isArray && size > 0 && size <= 32) {
      for (let i = 0; i < count; i++) {
        const usage = usageOfField(item, i);
        if (usage !== undefined && !into.has(usage)) {
          into.set(usage, {
            reportId,
            bitOffset: offset + i * size,
            bitSize: size,
            isAbsolute: item.isAbsolute ?? true,
          });
        }
      }
    }
    offset += size * count;
  }
  return offset;
}

/** The usage of the i-th field of a variable item: a range counts up, a list repeats its last. */
function usageOfField(item: HIDReportItem, i: number): number | undefined {
  if (item.isRange) {
    if (item.usageMinimum === undefined || item.usageMaximum === undefined) return undefined;
    const usage = item.usageMinimum + i;
    return usage <= item.usageMaximum ? usage : undefined;
  }
  const usages = item.usages ?? [];
  if (usages.length === 0) return undefined;
  return usages[Math.min(i, usages.length - 1)];
}

function nonNegative(n: number | undefined): number {
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : 0;
}
