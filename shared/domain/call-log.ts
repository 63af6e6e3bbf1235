import { z } from 'zod';
import { Id, IsoTime, limits } from './customer';

/**
 * How a call ended, from the agent's side: answered (talked), missed (an inbound call that rang
 * out or that the caller abandoned), rejected (the agent refused it), failed (an outbound call
 * that was never answered: busy, unreachable, cancelled), transferred (answered, then handed on).
 */
export const callOutcomes = ['answered', 'missed', 'rejected', 'failed', 'transferred'] as const;
export const CallOutcome = z.enum(callOutcomes);
export type CallOutcome = z.infer<typeof CallOutcome>;

/** The outcomes in which the agent talked to the caller (the call has an answer time). */
export const talkedOutcomes: readonly CallOutcome[] = ['answered', 'transferred'];

/** Longest number kept: a SIP user part as dialled or received (E.164 is at most 16). */
export const callLogNumberMax = 64;

/** One ended call as the renderer reports it; the host adds the duration and stores it once. */
export const CallRecord = z
  .object({
    callId: z.uuid(),
    direction: z.enum(['inbound', 'outbound']),
    /** As dialled or as the SIP layer saw it; empty for an anonymous caller. */
    number: z.string().max(callLogNumberMax),
    displayName: z.string().max(limits.name),
    customerId: Id.nullable(),
    startedAt: IsoTime,
    answeredAt: IsoTime.nullable(),
    endedAt: IsoTime,
    outcome: CallOutcome,
  })
  .strict()
  .refine((c) => Date.parse(c.endedAt) >= Date.parse(c.startedAt), {
    message: 'endedAt is before startedAt',
    path: ['endedAt'],
  })
  .refine(
    (c) =>
      c.answeredAt === null ||
      (Date.parse(c.answeredAt) >= Date.parse(c.startedAt) &&
        Date.parse(c.answeredAt) <= Date.parse(c.endedAt)),
    { message: 'answeredAt is outside the call', path: ['answeredAt'] },
  )
  .refine((c) => (c.answeredAt !== null) === talkedOutcomes.includes(c.outcome), {
    message: 'an answered or transferred call has an answer time, the others have none',
    path: ['outcome'],
  });
export type CallRecord = z.infer<typeof CallRecord>;

/** A row of the call history: the record as stored (number in E.164 when it parses). */
export const CallLogEntry = z.object({
  callId: z.uuid(),
  direction: z.enum(['inbound', 'outbound']),
  number: z.string().max(callLogNumberMax),
  displayName: z.string().max(limits.name),
  customerId: Id.nullable(),
  startedAt: IsoTime,
  answeredAt: IsoTime.nullable(),
  endedAt: IsoTime,
  outcome: CallOutcome,
  durationSeconds: z.number().int().min(0),
});
export type CallLogEntry = z.infer<typeof CallLogEntry>;

/** Keyset cursor: rows strictly older than this one (ties on the time broken by call id). */
export const CallLogCursor = z.object({ startedAt: IsoTime, callId: z.uuid() }).strict();
export type CallLogCursor = z.infer<typeof CallLogCursor>;

export const callLogPageMax = 200;
