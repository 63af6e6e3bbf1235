import type { HostHandlers } from '../../shared';
import type { OutboxRepository } from '../db/outbox-repository';

export type OutboxHandlers = Pick<HostHandlers, 'outbox:list'>;

export function createOutboxHandlers(deps: { outbox: OutboxRepository }): OutboxHandlers {
  return {
    'outbox:list': ({ limit }) => deps.outbox.list(limit),
  };
}
