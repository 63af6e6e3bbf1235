import type { ScreenPop } from '../../../shared';
import type { CallSnapshot } from './call-snapshot';

/**
 * Who the agent is talking to, in one line: the customer's name when the number matched a
 * customer, the caller's display name only when nobody matched, else the number.
 */
export function callTitle(call: Pick<CallSnapshot, 'displayName' | 'number'>, pop: ScreenPop | null): string {
  if (pop?.kind === 'known') return pop.customer.name;
  return call.displayName || call.number;
}
