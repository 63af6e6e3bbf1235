import { z } from 'zod';
import { IceUrl } from '../../shared';
import type { RelayConfig } from './turn-credentials';

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const Env = z.object({
  turnUrls: z.array(IceUrl.regex(/^turns?:/, 'SEATDESK_TURN_URLS takes turn: or turns: URLs')).max(4),
  stunUrls: z.array(IceUrl.regex(/^stun:/, 'SEATDESK_STUN_URLS takes stun: URLs')).max(4),
  secret: z.string(),
  ttlS: z.number().int().min(600).max(172_800),
});

/** The example secret of deploy/coturn/turnserver.conf (and any copy-paste variant of it). */
export const placeholderTurnSecret = 'CHANGE-ME-to-at-least-32-random-characters';
const isPlaceholderSecret = (s: string) => s === placeholderTurnSecret || /change-?me/i.test(s);

/**
 * The relays seats are told about, from the environment:
 *   SEATDESK_TURN_URLS    comma-separated turn:/turns: URLs of coturn nodes (use-auth-secret)
 *   SEATDESK_TURN_SECRET  their static-auth-secret (at least 32 characters)
 *   SEATDESK_TURN_TTL_S   lifetime of an issued credential, 600..172800 s (default 43200: a shift)
 *   SEATDESK_STUN_URLS    comma-separated stun: URLs
 * Undefined when none is set; a half-set or malformed configuration refuses to start.
 */
export function relayConfigFromEnv(env: NodeJS.ProcessEnv): RelayConfig | undefined {
  const turnUrls = list(env.SEATDESK_TURN_URLS);
  const stunUrls = list(env.SEATDESK_STUN_URLS);
  if (turnUrls.length === 0 && stunUrls.length === 0) return undefined;
  const parsed = Env.safeParse({
    turnUrls,
    stunUrls,
    secret: env.SEATDESK_TURN_SECRET ?? '',
    ttlS: Number(env.SEATDESK_TURN_TTL_S ?? 43_200),
  });
  if (!parsed.success)
    throw new Error(`relay configuration: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  if (turnUrls.length > 0 && parsed.data.secret.length < 32)
    throw new Error('relay configuration: SEATDESK_TURN_SECRET must be at least 32 characters');
  if (turnUrls.length > 0 && isPlaceholderSecret(parsed.data.secret))
    throw new Error(
      'relay configuration: SEATDESK_TURN_SECRET is the placeholder of deploy/coturn; set a random one',
    );
  return parsed.data;
}
