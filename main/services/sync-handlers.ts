import { HostHandlerError, type HostHandlers } from '../../shared';
import type { OutboxRepository } from '../db/outbox-repository';
import { ServerFailure } from '../sync/server-client';
import type { SyncService } from '../sync/sync-service';

export type SyncHandlers = Pick<
  HostHandlers,
  'sync:status' | 'server:login' | 'server:logout' | 'outbox:resend' | 'agent:publishState'
>;

/**
 * Sign-in, the status bar's sync state, re-sending a corrected rejected record, and the agent's
 * state (handed to the sync worker; never waits on the network).
 */
export function createSyncHandlers(deps: { sync: SyncService; outbox: OutboxRepository }): SyncHandlers {
  return {
    'sync:status': () => deps.sync.current(),
    'server:login': async ({ username, password }) => {
      try {
        return { user: await deps.sync.login(username, password) };
      } catch (e) {
        throw toHostError(e);
      }
    },
    'server:logout': () => ({ signedOut: deps.sync.logout() }),
    'agent:publishState': (change) => ({ queued: deps.sync.publishAgentState(change) }),
    'outbox:resend': ({ id, payload }) => {
      if (payload.id !== id)
        throw new HostHandlerError('invalid-input', 'the payload id must equal the record id');
      const rec = deps.outbox.resend(id, payload);
      if (!rec) throw new HostHandlerError('conflict', 'only a rejected record can be corrected and re-sent');
      deps.sync.kick();
      return rec;
    },
  };
}

function toHostError(e: unknown): HostHandlerError {
  if (!(e instanceof ServerFailure)) return new HostHandlerError('internal', 'sign-in failed');
  if (e.kind === 'unauthorized') return new HostHandlerError('unauthorized', 'wrong username or password');
  if (e.kind === 'refused') return new HostHandlerError('invalid-input', e.message);
  return new HostHandlerError('unavailable', `the central server is not available (${e.kind})`);
}
