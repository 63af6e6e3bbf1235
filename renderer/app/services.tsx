import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { HostClient } from '../../shared';
import type { AppState, AppStore } from '../store/app-store';
import type { Telephony } from '../features/softphone/telephony';
import type { AgentStatusController } from '../features/agent-status/agent-status-controller';
import type { SyncStatusPoller } from '../features/sync/sync-status';
import type { WrapUpController } from '../features/wrap-up/wrap-up-controller';
import type { SelfTestRunner } from '../features/self-test/self-test-runner';
import type { HeadsetControl } from '../features/headset';

export interface Services {
  host: HostClient;
  store: AppStore;
  telephony: Telephony;
  wrapUps: WrapUpController;
  sync: SyncStatusPoller;
  agentStatus: AgentStatusController;
  selfTest: SelfTestRunner;
  headset: HeadsetControl;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('Services not provided');
  return s;
}

/** Narrow selector over the bound store. */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useServices().store, selector);
}
