import type { HostClient } from '../../../shared';
import type { AppStore } from '../../store/app-store';
import type { AgentStatus } from './agent-status-machine';

/**
 * Hands every change of the agent's state to the host, which publishes it to the central
 * server in the background (issue 4). Fire-and-forget: nothing here is awaited by the call
 * flow, and a failure is only logged. Returns the unsubscribe function.
 */
export function publishAgentStates(
  store: AppStore,
  host: Pick<HostClient, 'agent:publishState'>,
  log: (msg: string) => void = (msg) => console.warn(msg),
): () => void {
  let last: AgentStatus | null = null;
  const send = (a: AgentStatus) => {
    // The store changes for many reasons (and the after-call countdown re-sets the status each
    // second): only a new state, reason or start time is a change.
    if (last && last.state === a.state && last.reason === a.reason && last.since === a.since) return;
    last = a;
    try {
      host['agent:publishState']({
        state: a.state,
        reason: a.reason,
        since: new Date(a.since).toISOString(),
      }).catch((e: unknown) => log(`agent state not handed to the host: ${String(e)}`));
    } catch (e) {
      log(`agent state not handed to the host: ${String(e)}`);
    }
  };
  send(store.getState().agent);
  return store.subscribe((s) => send(s.agent));
}
