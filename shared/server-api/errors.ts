import { z } from 'zod';

export const apiErrorCodes = [
  'bad-request',
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'payload-too-large',
  'rate-limited',
  'internal',
  'unavailable',
] as const;
export const ApiErrorCode = z.enum(apiErrorCodes);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

/** Every non-2xx answer of the central server has this body. */
export const ApiError = z.object({
  error: z.object({
    code: ApiErrorCode,
    /** English, for logs; never echoes the input. */
    message: z.string().max(2000),
    issues: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .max(50)
      .optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;
