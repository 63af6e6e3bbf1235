import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../http/deps';
import { registerRoute } from '../http/route';
import { mediaRelaysFor } from '../media/turn-credentials';

/** GET /v1/media/ice-servers: STUN/TURN for the signed-in seat, TURN credentials made for its user. */
export function registerMediaRoutes(app: FastifyInstance, { tokens, clock, relays }: ServerDeps): void {
  registerRoute(app, tokens, 'media:iceServers', async ({ user }) =>
    mediaRelaysFor(relays, user.sub, clock().getTime()),
  );
}
