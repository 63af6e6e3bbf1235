import { describe, expect, it } from 'vitest';
import { callerIdFrom, cleanDisplayName, maxDisplayNameLength, parseNameAddr, userPartOf } from './caller-id';

describe('userPartOf', () => {
  it.each([
    ['sip:+886223456789@pstn.example.com;user=phone', '+886223456789'],
    ['sip:0223456789@10.0.0.1', '0223456789'],
    ['sips:1001@example.com', '1001'],
    ['tel:+886223456789', '+886223456789'],
    ['<sip:1001@example.com>', '1001'],
    ['sip:%2B886223456789@h', '+886223456789'],
    ['sip:anonymous@anonymous.invalid', 'anonymous'],
  ])('%s → %j', (uri, user) => {
    expect(userPartOf(uri)).toBe(user);
  });

  it.each([['sip:example.com'], ['sip:example.com;transport=ws'], ['http://x@y'], [''], ['sip:@host']])(
    '%j has no user part',
    (uri) => {
      expect(userPartOf(uri)).toBe('');
    },
  );

  it('survives a malformed escape and bounds the result', () => {
    expect(userPartOf('sip:%E0%A4%A@h')).toBe('%E0%A4%A');
    expect(userPartOf(`sip:${'9'.repeat(500)}@h`)).toHaveLength(64);
  });
});

describe('cleanDisplayName', () => {
  it('drops control characters and quotes, and caps the length', () => {
    expect(cleanDisplayName('"王小明"')).toBe('王小明');
    expect(cleanDisplayName('a\u0000b\nc\u007f')).toBe('abc');
    expect(cleanDisplayName(undefined)).toBe('');
    const long = cleanDisplayName('名'.repeat(10_000));
    expect(long).toHaveLength(maxDisplayNameLength + 1);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('parseNameAddr', () => {
  it('reads a quoted name and the number', () => {
    expect(parseNameAddr('"王小明" <sip:0223456789@pstn>;tag=1')).toEqual({
      displayName: '王小明',
      number: '0223456789',
    });
  });

  it('reads an unquoted name, and a bare URI', () => {
    expect(parseNameAddr('Li Na <sip:+8613800138000@gw>')).toEqual({
      displayName: 'Li Na',
      number: '+8613800138000',
    });
    expect(parseNameAddr('sip:1001@example.com;tag=abc')).toEqual({ displayName: '', number: '1001' });
  });

  it('a From with no user part gives an empty number', () => {
    expect(parseNameAddr('"Reception" <sip:pbx.example.com>;tag=9')).toEqual({
      displayName: 'Reception',
      number: '',
    });
    expect(parseNameAddr('<sip:pbx.example.com>')).toEqual({ displayName: '', number: '' });
  });

  it('keeps markup in a quoted display name as text and still finds the number', () => {
    expect(parseNameAddr('"<script>alert(1)</script>" <sip:0912345678@gw>;tag=1')).toEqual({
      displayName: '<script>alert(1)</script>',
      number: '0912345678',
    });
    expect(parseNameAddr('"a \\"quoted\\" > name" <sip:1001@h>')).toEqual({
      displayName: 'a "quoted" > name',
      number: '1001',
    });
  });

  it('bounds a 10 kB display name and still reads the number after it', () => {
    const id = parseNameAddr(`"${'A'.repeat(10_240)}" <sip:0223456789@gw>`);
    expect(id.number).toBe('0223456789');
    expect(id.displayName.length).toBeLessThanOrEqual(maxDisplayNameLength + 1);
  });

  it('is quick on a huge unterminated quote', () => {
    const t = performance.now();
    const id = parseNameAddr(`"${'\\x'.repeat(200_000)} <sip:1@h>`);
    expect(performance.now() - t).toBeLessThan(200);
    expect(id.number).toBe('');
  });
});

describe('callerIdFrom', () => {
  const from = { number: '1001', displayName: 'Gateway' };

  it('prefers P-Asserted-Identity when it carries a number', () => {
    expect(callerIdFrom(from, '"王小明" <sip:+886223456789@trunk>')).toEqual({
      number: '+886223456789',
      displayName: '王小明',
    });
    expect(callerIdFrom(from, '<tel:+886223456789>')).toEqual({
      number: '+886223456789',
      displayName: 'Gateway',
    });
  });

  it('falls back to From without a usable PAI', () => {
    expect(callerIdFrom(from, undefined)).toBe(from);
    expect(callerIdFrom(from, '<sip:trunk.example.com>')).toBe(from);
  });
});
