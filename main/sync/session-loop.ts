import { Waker } from './waker';

/**
 * A background loop of the sync worker that works under the signed-in session: started on
 * demand (`pump`, never twice at once), cut short by a new session (`generation` moves on and
 * any backoff ends) or by `stop`. Subclasses write `loop`, which sets `running = false` when it
 * returns with nothing left to do.
 */
export abstract class SessionLoop {
  /** Bumped by each session change: an answer under an older session does not count. */
  protected generation = 0;
  protected running = false;
  protected stopped = false;
  private readonly waker = new Waker();

  constructor(
    private readonly name: string,
    private readonly logTo?: (msg: string) => void,
  ) {}

  stop(): void {
    this.stopped = true;
    this.waker.wake();
  }

  /** A new session: the current wait ends and the loop runs again under it. */
  protected newGeneration(): void {
    this.generation += 1;
    this.waker.wake();
    this.pump();
  }

  protected pump(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    this.loop().catch((e: unknown) => {
      this.running = false;
      this.logTo?.(`${this.name} stopped: ${String(e)}`);
    });
  }

  protected abstract loop(): Promise<void>;

  /** Waits `ms`, or less when stopped or when a new session begins. */
  protected async sleep(ms: number, generation: number): Promise<void> {
    const until = Date.now() + ms;
    while (!this.stopped && generation === this.generation && Date.now() < until) {
      await this.waker.wait(until - Date.now());
    }
  }
}
