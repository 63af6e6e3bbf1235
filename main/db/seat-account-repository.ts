import type { Db } from './migrate';

/** Who is signed in on this seat, and to which server: the owner of what it files. */
export interface SeatAccount {
  /** The server's base URL without a trailing slash (ServerClient.baseUrl). */
  server: string;
  userId: string;
  username: string;
}

/** The sync_state keys; the outbox reads them in SQL so a filing and its owner commit together. */
export const accountKeys = {
  server: 'account-server',
  userId: 'account-user-id',
  username: 'account-username',
} as const;

/**
 * The seat's current account, kept in the database beside the outbox. It is set when a session
 * begins (sign-in or a resumed refresh) and stays while the seat holds that account's refresh
 * token, the server reachable or not (the agent is still signed in on the seat, and what they
 * file is theirs). It is cleared by sign-out, by a change of server, by a start-up with no token
 * left (browser mode keeps none) and by a refused one. A wrap-up filed while it is clear has no
 * owner (see OutboxRepository).
 */
export class SeatAccountRepository {
  private readonly getOne;
  private readonly setOne;
  private readonly clearAll;

  constructor(private readonly db: Db) {
    this.getOne = db.prepare<[string], { value: string }>(`SELECT value FROM sync_state WHERE key = ?`);
    this.setOne = db.prepare<[string, string]>(
      `INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    );
    this.clearAll = db.prepare(`DELETE FROM sync_state WHERE key IN (?, ?, ?)`);
  }

  current(): SeatAccount | null {
    const server = this.getOne.get(accountKeys.server)?.value;
    const userId = this.getOne.get(accountKeys.userId)?.value;
    const username = this.getOne.get(accountKeys.username)?.value;
    return server && userId && username ? { server, userId, username } : null;
  }

  set(a: SeatAccount): void {
    this.db.transaction(() => {
      this.setOne.run(accountKeys.server, a.server);
      this.setOne.run(accountKeys.userId, a.userId);
      this.setOne.run(accountKeys.username, a.username);
    })();
  }

  clear(): void {
    this.clearAll.run(accountKeys.server, accountKeys.userId, accountKeys.username);
  }
}
