import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../shared';
import { en } from './locales/en';
import { zhHans } from './locales/zh-hans';
import { zhHant } from './locales/zh-hant';

export const resources = {
  en: { translation: en },
  'zh-Hant': { translation: zhHant },
  'zh-Hans': { translation: zhHans },
} as const;

export function initI18n(locale: Locale) {
  return i18next.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: 'en',
    // React escapes text itself; i18next must not, or "<" would show as "&lt;".
    interpolation: { escapeValue: false },
  });
}

export function setLocale(locale: Locale) {
  void i18next.changeLanguage(locale);
  document.documentElement.lang = locale;
}
