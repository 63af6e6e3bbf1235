import { backoffMs, type MediaRelays } from '../../shared';
import { ServerFailure, type ServerClient } from './server-client';
import type { Session } from './session';
import { SessionLoop } from './session-loop';

export interface IssuedRelays {
  iceServers: MediaRelays['iceServers'];
  /** When the TURN credentials stop working (epoch ms); null when none were issued. */
  expiresAtMs: number | null;
}

export interface RelayFetcherOptions {
  client: Pick<ServerClient, 'iceServers'>;
  session: () => Pick<Session, 'withToken'> | null;
  /** Each fresh set; null when signed out (issued credentials are dropped with the session). */
  onRelays: (relays: IssuedRelays | null) => void;
  backoff?: { baseMs: number; capMs: number };
  now?: () => number;
  random?: () => number;
  log?: (msg: string) => void;
}

/** Asked again this long after an answer without TURN (a relay added later is picked up). */
export const relayRecheckMs = 3_600_000;

/**
 * Keeps the seat's STUN/TURN list from the central server: fetched at sign-in, again at half the
 * credentials' lifetime (so a call starting at any moment has at least half of it left), retried
 * with backoff while the server is away. Never on the call path: the softphone reads the latest.
 */
export class RelayFetcher extends SessionLoop {
  private failures = 0;
  private readonly now: () => number;

  constructor(private readonly o: RelayFetcherOptions) {
    super('relays: fetcher', o.log);
    this.now = o.now ?? Date.now;
  }

  sessionChanged(): void {
    this.failures = 0;
    if (!this.o.session()) this.o.onRelays(null);
    this.newGeneration();
  }

  protected async loop(): Promise<void> {
    for (;;) {
      const session = this.o.session();
      const generation = this.generation;
      if (this.stopped || !session) {
        this.running = false;
        return;
      }
      let waitMs: number;
      try {
        const r = await session.withToken((t) => this.o.client.iceServers(t));
        if (generation !== this.generation) continue;
        this.failures = 0;
        const ttlMs = r.ttlSeconds * 1000;
        this.o.onRelays({ iceServers: r.iceServers, expiresAtMs: ttlMs > 0 ? this.now() + ttlMs : null });
        waitMs = ttlMs > 0 ? Math.max(30_000, ttlMs / 2) : relayRecheckMs;
      } catch (e) {
        const f = e instanceof ServerFailure ? e : new ServerFailure('bad-response', String(e));
        if (f.kind === 'unauthorized' && generation === this.generation) {
          this.running = false; // the next sign-in asks again
          return;
        }
        waitMs = backoffMs(this.failures++, this.o.random, this.o.backoff ?? { baseMs: 1000, capMs: 30_000 });
        this.o.log?.(`relays: ${f.kind}: ${f.message}; retry in ${waitMs} ms`);
      }
      await this.sleep(waitMs, generation);
    }
  }
}
