import type { HostClient } from '../../../shared';
import type { AppStore } from '../../store/app-store';

/**
 * Keeps the store's `sync` current by asking the host once a second. A setTimeout chain, not
 * setInterval, so a slow host never gets a second question before it answered the first.
 */
export class SyncStatusPoller {
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Bumped by start() and stop(), so a tick still awaiting the host from an old run ends there. */
  private run = 0;
  private running = false;
  /** Answers can arrive out of order (a refresh() racing a tick): only the newest question counts. */
  private asked = 0;
  private applied = 0;

  constructor(
    private readonly store: AppStore,
    private readonly host: HostClient,
    private readonly intervalMs = 1000,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.tick(++this.run);
  }

  stop(): void {
    this.running = false;
    this.run++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Ask now, e.g. right after sign-in, so the UI does not lag a whole interval behind. */
  async refresh(): Promise<void> {
    const n = ++this.asked;
    try {
      const status = await this.host['sync:status']({});
      if (n > this.applied) {
        this.applied = n;
        this.store.getState().setSync(status);
      }
    } catch {
      // The host is unreachable (its transport reports that itself); keep the last known status.
    }
  }

  private async tick(run: number): Promise<void> {
    await this.refresh();
    if (run === this.run) this.timer = setTimeout(() => void this.tick(run), this.intervalMs);
  }
}
