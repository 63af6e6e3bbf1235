import { z } from 'zod';
import { AgentStateName, NotReadyReason } from '../domain/agent-state';
import { Id, IsoTime, limits } from '../domain/customer';
import { Role, Username } from './auth';

/** The answer to `PUT /v1/agents/me/state` (body: `AgentStateUpdate`, shared/domain/agent-state.ts). */
export const AgentStateAck = z.object({
  /** false when the server already holds an update with this seq or a newer one. */
  applied: z.boolean(),
});
export type AgentStateAck = z.infer<typeof AgentStateAck>;

export const TeamParams = z.object({ team: Id }).strict();

/** One member of a team in the lead's live view. */
export const TeamAgentState = z.object({
  userId: Id,
  username: Username,
  displayName: z.string().min(1).max(limits.name),
  role: Role,
  /** 'logged-out' with `since` null for a member who never published a state. */
  state: AgentStateName,
  reason: NotReadyReason.nullable(),
  since: IsoTime.nullable(),
  /** When the server received the update (the seat's clock may be off). */
  updatedAt: IsoTime.nullable(),
});
export type TeamAgentState = z.infer<typeof TeamAgentState>;
