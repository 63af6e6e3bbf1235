import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt at N = 2^17, r = 8 (OWASP's minimum for scrypt): 128 MiB and about a second of one
 * core per hash here. Node's default `maxmem` (32 MiB) refuses that, so each call names its
 * own; at most four hashes run at once (libuv's pool), so a login burst peaks near 512 MiB.
 */
export const passwordParams = { N: 2 ** 17, r: 8, p: 1, keylen: 32 } as const;

/** The most a stored hash may ask for (a damaged row must not take a node's memory). */
const maxN = 2 ** 20;

const maxmemFor = (N: number, r: number, p: number) => 128 * N * r * p + 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, opts: ScryptOptions, keylen: number): Promise<Buffer> {
  return new Promise((ok, fail) =>
    scrypt(password.normalize('NFC'), salt, keylen, opts, (e, key) => (e ? fail(e) : ok(key))),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64url), so parameters can be raised later per hash. */
export async function hashPassword(
  password: string,
  params: { N: number; r: number; p: number; keylen: number } = passwordParams,
): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p } = params;
  const key = await derive(password, salt, { N, r, p, maxmem: maxmemFor(N, r, p) }, params.keylen);
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

function parse(stored: string) {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N = 0, r = 0, p = 0] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  if (!N || !r || !p || N > maxN || r > 32 || p > 4 || expected.length === 0) return null;
  return { N, r, p, salt, expected };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h) return false;
  const key = await derive(
    password,
    h.salt,
    { N: h.N, r: h.r, p: h.p, maxmem: maxmemFor(h.N, h.r, h.p) },
    h.expected.length,
  );
  return timingSafeEqual(key, h.expected);
}

/** True for a hash made with weaker parameters than today's: rewritten at the next login. */
export function needsRehash(stored: string): boolean {
  const h = parse(stored);
  if (!h) return true;
  return (
    h.N < passwordParams.N ||
    h.r < passwordParams.r ||
    h.p < passwordParams.p ||
    h.expected.length < passwordParams.keylen
  );
}
