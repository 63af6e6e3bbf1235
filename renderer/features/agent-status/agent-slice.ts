import type { SliceCreator } from '../../store/slice';
import { initialStatus, type AgentStatus } from './agent-status-machine';

export interface AgentSlice {
  /** Ready / Not Ready / on call / after-call work: decides whether queue calls are offered. */
  agent: AgentStatus;
  setAgent(agent: AgentStatus): void;
}

export const createAgentSlice: SliceCreator<AgentSlice> = (set) => ({
  agent: initialStatus(Date.now()),
  setAgent: (agent) => set({ agent }),
});
