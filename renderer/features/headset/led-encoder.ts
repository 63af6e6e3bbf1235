import { writeField } from './report-bits';
import type { TelephonyLayout } from './telephony-layout';

export interface LedState {
  offHook: boolean;
  mute: boolean;
  ring: boolean;
  hold: boolean;
}

export const ledsOff: LedState = { offHook: false, mute: false, ring: false, hold: false };

export interface OutputReport {
  reportId: number;
  data: Uint8Array<ArrayBuffer>;
}

/**
 * The output reports that show `state` on the headset: one per report id that carries a light we
 * drive, every other bit of it zero. A headset without any of these outputs gets no report.
 */
export function encodeLeds(layout: TelephonyLayout, state: LedState): OutputReport[] {
  const reports = new Map<number, Uint8Array<ArrayBuffer>>();
  for (const [reportId, bytes] of layout.outputReportBytes) reports.set(reportId, new Uint8Array(bytes));
  for (const name of ['offHook', 'mute', 'ring', 'hold'] as const) {
    const field = layout.outputs[name];
    const bytes = field ? reports.get(field.reportId) : undefined;
    if (field && bytes) writeField(bytes, field, state[name] ? 1 : 0);
  }
  return [...reports].map(([reportId, data]) => ({ reportId, data }));
}

export function sameLeds(a: LedState, b: LedState): boolean {
  return a.offHook === b.offHook && a.mute === b.mute && a.ring === b.ring && a.hold === b.hold;
}
