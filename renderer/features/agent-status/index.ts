export { createAgentSlice, type AgentSlice } from './agent-slice';
export { AgentStatusController } from './agent-status-controller';
export { publishAgentStates } from './agent-state-publishing';
export { AgentStatusSelector } from './agent-status-selector';
export { initialStatus, type AgentStatus } from './agent-status-machine';
