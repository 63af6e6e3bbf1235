import type { SqlClient } from '../db/sql-client';

/** One kind of key: locked from the `threshold`-th failure, for base·2^(failures − threshold). */
export interface ThrottleRule {
  threshold: number;
  baseLockS: number;
  maxLockS: number;
}

export interface LoginLimits {
  /** One user from one address: a typing agent, or a guesser at one machine. */
  userAtAddress: ThrottleRule;
  /** One user from anywhere: a guesser spread over many addresses. */
  user: ThrottleRule;
  /**
   * One address, any user: a guesser trying many usernames. High, because a whole call center
   * often signs in from behind one NAT address at the start of a shift.
   */
  address: ThrottleRule;
  /** Failures older than this are forgotten. */
  windowS: number;
  /** Password checks one address may have running at once on a node (each costs 128 MiB). */
  inFlightPerAddress: number;
}

export const defaultLoginLimits: LoginLimits = {
  userAtAddress: { threshold: 5, baseLockS: 30, maxLockS: 15 * 60 },
  user: { threshold: 20, baseLockS: 60, maxLockS: 30 * 60 },
  address: { threshold: 100, baseLockS: 60, maxLockS: 30 * 60 },
  windowS: 3600,
  inFlightPerAddress: 4,
};

/** Seconds a key with this many failures stays locked (0: not locked). */
export function lockSeconds(rule: ThrottleRule, failures: number): number {
  if (failures < rule.threshold) return 0;
  return Math.min(rule.maxLockS, rule.baseLockS * 2 ** Math.min(30, failures - rule.threshold));
}

/** The keys a login attempt is counted under, each with its rule. */
export function throttleKeys(limits: LoginLimits, username: string, address: string) {
  const user = username.toLowerCase();
  return [
    { key: `ua:${user}|${address}`, rule: limits.userAtAddress, clearedBySuccess: true },
    { key: `u:${user}`, rule: limits.user, clearedBySuccess: true },
    // Not cleared by a success: one valid account must not reset an address's count.
    { key: `a:${address}`, rule: limits.address, clearedBySuccess: false },
  ];
}

/**
 * Failed logins per key in PostgreSQL (login_throttle), so every node enforces the same locks.
 * Keys are by the username typed, known or not, so a lock says nothing about whether it exists.
 */
export class LoginThrottle {
  constructor(
    private readonly db: Pick<SqlClient, 'query'>,
    private readonly clock: () => Date,
    readonly limits: LoginLimits = defaultLoginLimits,
  ) {}

  /** Seconds until this attempt may be tried (0: go ahead). */
  async lockedFor(username: string, address: string): Promise<number> {
    const now = this.clock();
    const keys = throttleKeys(this.limits, username, address).map((k) => k.key);
    const [row] = await this.db.query<{ until: Date | null }>(
      `SELECT max(locked_until) AS until FROM login_throttle WHERE key = ANY($1::text[]) AND locked_until > $2`,
      [keys, now],
    );
    return row?.until ? Math.ceil((new Date(row.until).getTime() - now.getTime()) / 1000) : 0;
  }

  /** Counts a failure under every key; returns the longest lock it set (seconds, 0: none). */
  async failed(username: string, address: string): Promise<number> {
    const now = this.clock();
    const windowStart = new Date(now.getTime() - this.limits.windowS * 1000);
    let longest = 0;
    for (const { key, rule } of throttleKeys(this.limits, username, address)) {
      const [row] = await this.db.query<{ failures: number }>(
        `INSERT INTO login_throttle AS t (key, failures, last_failure_at) VALUES ($1, 1, $2)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN t.last_failure_at < $3 THEN 1 ELSE t.failures + 1 END,
           last_failure_at = $2
         RETURNING failures`,
        [key, now, windowStart],
      );
      const lock = lockSeconds(rule, row?.failures ?? 1);
      if (lock > 0) {
        await this.db.query(`UPDATE login_throttle SET locked_until = $2 WHERE key = $1`, [
          key,
          new Date(now.getTime() + lock * 1000),
        ]);
        longest = Math.max(longest, lock);
      }
    }
    return longest;
  }

  /** The right password: this user's counts start again (the address's do not). */
  async succeeded(username: string, address: string): Promise<void> {
    const keys = throttleKeys(this.limits, username, address)
      .filter((k) => k.clearedBySuccess)
      .map((k) => k.key);
    await this.db.query(`DELETE FROM login_throttle WHERE key = ANY($1::text[])`, [keys]);
  }
}
