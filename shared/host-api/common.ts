import { z } from 'zod';

export const Uuid = z.uuid();

/** Error codes a host call can fail with; the renderer maps them to localised text. */
export const hostErrorCodes = [
  'invalid-input',
  'unknown-method',
  'forbidden-sender',
  'payload-too-large',
  'not-found',
  'unauthorized',
  'unavailable',
  'conflict',
  'internal',
  'disconnected',
] as const;
export const HostErrorCode = z.enum(hostErrorCodes);
export type HostErrorCode = z.infer<typeof HostErrorCode>;

export const HostError = z.object({
  code: HostErrorCode,
  /** Human-readable (English) detail for logs and tooltips; never contains input values. */
  message: z.string().max(2000),
  /** For invalid-input: which fields failed, as dotted paths. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type HostError = z.infer<typeof HostError>;

/** Every result crosses a boundary in this shape (style.md §2). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: HostError };

export const ResultEnvelope = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: HostError }),
]);

/** Largest serialized host-API message accepted over any transport (bytes). */
export const maxHostMessageBytes = 64 * 1024;

/** Thrown in the renderer when a host call returns { ok: false }. */
export class HostCallError extends Error {
  constructor(
    readonly method: string,
    readonly error: HostError,
  ) {
    super(`${method}: ${error.code}: ${error.message}`);
    this.name = 'HostCallError';
  }
}
