import { z } from 'zod';
import { AgentStateUpdate, IceServer, maxIceServers, SeatId, SyncStatus, TokenPair } from '../../shared';

/** What the host thread tells the sync worker. Validated on arrival like any boundary. */
export const ToSyncWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('session'), pair: TokenPair, owner: z.string().max(600) }),
  z.object({ type: z.literal('sign-out') }),
  z.object({ type: z.literal('kick') }),
  /** The agent's newest state, for the publisher (latest wins). */
  z.object({ type: z.literal('agent-state'), update: AgentStateUpdate }),
  z.object({ type: z.literal('stop') }),
]);
export type ToSyncWorker = z.infer<typeof ToSyncWorker>;

/** What the sync worker reports back. */
export const FromSyncWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status'), status: SyncStatus.omit({ outbox: true }) }),
  /** A rotated refresh token, to persist where the host keeps secrets. */
  z.object({ type: z.literal('rotated'), pair: TokenPair }),
  z.object({ type: z.literal('log'), message: z.string().max(2000) }),
  /** STUN/TURN issued by the central server for this session (null: signed out). */
  z.object({
    type: z.literal('relays'),
    relays: z
      .object({
        iceServers: z.array(IceServer).max(maxIceServers),
        expiresAtMs: z.number().int().nullable(),
      })
      .nullable(),
  }),
]);
export type FromSyncWorker = z.infer<typeof FromSyncWorker>;

export const SyncWorkerData = z.object({
  dbFile: z.string().min(1),
  serverUrl: z.url(),
  seat: SeatId,
  pageSize: z.number().int().min(1).max(5000),
  pollMs: z.number().int().min(100),
  timeoutMs: z.number().int().min(100),
  backoff: z.object({ baseMs: z.number().int().min(1), capMs: z.number().int().min(1) }),
});
export type SyncWorkerData = z.infer<typeof SyncWorkerData>;
