import { z } from 'zod';

/**
 * Monitoring grants: the central server signs one (Ed25519) for a lead to listen to, whisper to
 * or barge into one agent's call; the agent's seat verifies it with the server's public key, so
 * no seat holds a key that could mint one. Wire form, like a compact JWS without a header:
 * `base64url(payload JSON).base64url(signature over the first segment's ASCII)`.
 *
 * The issuer writes the payload JSON as ASCII only (non-ASCII escaped as \uXXXX), so the
 * verifier needs neither TextEncoder nor TextDecoder and runs in Node and the renderer alike.
 */
export const monitorModes = ['listen', 'whisper', 'barge'] as const;
export const MonitorMode = z.enum(monitorModes);
export type MonitorMode = z.infer<typeof MonitorMode>;

const Id = z.string().min(1).max(64);

/** How long a grant lives: long enough to place the monitoring call, too short to stash. */
export const grantLifetimeMs = 60_000;

export const MonitoringGrantPayload = z
  .object({
    /** Unique id: the seat accepts each once. */
    jti: z.string().min(16).max(64),
    lead: Id,
    agent: Id,
    callId: z.string().min(1).max(200),
    modes: z.array(MonitorMode).min(1).max(3),
    /** Epoch milliseconds. */
    issuedAt: z.number().int().nonnegative(),
    expiresAt: z.number().int().nonnegative(),
  })
  .strict()
  .refine((g) => g.expiresAt > g.issuedAt, {
    message: 'expiresAt must follow issuedAt',
    path: ['expiresAt'],
  });
export type MonitoringGrantPayload = z.infer<typeof MonitoringGrantPayload>;

/** Why a seat refused a grant; shown to the lead and logged (one code per failure). */
export const grantRefusals = [
  'missing',
  'malformed',
  'forged',
  'expired',
  'not-yet-valid',
  'wrong-agent',
  'wrong-call',
  'mode-not-allowed',
  'replayed',
] as const;
export const GrantRefusal = z.enum(grantRefusals);
export type GrantRefusal = z.infer<typeof GrantRefusal>;

export type GrantCheck = { ok: true; grant: MonitoringGrantPayload } | { ok: false; reason: GrantRefusal };

/** A seat's memory of the grants it has accepted, each kept until it would have expired anyway. */
export class UsedGrantIds {
  private readonly until = new Map<string, number>();

  has(jti: string, nowMs: number): boolean {
    this.prune(nowMs);
    return this.until.has(jti);
  }

  remember(jti: string, expiresAt: number): void {
    this.until.set(jti, expiresAt);
  }

  get size(): number {
    return this.until.size;
  }

  private prune(nowMs: number): void {
    for (const [jti, exp] of this.until) if (exp <= nowMs) this.until.delete(jti);
  }
}

// The slice of WebCrypto used here; shared/ has neither DOM nor Node types (tsconfig.shared.json).
interface SubtleEd25519 {
  importKey(
    format: 'raw',
    key: Uint8Array,
    algorithm: { name: 'Ed25519' },
    extractable: boolean,
    usages: readonly ['verify'],
  ): Promise<unknown>;
  verify(
    algorithm: { name: 'Ed25519' },
    key: unknown,
    signature: Uint8Array,
    data: Uint8Array,
  ): Promise<boolean>;
}

function subtle(): SubtleEd25519 {
  const c = (globalThis as { crypto?: { subtle?: SubtleEd25519 } }).crypto;
  if (!c?.subtle) throw new Error('WebCrypto (crypto.subtle) is not available');
  return c.subtle;
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Strict base64url (no padding) to bytes; null on any character outside the alphabet. */
export function base64UrlToBytes(s: string): Uint8Array | null {
  if (s.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let n = 0;
  for (const ch of s) {
    const v = alphabet.indexOf(ch);
    if (v < 0) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

export interface GrantExpectation {
  /** The server's public key: the raw 32 bytes, base64url (`GET /v1/monitoring/public-key`). */
  publicKey: string;
  /** The agent this seat belongs to, and the call the lead asks to join. */
  agent: string;
  callId: string;
  /** The mode the lead starts in; later switches are checked against `grant.modes`. */
  mode?: MonitorMode;
  nowMs: number;
  /** The seat's used-id set; a grant that passes is remembered in it. */
  used: UsedGrantIds;
  /** Clock skew tolerated between server and seat. */
  skewMs?: number;
}

/**
 * Verifies a grant for this seat and call. The signature is checked before anything the payload
 * says is believed; then time, agent, call, mode and single use, in that order. A grant that
 * passes is marked used.
 */
export async function verifyGrant(
  token: string | null | undefined,
  want: GrantExpectation,
): Promise<GrantCheck> {
  if (!token) return { ok: false, reason: 'missing' };
  const parts = token.split('.');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return { ok: false, reason: 'malformed' };
  const [body, sig] = parts as [string, string];
  const payloadBytes = base64UrlToBytes(body);
  const signature = base64UrlToBytes(sig);
  const key = base64UrlToBytes(want.publicKey);
  if (!payloadBytes || !signature) return { ok: false, reason: 'malformed' };
  if (!key || key.length !== 32) throw new Error('the monitoring public key is not a raw Ed25519 key');

  const api = subtle();
  const imported = await api.importKey('raw', key, { name: 'Ed25519' }, false, ['verify']);
  const valid =
    signature.length === 64 && (await api.verify({ name: 'Ed25519' }, imported, signature, ascii(body)));
  if (!valid) return { ok: false, reason: 'forged' };

  if (payloadBytes.some((b) => b > 0x7f)) return { ok: false, reason: 'malformed' };
  let json: unknown;
  try {
    json = JSON.parse(String.fromCharCode(...payloadBytes));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const parsed = MonitoringGrantPayload.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const grant = parsed.data;

  const skew = want.skewMs ?? 5_000;
  if (grant.expiresAt <= want.nowMs - skew) return { ok: false, reason: 'expired' };
  if (grant.issuedAt > want.nowMs + skew) return { ok: false, reason: 'not-yet-valid' };
  if (grant.agent !== want.agent) return { ok: false, reason: 'wrong-agent' };
  if (grant.callId !== want.callId) return { ok: false, reason: 'wrong-call' };
  if (want.mode && !grant.modes.includes(want.mode)) return { ok: false, reason: 'mode-not-allowed' };
  if (want.used.has(grant.jti, want.nowMs)) return { ok: false, reason: 'replayed' };
  want.used.remember(grant.jti, grant.expiresAt + skew);
  return { ok: true, grant };
}

/** The issuer's half of the wire form: ASCII-only JSON, base64url-encoded by the caller's codec. */
export function grantPayloadJson(payload: MonitoringGrantPayload): string {
  return JSON.stringify(payload).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
