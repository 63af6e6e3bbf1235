import { z } from 'zod';
import { IsoTime } from './customer';

/** The agent's availability (domain.md: Ready / Not Ready with a reason / on call / after-call work). */
export const agentStates = ['logged-out', 'ready', 'not-ready', 'on-call', 'acw'] as const;
export const AgentStateName = z.enum(agentStates);
export type AgentStateName = z.infer<typeof AgentStateName>;

export const notReadyReasons = [
  'break',
  'meal',
  'meeting',
  'training',
  'coaching',
  'system-issue',
  'other',
] as const;
export const NotReadyReason = z.enum(notReadyReasons);
export type NotReadyReason = z.infer<typeof NotReadyReason>;

/** A reason goes with Not Ready and only with it. */
export const reasonMatchesState = (s: { state: AgentStateName; reason: NotReadyReason | null }) =>
  (s.state === 'not-ready') === (s.reason !== null);
const reasonRule = {
  message: 'a reason is required with not-ready and allowed only with it',
  path: ['reason'],
};

const changeFields = {
  state: AgentStateName,
  reason: NotReadyReason.nullable().default(null),
  /** When the agent entered this state. */
  since: IsoTime,
};

/** One state change as the renderer hands it to the host (`agent:publishState`). */
export const AgentStateChange = z.object(changeFields).strict().refine(reasonMatchesState, reasonRule);
export type AgentStateChange = z.infer<typeof AgentStateChange>;

/**
 * The same change as the seat sends it to the server (`PUT /v1/agents/me/state`). `seq` is the
 * seat's monotonic counter: the server keeps the highest, so an update that arrives late never
 * overwrites a newer one.
 */
export const AgentStateUpdate = z
  .object({ ...changeFields, seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) })
  .strict()
  .refine(reasonMatchesState, reasonRule);
export type AgentStateUpdate = z.infer<typeof AgentStateUpdate>;
