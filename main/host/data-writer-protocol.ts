import { z } from 'zod';
import { HostErrorCode } from '../../shared';

/**
 * The host API methods that write to the seat's database durably (an fsync each), run by the
 * data writer thread. Everything else, the screen-pop first, stays on the host thread.
 */
export const writeMethods = [
  'wrapup:saveDraft',
  'wrapup:discardDraft',
  'wrapup:submit',
  'calls:record',
] as const;
export type WriteMethod = (typeof writeMethods)[number];

/** What the host thread sends: a call whose input dispatchHostCall already parsed, or stop. */
export const ToDataWriter = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('call'),
    id: z.number().int().nonnegative(),
    method: z.enum(writeMethods),
    input: z.unknown(),
    /** The host thread's clock and default region at the call (ISO time, region code). */
    now: z.iso.datetime({ offset: true }),
    region: z.string().max(8),
  }),
  z.object({ type: z.literal('stop') }),
]);
export type ToDataWriter = z.infer<typeof ToDataWriter>;

/** What comes back: each call's answer (the host thread validates it), or a log line. */
export const FromDataWriter = z.union([
  z.object({ type: z.literal('result'), id: z.number().int(), ok: z.literal(true), value: z.unknown() }),
  z.object({
    type: z.literal('result'),
    id: z.number().int(),
    ok: z.literal(false),
    /** A HostHandlerError's code, null for any other failure. */
    code: HostErrorCode.nullable(),
    message: z.string(),
  }),
  z.object({ type: z.literal('log'), message: z.string().max(2000) }),
]);
export type FromDataWriter = z.infer<typeof FromDataWriter>;

export const DataWriterData = z.object({ dbFile: z.string().min(1) });
export type DataWriterData = z.infer<typeof DataWriterData>;
