import { z } from 'zod';
import { Id, IsoTime, limits } from './customer';

/**
 * What the seat knows about the central server, shown in the status bar. The call path
 * never waits on any of it: pops read the local cache, wrap-ups go to the local outbox.
 */
export const syncConnections = [
  'not-configured',
  'signed-out',
  'connecting',
  'online',
  'offline',
  'error',
] as const;
export const syncPhases = ['idle', 'initial', 'incremental'] as const;

export const SyncProgress = z.object({
  rows: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** 0–100. */
  percent: z.number().min(0).max(100),
  /** null until the rate is known. */
  etaS: z.number().nonnegative().nullable(),
});
export type SyncProgress = z.infer<typeof SyncProgress>;

export const SyncStatus = z.object({
  connection: z.enum(syncConnections),
  phase: z.enum(syncPhases),
  progress: SyncProgress.nullable(),
  /** Last time the cache was known to be up to date with the server. */
  lastSyncAt: IsoTime.nullable(),
  /** English detail for the tooltip; the status bar localises `connection`. */
  error: z.string().max(limits.shortText).nullable(),
  user: z
    .object({ username: z.string().max(64), displayName: z.string().max(limits.name), teamId: Id })
    .nullable(),
  outbox: z.object({
    /** The signed-in account's records not yet sent. */
    pending: z.number().int().nonnegative(),
    rejected: z.number().int().nonnegative(),
    /**
     * Pending records that belong to another account (or to none) and wait for their owner to
     * sign in again; never sent under this one (issue 13). Optional for older hosts.
     */
    waitingForOwner: z.number().int().nonnegative().optional(),
  }),
});
export type SyncStatus = z.infer<typeof SyncStatus>;
