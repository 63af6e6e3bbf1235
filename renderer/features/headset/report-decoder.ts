import { readField } from './report-bits';
import type { ReportField, TelephonyLayout } from './telephony-layout';

export type HeadsetEvent = 'hook-off' | 'hook-on' | 'mute-pressed' | 'flash';

type InputName = keyof TelephonyLayout['inputs'];

/**
 * Turns a headset's input reports into button events. The hook switch is a level (absolute): an
 * event only when it changes. Phone Mute and Flash are presses: most headsets send them relative,
 * as 1 in one report and 0 in the next, but a report sent for another control while the button is
 * still down repeats the 1 — so a press is a rising edge, whatever the flag says. A relative hook
 * switch (rare) toggles on each rising edge. Reports too short for their fields are dropped whole.
 */
export class TelephonyReportDecoder {
  private offHook = false;
  private readonly last: Record<InputName, number> = { hookSwitch: 0, phoneMute: 0, flash: 0 };

  constructor(private readonly layout: TelephonyLayout) {}

  /**
   * The hook level the host just told the headset to take (its off-hook light). Headsets follow it,
   * some without reporting back: the next button press must be read as a change from this level.
   */
  expectHook(offHook: boolean): void {
    this.offHook = offHook;
  }

  decode(reportId: number, data: DataView): HeadsetEvent[] {
    const fields = (Object.entries(this.layout.inputs) as [InputName, ReportField][]).filter(
      ([, f]) => f.reportId === reportId,
    );
    const values = fields.map(([name, field]) => [name, field, readField(data, field)] as const);
    if (values.length === 0 || values.some(([, , v]) => v === null)) return [];

    const events: HeadsetEvent[] = [];
    for (const [name, field, v] of values) {
      const value = v ?? 0;
      const rising = value !== 0 && this.last[name] === 0;
      this.last[name] = value;
      if (name === 'hookSwitch') {
        const offHook = field.isAbsolute ? value !== 0 : rising ? !this.offHook : this.offHook;
        if (offHook !== this.offHook) events.push(offHook ? 'hook-off' : 'hook-on');
        this.offHook = offHook;
      } else if (rising) {
        events.push(name === 'phoneMute' ? 'mute-pressed' : 'flash');
      }
    }
    return events;
  }
}
