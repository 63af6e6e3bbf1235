import { HostCallError, type HostClient } from '../../../shared';
import type { AppStore } from '../../store/app-store';
import type { PopSnapshot } from './pop-slice';

/** Looks callers up in the seat's cache (one host call, about a millisecond). */
export class PopLoader {
  constructor(
    private readonly store: AppStore,
    private readonly host: Pick<HostClient, 'cache:screenPop'>,
  ) {}

  /** The hot path: the answer as a snapshot, written nowhere (the caller commits it with the ring). */
  lookup(callId: string, number: string): Promise<PopSnapshot> {
    return this.host['cache:screenPop']({ number }).then(
      (data) => {
        performance.mark('seatdesk:pop-answer', { detail: { callId } });
        return { callId, status: 'ready' as const, data };
      },
      (err: unknown) => {
        if (err instanceof HostCallError) console.warn(err.message);
        return { callId, status: 'error' as const, data: null };
      },
    );
  }

  /** Loads a card into the store, for a call or a queued wrap-up (off the ring path). */
  load(callId: string, number: string): Promise<PopSnapshot> {
    const s = this.store.getState();
    if (!s.pops[callId]) s.setPop({ callId, status: 'loading', data: null });
    return this.lookup(callId, number).then((pop) => {
      this.store.getState().setPop(pop);
      return pop;
    });
  }
}
