import { normalizeNumber, ScreenPop, type HostHandlers } from '../../shared';
import type { CustomerCacheRepository } from '../db/customer-cache-repository';

export type CacheHandlers = Pick<HostHandlers, 'cache:screenPop'>;

/**
 * cache:screenPop — runs while the phone rings. Anonymous or unreadable numbers never
 * reach the database: they pop a new-caller card straight away.
 */
export function createCacheHandlers(deps: {
  customers: CustomerCacheRepository;
  defaultRegion: () => string;
}): CacheHandlers {
  return {
    'cache:screenPop': ({ number }) => {
      const n = normalizeNumber(number, deps.defaultRegion());
      const pop: ScreenPop =
        n.kind === 'e164'
          ? (deps.customers.findByPhone(n.e164) ?? { kind: 'new', phone: n.e164, rawNumber: number })
          : { kind: 'new', phone: null, rawNumber: number };
      // The contract's schema is the last word on what leaves the host.
      return ScreenPop.parse(pop);
    },
  };
}
