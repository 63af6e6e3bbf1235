import { backoffMs, type AgentStateAck, type AgentStateUpdate } from '../../shared';
import { ServerFailure, type ServerClient } from './server-client';
import type { Session } from './session';
import { SessionLoop } from './session-loop';

/**
 * The seq of the next state change: epoch milliseconds, kept strictly increasing. A clock
 * reading keeps a restarted seat (its counter gone) ahead of what it sent before.
 */
export const nextAgentSeq = (prev: number, nowMs: number): number => Math.max(Math.floor(nowMs), prev + 1);

export interface AgentStatePublisherOptions {
  client: Pick<ServerClient, 'putAgentState'>;
  /** The signed-in session (shared with the sync engine); null while signed out. */
  session: () => Pick<Session, 'withToken'> | null;
  backoff?: { baseMs: number; capMs: number };
  random?: () => number;
  onPublished?: (update: AgentStateUpdate, ack: AgentStateAck) => void;
  log?: (msg: string) => void;
}

/**
 * Sends the agent's state to the central server, latest wins: only the newest change is ever
 * in flight or waiting, a newer one replaces an unsent one, and a failed send is retried with
 * backoff while the server is away. A new session (sign-in) sends the latest state again.
 * `publish` never waits on the network: the call path only hands a value over.
 */
export class AgentStatePublisher extends SessionLoop {
  private latest: AgentStateUpdate | null = null;
  /** The highest seq the server has answered for under the current session. */
  private doneSeq = -1;
  private failures = 0;

  constructor(private readonly o: AgentStatePublisherOptions) {
    super('agent state: publisher', o.log);
  }

  publish(update: AgentStateUpdate): void {
    if (this.latest && update.seq <= this.latest.seq) return;
    this.latest = update;
    this.pump();
  }

  /** Signed in (or out, or resumed): the latest state goes again under the new session. */
  sessionChanged(): void {
    this.doneSeq = -1;
    this.failures = 0;
    this.newGeneration();
  }

  /** Nothing is waiting to go (for tests and the status bar). */
  get settled(): boolean {
    return !this.latest || this.latest.seq <= this.doneSeq;
  }

  protected async loop(): Promise<void> {
    for (;;) {
      // Checked and cleared in one synchronous step: a publish or session change that arrives
      // after this point finds `running` false and starts the loop again.
      const update = this.latest;
      const session = this.o.session();
      if (this.stopped || !update || update.seq <= this.doneSeq || !session) {
        this.running = false;
        return;
      }
      const generation = this.generation;
      try {
        const ack = await session.withToken((t) => this.o.client.putAgentState(t, update));
        if (generation === this.generation) this.doneSeq = Math.max(this.doneSeq, update.seq);
        this.failures = 0;
        this.o.onPublished?.(update, ack);
      } catch (e) {
        const f = e instanceof ServerFailure ? e : new ServerFailure('bad-response', String(e));
        if (f.kind === 'unauthorized') {
          // The session is over; the next sign-in sends the latest state.
          this.o.log?.('agent state: the session was refused; waiting for sign-in');
          if (generation === this.generation) {
            this.running = false;
            return;
          }
          continue;
        }
        if (f.kind === 'refused') {
          // This update will never be taken (a 4xx); a newer one may be.
          this.o.log?.(`agent state: refused: ${f.message}`);
          if (generation === this.generation) this.doneSeq = Math.max(this.doneSeq, update.seq);
          continue;
        }
        const delay = backoffMs(
          this.failures++,
          this.o.random,
          this.o.backoff ?? { baseMs: 1000, capMs: 5000 },
        );
        this.o.log?.(`agent state: ${f.kind}: ${f.message}; retry in ${delay} ms`);
        await this.sleep(delay, generation);
      }
    }
  }
}
