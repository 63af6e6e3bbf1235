/**
 * How many initial-sync snapshots stream at once. Each holds one pooled PostgreSQL connection
 * in a REPEATABLE READ transaction for as long as its seat takes to read it, so ten slow
 * readers would otherwise starve a node's pool (issue 13). A seat over the cap is told to come
 * back later (429 + Retry-After); its sync engine already retries a failed snapshot.
 */
export interface SnapshotLimits {
  /** Streams one user may hold on this node (a seat needs one; a second is a retry storm). */
  perUser: number;
  /** Streams this node serves at once, all users together (below the pool size). */
  perNode: number;
  /** What Retry-After says, seconds. */
  retryAfterS: number;
}

export const defaultSnapshotLimits: SnapshotLimits = { perUser: 1, perNode: 4, retryAfterS: 5 };

function positiveInt(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
}

/** SEATDESK_SNAPSHOTS_PER_USER, SEATDESK_SNAPSHOTS_PER_NODE, SEATDESK_SNAPSHOT_RETRY_AFTER_S. */
export function snapshotLimitsFromEnv(env: NodeJS.ProcessEnv): SnapshotLimits {
  const d = defaultSnapshotLimits;
  return {
    perUser: positiveInt(env.SEATDESK_SNAPSHOTS_PER_USER, 'SEATDESK_SNAPSHOTS_PER_USER', d.perUser),
    perNode: positiveInt(env.SEATDESK_SNAPSHOTS_PER_NODE, 'SEATDESK_SNAPSHOTS_PER_NODE', d.perNode),
    retryAfterS: positiveInt(
      env.SEATDESK_SNAPSHOT_RETRY_AFTER_S,
      'SEATDESK_SNAPSHOT_RETRY_AFTER_S',
      d.retryAfterS,
    ),
  };
}

export type SnapshotRefusal = 'user' | 'node';

/** Counts the streams in flight on this node; a slot is released exactly once. */
export class SnapshotGate {
  private node = 0;
  private readonly users = new Map<string, number>();

  constructor(readonly limits: SnapshotLimits) {}

  /** A release function, or which cap refused the stream. */
  acquire(userId: string): (() => void) | SnapshotRefusal {
    const mine = this.users.get(userId) ?? 0;
    if (mine >= this.limits.perUser) return 'user';
    if (this.node >= this.limits.perNode) return 'node';
    this.node++;
    this.users.set(userId, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.node--;
      const left = (this.users.get(userId) ?? 1) - 1;
      if (left === 0) this.users.delete(userId);
      else this.users.set(userId, left);
    };
  }

  get inFlight(): number {
    return this.node;
  }
}
