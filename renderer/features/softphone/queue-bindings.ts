import { Registerer, UserAgent } from 'sip.js';

/**
 * Queue calls (ADR 0004): while the agent is Ready, our contact is also registered to each queue's
 * address, and Kamailio forks a call to the queue to every Ready agent; in any other state the
 * bindings are removed, so a Not Ready agent is never offered a queue call.
 */
export class QueueBindings {
  /** Queue AOR → the Registerer binding our contact to it (present only while offered). */
  private readonly regs = new Map<string, Registerer>();
  private offered: readonly string[] | null = null;

  constructor(private readonly ua: () => UserAgent | null) {}

  async setOffered(offered: boolean, queues: readonly string[]): Promise<void> {
    this.offered = offered ? queues : null;
    await this.bind(offered ? queues : [], false);
  }

  /** A new connection (or a restarted Kamailio) needs the bindings again. */
  async refresh(): Promise<void> {
    if (this.offered) await this.bind(this.offered, true);
  }

  async clear(): Promise<void> {
    for (const reg of this.regs.values()) await reg.unregister().catch(() => undefined);
    this.regs.clear();
  }

  private async bind(queues: readonly string[], refresh: boolean): Promise<void> {
    const ua = this.ua();
    if (!ua) return;
    for (const [aor, reg] of this.regs) {
      if (queues.includes(aor)) continue;
      this.regs.delete(aor);
      await reg.unregister().catch(() => undefined);
      await reg.dispose().catch(() => undefined);
    }
    for (const aor of queues) {
      const existing = this.regs.get(aor);
      if (existing && !refresh) continue;
      const toUri = UserAgent.makeURI(aor);
      if (!toUri) continue;
      const reg = existing ?? new Registerer(ua, { expires: 300, refreshFrequency: 50, params: { toUri } });
      this.regs.set(aor, reg);
      await reg.register().catch(() => undefined);
    }
  }
}
