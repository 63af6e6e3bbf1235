import type { Locale } from '../domain/settings';

export type DayPart = 'morning' | 'afternoon' | 'evening';

/** 05:00–11:59 morning, 12:00–17:59 afternoon, otherwise evening — in the caller's local time. */
export function dayPart(nowMs: number, utcOffsetMinutes: number): DayPart {
  const minutesOfDay = (((Math.floor(nowMs / 60_000) + utcOffsetMinutes) % 1440) + 1440) % 1440;
  const hour = Math.floor(minutesOfDay / 60);
  if (hour >= 5 && hour < 12) return 'morning';
  if (hour >= 12 && hour < 18) return 'afternoon';
  return 'evening';
}

/** Script content (what the agent says), not UI chrome: kept here so preview and seat say the same. */
const greetings: Readonly<Record<Locale, Readonly<Record<DayPart, string>>>> = {
  'zh-Hant': { morning: '早安', afternoon: '午安', evening: '晚安' },
  'zh-Hans': { morning: '早上好', afternoon: '下午好', evening: '晚上好' },
  en: { morning: 'Good morning', afternoon: 'Good afternoon', evening: 'Good evening' },
};

/** The `{greeting}` value for a clock and a UTC offset (minutes, e.g. +480 for Taipei). */
export function greetingFor(nowMs: number, utcOffsetMinutes: number, lang: Locale): string {
  return greetings[lang][dayPart(nowMs, utcOffsetMinutes)];
}
