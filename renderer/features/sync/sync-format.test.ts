import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/locales/en';
import { clampPercent, formatCount, formatEta, formatProgress, type Translate } from './sync-format';

/** A tiny stand-in for i18next: looks the key up in the English messages and fills {{placeholders}}. */
const t: Translate = (key, values = {}) => {
  const template = key.split('.').reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], en);
  if (typeof template !== 'string') throw new Error(`missing key ${key}`);
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
};

describe('sync progress text', () => {
  it('groups row counts the way the locale does', () => {
    expect(formatCount(80000, 'en')).toBe('80,000');
    expect(formatCount(1234567, 'zh-Hant')).toBe('1,234,567');
    expect(formatCount(12.6, 'en')).toBe('13');
  });

  it('says how long is left in seconds, minutes, or hours and minutes', () => {
    expect(formatEta(null, t)).toBe('estimating time left…');
    expect(formatEta(0, t)).toBe('about 1 s left');
    expect(formatEta(19.2, t)).toBe('about 20 s left');
    expect(formatEta(59, t)).toBe('about 59 s left');
    expect(formatEta(60, t)).toBe('about 1 min left');
    expect(formatEta(61, t)).toBe('about 2 min left');
    expect(formatEta(3600, t)).toBe('about 1 h 0 min left');
    expect(formatEta(5000, t)).toBe('about 1 h 24 min left');
  });

  it('reads as one line with percent, rows and time left', () => {
    expect(formatProgress({ rows: 12000, total: 80000, percent: 45.9, etaS: 19.5 }, 'en', t)).toBe(
      'Syncing customers: 45 % · 12,000 / 80,000 rows · about 20 s left',
    );
    expect(formatProgress({ rows: 0, total: 80000, percent: 0, etaS: null }, 'en', t)).toBe(
      'Syncing customers: 0 % · 0 / 80,000 rows · estimating time left…',
    );
  });

  it('never shows 100 % before the last row, nor a percent outside 0–100', () => {
    expect(formatProgress({ rows: 79999, total: 80000, percent: 99.99, etaS: 0 }, 'en', t)).toContain(
      ': 99 %',
    );
    expect(clampPercent(140)).toBe(100);
    expect(clampPercent(-3)).toBe(0);
    expect(clampPercent(Number.NaN)).toBe(0);
  });
});
