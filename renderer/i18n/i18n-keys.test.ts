import { describe, expect, it } from 'vitest';
import { en } from './locales/en';
import { zhHans } from './locales/zh-hans';
import { zhHant } from './locales/zh-hant';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('locales', () => {
  it('have the same keys in zh-Hant, zh-Hans and en, none empty', () => {
    const base = keys(en).sort();
    expect(keys(zhHant).sort()).toEqual(base);
    expect(keys(zhHans).sort()).toEqual(base);
    for (const loc of [en, zhHant, zhHans]) {
      for (const k of base) {
        const v = k.split('.').reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], loc);
        expect(typeof v === 'string' && v.length > 0, k).toBe(true);
      }
    }
  });
});
