import { formatClock } from '../../../shared/util/clock-format';

/** Talk time as a clock reads: 0:05, 12:34, 1:02:03. */
export const formatDuration = formatClock;

const timeFormats = new Map<string, Intl.DateTimeFormat>();
const dayKey = (d: Date) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;

/** When a call started: the time alone for today, the date and time before that. */
export function formatCallTime(iso: string, locale: string, now: Date = new Date()): string {
  const at = new Date(iso);
  const today = dayKey(at) === dayKey(now);
  const key = `${locale}|${today ? 't' : 'd'}`;
  let f = timeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      locale,
      today ? { timeStyle: 'short' } : { dateStyle: 'short', timeStyle: 'short' },
    );
    timeFormats.set(key, f);
  }
  return f.format(at);
}
