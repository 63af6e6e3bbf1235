import type { Locale } from '../../shared';

/** Maps an OS / browser locale tag to one of ours: zh-TW/HK/MO → zh-Hant, other zh → zh-Hans, else en. */
export function resolveLocale(tag: string | undefined): Locale {
  const t = (tag ?? '').replace('_', '-').toLowerCase();
  if (!t.startsWith('zh')) return 'en';
  if (/hant|-tw|-hk|-mo/.test(t)) return 'zh-Hant';
  return 'zh-Hans';
}
