import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, passwordParams, verifyPassword } from './password';

// Each hash at today's cost takes about a second of one core.
describe('password hashes', { timeout: 30_000 }, () => {
  it('use scrypt at N >= 2^17 and verify only the right password (NFC-normalised)', async () => {
    expect(passwordParams.N).toBeGreaterThanOrEqual(2 ** 17);
    const a = await hashPassword('密碼 café');
    const b = await hashPassword('密碼 café');
    expect(a).not.toBe(b);
    expect(a.split('$')[1]).toBe(String(2 ** 17));
    expect(await verifyPassword('密碼 cafe\u0301', a)).toBe(true);
    expect(await verifyPassword('密碼 cafe', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
    expect(needsRehash(a)).toBe(false);
  });

  it('still verify an older, cheaper hash, and mark it for rehashing', async () => {
    const old = await hashPassword('pw', { N: 2 ** 14, r: 8, p: 1, keylen: 32 });
    expect(await verifyPassword('pw', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash('junk')).toBe(true);
  });

  it('refuse a stored hash that asks for absurd memory instead of allocating it', async () => {
    const huge = ['scrypt', 2 ** 30, 8, 1, 'c2FsdA', 'aGFzaA'].join('$');
    expect(await verifyPassword('pw', huge)).toBe(false);
  });
});
