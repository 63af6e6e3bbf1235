import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { HostClient } from '../../shared';
import type { AppState, AppStore } from '../store/app-store';
import type { AgentStatusController } from '../features/agent-status';
import type { CallRecorder } from '../features/call-history';
import type { AudioDevices } from '../features/devices';
import type { HeadsetControl } from '../features/headset';
import type { PopLoader } from '../features/screen-pop';
import type { SelfTestRunner } from '../features/self-test';
import type { Telephony } from '../features/softphone';
import type { SyncStatusPoller } from '../features/sync';
import type { WrapUpController } from '../features/wrap-up';

export interface Services {
  host: HostClient;
  store: AppStore;
  telephony: Telephony;
  wrapUps: WrapUpController;
  pops: PopLoader;
  sync: SyncStatusPoller;
  agentStatus: AgentStatusController;
  selfTest: SelfTestRunner;
  history: CallRecorder;
  devices: AudioDevices;
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
