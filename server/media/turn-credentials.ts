import { createHmac } from 'node:crypto';
import type { MediaRelays } from '../../shared';

/** The deployment's relays (server/cli.ts reads them from the environment). */
export interface RelayConfig {
  /** turn:/turns: URLs of the coturn nodes sharing `secret`. */
  turnUrls: string[];
  /** coturn's `static-auth-secret`. */
  secret: string;
  /** How long an issued credential works; the seat asks again at half of it. */
  ttlS: number;
  /** stun: URLs (no credentials). */
  stunUrls: string[];
}

/**
 * TURN REST API credentials (draft-uberti-behave-turn-rest, as coturn's `use-auth-secret`
 * checks them): username `<expiry unix time>:<user id>`, password base64(HMAC-SHA1(secret,
 * username)). Nothing is stored: any server node can issue them, any TURN node can check them,
 * and a leaked one stops working at its expiry.
 */
export function turnCredential(secret: string, userId: string, nowMs: number, ttlS: number) {
  const username = `${Math.floor(nowMs / 1000) + ttlS}:${userId}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}

export function mediaRelaysFor(config: RelayConfig | undefined, userId: string, nowMs: number): MediaRelays {
  if (!config) return { iceServers: [], ttlSeconds: 0 };
  const iceServers: MediaRelays['iceServers'] = [];
  if (config.stunUrls.length > 0) iceServers.push({ urls: config.stunUrls });
  if (config.turnUrls.length > 0)
    iceServers.push({ urls: config.turnUrls, ...turnCredential(config.secret, userId, nowMs, config.ttlS) });
  return { iceServers, ttlSeconds: config.turnUrls.length > 0 ? config.ttlS : 0 };
}
