import type { TokenPair } from '../../shared';
import { ServerFailure, type ServerClient } from './server-client';

/**
 * The seat's signed-in session: a short-lived access token, refreshed before it expires and
 * after a 401. Refresh tokens rotate; each new one is handed to `onRotate` to be persisted.
 */
export class Session {
  private access: string;
  private expiresAt: number;
  private refreshToken: string;
  private refreshing: Promise<void> | null = null;

  constructor(
    pair: TokenPair,
    private readonly client: ServerClient,
    private readonly clock: () => number,
    private readonly onRotate: (pair: TokenPair) => void,
  ) {
    this.access = pair.accessToken;
    this.expiresAt = clock() + pair.expiresIn * 1000;
    this.refreshToken = pair.refreshToken;
    this.user = pair.user;
    this.retentionDays = pair.retentionDays;
  }

  user: TokenPair['user'];
  retentionDays: number;

  /** A token valid for at least the next 30 s. */
  async token(): Promise<string> {
    if (this.clock() > this.expiresAt - 30_000) await this.refresh();
    return this.access;
  }

  /** Runs `fn` with a token; on 401 refreshes once and retries. */
  async withToken<T>(fn: (token: string) => Promise<T>): Promise<T> {
    const used = await this.token();
    try {
      return await fn(used);
    } catch (e) {
      if (!(e instanceof ServerFailure) || e.kind !== 'unauthorized') throw e;
      // Another user of this session may have refreshed meanwhile: its new token is the retry.
      if (this.access === used) await this.refresh();
      return fn(this.access);
    }
  }

  /**
   * One refresh at a time: the sync cycle and the agent-state publisher share this session, and
   * refresh tokens rotate (a second refresh with the same token would be refused as reused).
   */
  private refresh(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    const pair = await this.client.refresh(this.refreshToken);
    this.access = pair.accessToken;
    this.expiresAt = this.clock() + pair.expiresIn * 1000;
    this.refreshToken = pair.refreshToken;
    this.user = pair.user;
    this.retentionDays = pair.retentionDays;
    this.onRotate(pair);
  }
}
