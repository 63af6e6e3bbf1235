import { z } from 'zod';
import { Complaint, Customer, E164, FollowUp, Interaction } from './customer';

/** How many past calls a pop shows; the query is bounded by it (call path). */
export const screenPopHistoryLimit = 10;

export const KnownCallerPop = z.object({
  kind: z.literal('known'),
  phone: E164,
  customer: Customer,
  interactions: z.array(Interaction).max(screenPopHistoryLimit),
  complaints: z.array(Complaint),
  followUps: z.array(FollowUp),
});

/** An unknown number (or an anonymous one: phone null) pops a "new caller" card. */
export const NewCallerPop = z.object({
  kind: z.literal('new'),
  phone: E164.nullable(),
  rawNumber: z.string().max(256),
});

export const ScreenPop = z.discriminatedUnion('kind', [KnownCallerPop, NewCallerPop]);
export type ScreenPop = z.infer<typeof ScreenPop>;
export type KnownCallerPop = z.infer<typeof KnownCallerPop>;
