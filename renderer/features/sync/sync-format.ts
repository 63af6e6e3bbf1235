import type { SyncProgress } from '../../../shared';

/** The slice of i18next's `t` these formatters need; a plain function so tests can pass a fake. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

const numberFormats = new Map<string, Intl.NumberFormat>();
/** One formatter per locale, reused: the progress text re-renders every second during a sync. */
function numberFormat(locale: string): Intl.NumberFormat {
  let f = numberFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    numberFormats.set(locale, f);
  }
  return f;
}

/** Row counts and other integers with the locale's grouping, e.g. 12,000. */
export function formatCount(n: number, locale: string): string {
  return numberFormat(locale).format(n);
}

/**
 * Time left in the unit an agent reads at a glance: seconds under a minute, then whole minutes,
 * then hours and minutes. Always rounded up, so "about 1 s" never lingers at zero.
 */
export function formatEta(etaS: number | null, t: Translate): string {
  if (etaS === null || !Number.isFinite(etaS)) return t('sync.etaUnknown');
  const s = Math.max(1, Math.ceil(etaS));
  if (s < 60) return t('sync.etaSeconds', { n: s });
  const min = Math.ceil(s / 60);
  if (min < 60) return t('sync.etaMinutes', { n: min });
  return t('sync.etaHours', { h: Math.floor(min / 60), m: min % 60 });
}

/**
 * "Syncing customers: 45 % · 12,000 / 80,000 rows · about 20 s left". The percent is floored
 * so the bar never claims 100 % while rows are still arriving.
 */
export function formatProgress(p: SyncProgress, locale: string, t: Translate): string {
  return t('sync.progress', {
    percent: formatCount(Math.floor(clampPercent(p.percent)), locale),
    rows: formatCount(p.rows, locale),
    total: formatCount(p.total, locale),
    eta: formatEta(p.etaS, t),
  });
}

export function clampPercent(percent: number): number {
  return Number.isFinite(percent) ? Math.min(100, Math.max(0, percent)) : 0;
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();
/** Short date and time for queue rows and "last synced"; '' for a timestamp that does not parse. */
export function formatTime(iso: string, locale: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  let f = timeFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' });
    timeFormats.set(locale, f);
  }
  return f.format(d);
}
