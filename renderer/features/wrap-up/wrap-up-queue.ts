import type { AppStore } from '../../store/app-store';
import type { WrapUpController } from './wrap-up-controller';

type BeginArgs = Parameters<WrapUpController['begin']>;

/**
 * One wrap-up form at a time: with two lines, a second call can end while the first call's form is
 * still open; its form waits and opens as soon as the open one is filed (or closed).
 */
export class WrapUpQueue {
  private readonly pending: BeginArgs[] = [];

  constructor(
    private readonly store: AppStore,
    private readonly wrapUps: Pick<WrapUpController, 'begin'>,
  ) {}

  add(...args: BeginArgs): void {
    const open = this.store.getState().wrapUp;
    if (!open || open.status === 'filed') return this.wrapUps.begin(...args);
    this.pending.push(args);
    if (this.pending.length > 1) return; // already watching
    const unsubscribe = this.store.subscribe((s) => {
      if (s.wrapUp && s.wrapUp.status !== 'filed') return;
      const next = this.pending.shift();
      if (next) this.wrapUps.begin(...next);
      if (!this.pending.length) unsubscribe();
    });
  }

  /** Calls whose forms are waiting. */
  waiting(): number {
    return this.pending.length;
  }
}
