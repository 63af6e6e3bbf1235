import { describe, expect, it } from 'vitest';
import { hashRefreshToken, newRefreshToken, TokenIssuer } from './tokens';

const secret = Buffer.alloc(32, 1);
const claims = { sub: 'u1', role: 'agent', team: 't1', seat: 'seat-1', sid: 'sess-1' } as const;

describe('access tokens', () => {
  it('verify while fresh, and not once expired', () => {
    let now = Date.parse('2026-11-25T00:00:00Z');
    const issuer = new TokenIssuer(secret, () => new Date(now), 900);
    const token = issuer.issueAccess(claims);
    expect(issuer.verifyAccess(token)).toMatchObject(claims);
    now += 899_000;
    expect(issuer.verifyAccess(token)).not.toBeNull();
    now += 1000;
    expect(issuer.verifyAccess(token)).toBeNull();
  });

  it('refuse a changed payload, another secret, and junk', () => {
    const issuer = new TokenIssuer(secret, () => new Date());
    const [v, payload, mac] = issuer.issueAccess(claims).split('.');
    const raised = Buffer.from(JSON.stringify({ ...claims, role: 'admin', exp: 9e9 })).toString('base64url');
    expect(issuer.verifyAccess([v, raised, mac].join('.'))).toBeNull();
    expect(
      new TokenIssuer(Buffer.alloc(32, 2), () => new Date()).verifyAccess([v, payload, mac].join('.')),
    ).toBeNull();
    for (const junk of ['', 'a.b', 'v2.x.y', 'v1..', 'v1.e30.' + mac])
      expect(issuer.verifyAccess(junk)).toBeNull();
  });

  it('never outlive their session', () => {
    const now = Date.parse('2026-11-25T00:00:00Z');
    const issuer = new TokenIssuer(secret, () => new Date(now), 900);
    const claimsOf = (t: string) => issuer.verifyAccess(t);
    expect(claimsOf(issuer.issueAccess(claims, new Date(now + 60_000)))?.exp).toBe(now / 1000 + 60);
    expect(claimsOf(issuer.issueAccess(claims, new Date(now + 3600_000)))?.exp).toBe(now / 1000 + 900);
  });

  it('need a secret of at least 32 bytes', () => {
    expect(() => new TokenIssuer(Buffer.alloc(16), () => new Date())).toThrow(/32 bytes/);
  });
});

describe('refresh tokens', () => {
  it('store refresh tokens only as hashes', () => {
    const { token, hash } = newRefreshToken();
    expect(hash).toBe(hashRefreshToken(token));
    expect(hash).not.toContain(token);
    expect(token.length).toBeGreaterThanOrEqual(40);
  });
});
