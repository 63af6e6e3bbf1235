import { describe, expect, it } from 'vitest';
import { dialString, glareRetryMs, isDtmfTone } from './dial-string';

describe('dialString', () => {
  it('keeps digits, a leading plus, * and #; drops the punctuation people paste', () => {
    expect(dialString(' +886 2-2345-6789 ')).toBe('+886223456789');
    expect(dialString('(02) 2345.6789')).toBe('0223456789');
    expect(dialString('*72#')).toBe('*72#');
  });

  it('refuses anything that would be more than a number in a SIP header', () => {
    for (const bad of [
      '',
      '12a',
      '1001@evil.example',
      '1;transport=tcp',
      '++886',
      '<sip:x>',
      '1'.repeat(33),
    ]) {
      expect(dialString(bad), bad).toBeNull();
    }
  });
});

describe('isDtmfTone', () => {
  it('accepts the sixteen RFC 4733 keys only', () => {
    expect([...'0123456789*#ABCD'].every(isDtmfTone)).toBe(true);
    expect(['E', '11', '', 'a', ' '].some(isDtmfTone)).toBe(false);
  });
});

describe('glareRetryMs (RFC 3261 §14.1)', () => {
  it('waits 2.1–4 s when this side owns the Call-ID, 0–2 s when not', () => {
    expect(glareRetryMs(true, () => 0)).toBe(2100);
    expect(glareRetryMs(true, () => 1)).toBe(4000);
    expect(glareRetryMs(false, () => 0)).toBe(0);
    expect(glareRetryMs(false, () => 1)).toBe(2000);
  });
});
