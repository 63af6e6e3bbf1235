import { z } from 'zod';
import { IceServer, maxIceServers } from '../domain/ice-servers';

/**
 * `GET /v1/media/ice-servers`: the STUN/TURN servers a seat should use, TURN with credentials
 * made for this user that expire after `ttlSeconds` (the TURN REST API scheme coturn implements
 * with `use-auth-secret`). Empty when the deployment runs no relay.
 */
export const MediaRelays = z
  .object({
    iceServers: z.array(IceServer).max(maxIceServers),
    ttlSeconds: z.number().int().min(0).max(172_800),
  })
  .strict();
export type MediaRelays = z.infer<typeof MediaRelays>;
