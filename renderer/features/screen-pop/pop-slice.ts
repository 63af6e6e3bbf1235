import type { ScreenPop } from '../../../shared';
import type { SliceCreator } from '../../store/slice';

export interface PopSnapshot {
  callId: string;
  status: 'loading' | 'ready' | 'error';
  data: ScreenPop | null;
}

export interface PopSlice {
  /** Each call's card, by call id: kept while its call is up or its wrap-up is open. */
  pops: Record<string, PopSnapshot>;
  setPop(pop: PopSnapshot): void;
  /** Drops the cards no call and no wrap-up needs any more. */
  prunePops(keep: (callId: string) => boolean): void;
}

export const createPopSlice: SliceCreator<PopSlice> = (set) => ({
  pops: {},
  setPop: (pop) => set((s) => ({ pops: { ...s.pops, [pop.callId]: pop } })),
  prunePops: (keep) =>
    set((s) => {
      const ids = Object.keys(s.pops);
      if (ids.every(keep)) return {};
      return { pops: Object.fromEntries(ids.filter(keep).map((id) => [id, s.pops[id]!])) };
    }),
});

/** The customer a ready card names, if the number matched one. */
export function popCustomer(pop: PopSnapshot | null | undefined): { id: string; name: string } | null {
  return pop?.status === 'ready' && pop.data?.kind === 'known'
    ? { id: pop.data.customer.id, name: pop.data.customer.name }
    : null;
}
