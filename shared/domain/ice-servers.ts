import { z } from 'zod';

/** A STUN or TURN server address as WebRTC takes it (RFC 7064 / RFC 7065 URIs). */
export const IceUrl = z
  .string()
  .max(500)
  .regex(/^(stun|turns?):[^\s]+$/, 'expected a stun:, turn: or turns: URL');

/**
 * One entry of RTCConfiguration.iceServers. TURN credentials are never typed in or stored on a
 * seat: the central server issues short-lived ones (docs/turn.md); STUN needs none.
 */
export const IceServer = z
  .object({
    urls: z.array(IceUrl).min(1).max(4),
    username: z.string().min(1).max(256).optional(),
    credential: z.string().min(1).max(512).optional(),
  })
  .strict()
  .refine((s) => (s.username === undefined) === (s.credential === undefined), {
    message: 'username and credential go together',
  });
export type IceServer = z.infer<typeof IceServer>;

/** `relay` sends all media through TURN (strict firewalls, or hiding the agent's address). */
export const IceTransportPolicy = z.enum(['all', 'relay']);
export type IceTransportPolicy = z.infer<typeof IceTransportPolicy>;

export const maxIceServers = 8;
