import { describe, expect, it } from 'vitest';
import { normalizeNumber } from './normalize-number';

describe('normalizeNumber', () => {
  it.each([
    ['+886 2 2345 6789', 'TW', '+886223456789'],
    ['02-2345-6789', 'TW', '+886223456789'],
    ['(02) 2345-6789', 'TW', '+886223456789'],
    ['0223456789', 'TW', '+886223456789'],
    ['886223456789', 'TW', '+886223456789'],
    ['00886223456789', 'TW', '+886223456789'],
    ['0912345678', 'TW', '+886912345678'],
    ['0912-345-678', 'TW', '+886912345678'],
    ['+86 138 0013 8000', 'TW', '+8613800138000'],
    ['13800138000', 'CN', '+8613800138000'],
    ['010-6123 4567', 'CN', '+861061234567'],
    ['  +886 2 2345 6789  ', 'TW', '+886223456789'],
  ])('%j in %s is %s', (raw, region, e164) => {
    expect(normalizeNumber(raw, region)).toEqual({ kind: 'e164', e164 });
  });

  it.each([['anonymous'], ['Anonymous'], ['unknown'], ['private'], ['restricted'], [''], ['   ']])(
    '%j is anonymous (no lookup)',
    (raw) => {
      expect(normalizeNumber(raw, 'TW')).toEqual({ kind: 'anonymous' });
    },
  );

  it.each([
    ['garbage'],
    ['<script>alert(1)</script>'],
    ['12'],
    ['+886 2 2345 6789 ext. 12'],
    ['1'.repeat(65)],
    ['💩'],
  ])('%j is invalid', (raw) => {
    expect(normalizeNumber(raw, 'TW').kind).toBe('invalid');
  });

  it('reads national numbers by the default region', () => {
    const tw = normalizeNumber('02-2345-6789', 'TW');
    const cn = normalizeNumber('02-2345-6789', 'CN');
    expect(tw).toEqual({ kind: 'e164', e164: '+886223456789' });
    expect(cn).not.toEqual(tw);
  });

  it('does not throw for a region libphonenumber does not know', () => {
    expect(normalizeNumber('02-2345-6789', 'XX').kind).toBe('invalid');
    expect(normalizeNumber('+886 2 2345 6789', 'XX')).toEqual({ kind: 'e164', e164: '+886223456789' });
  });
});
