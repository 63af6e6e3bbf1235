import { normalizeNumber, type HostHandlers } from '../../shared';
import type { CallLogRepository } from '../db/call-log-repository';

export type CallLogHandlers = Pick<HostHandlers, 'calls:record' | 'calls:recent'>;

/** The call history: the softphone records each ended call; the Recent calls panel reads it. */
export function createCallLogHandlers(deps: {
  calls: CallLogRepository;
  defaultRegion: () => string;
}): CallLogHandlers {
  return {
    'calls:record': (call) => {
      // Stored in E.164 when it parses, like filed wrap-ups; extensions and the rest as dialled.
      const n = normalizeNumber(call.number, deps.defaultRegion());
      const { added } = deps.calls.add(call, n.kind === 'e164' ? n.e164 : call.number);
      return { recorded: added };
    },
    'calls:recent': ({ limit, before }) => deps.calls.recent(limit, before),
  };
}
