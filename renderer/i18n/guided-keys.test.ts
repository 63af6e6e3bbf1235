import { describe, expect, it } from 'vitest';
import { wrapUpGapCodes } from '../../shared';
import { en } from './locales/en';

describe('guided-call messages', () => {
  it('every wrap-up gap code is a message key', () => {
    for (const code of wrapUpGapCodes) {
      const value = code.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], en);
      expect(typeof value, code).toBe('string');
    }
  });
});
