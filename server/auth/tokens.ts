import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { Id, Role, SeatId } from '../../shared';

/** What an access token asserts; checked on every request. */
export const AccessClaims = z
  .object({
    sub: Id,
    role: Role,
    team: Id,
    seat: SeatId,
    /** The sign-in session (auth_sessions.id) the token was issued under. */
    sid: z.string().min(1).max(64),
    /** Expiry, seconds since the epoch. */
    exp: z.number().int(),
  })
  .strict();
export type AccessClaims = z.infer<typeof AccessClaims>;

/**
 * Compact HMAC-SHA256 tokens (`v1.<payload>.<mac>`, base64url): short-lived, stateless, so
 * any server node verifies them with the shared secret. Refresh tokens are random and kept
 * hashed in the database, so they can be revoked and rotated.
 */
export class TokenIssuer {
  constructor(
    private readonly secret: Buffer,
    private readonly clock: () => Date,
    readonly accessTtlS = 900,
  ) {
    if (secret.length < 32) throw new Error('token secret must be at least 32 bytes');
  }

  /** `notAfter`: the session's end; the token never outlives it. */
  issueAccess(claims: Omit<AccessClaims, 'exp'>, notAfter?: Date): string {
    let exp = Math.floor(this.clock().getTime() / 1000) + this.accessTtlS;
    if (notAfter) exp = Math.min(exp, Math.floor(notAfter.getTime() / 1000));
    const payload = Buffer.from(JSON.stringify({ ...claims, exp })).toString('base64url');
    return `v1.${payload}.${this.mac(payload)}`;
  }

  /** null for anything forged, malformed or expired. */
  verifyAccess(token: string): AccessClaims | null {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== 'v1') return null;
    const [, payload = '', mac = ''] = parts;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    const claims = AccessClaims.safeParse(json);
    if (!claims.success) return null;
    if (claims.data.exp * 1000 <= this.clock().getTime()) return null;
    return claims.data;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.secret).update(`v1.${payload}`).digest('base64url');
  }
}

export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
