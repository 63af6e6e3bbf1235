import type { z } from 'zod';
import { hostApi, isHostMethod, type HostHandlers, type HostMethod } from './contract';
import { maxHostMessageBytes, type HostError, type Result } from './common';

function invalid(error: z.ZodError): HostError {
  return {
    code: 'invalid-input',
    message: 'The request did not match the schema.',
    issues: error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })),
  };
}

/**
 * The one place host calls are checked, whatever the transport: method known,
 * payload size bounded, input parsed by its schema, output parsed on the way out
 * (a host bug must not leak malformed data into the renderer), errors mapped to
 * the Result shape without echoing input values.
 */
export async function dispatchHostCall(
  handlers: HostHandlers,
  method: unknown,
  rawInput: unknown,
  approxBytes: number,
  log: (msg: string) => void = () => {},
): Promise<Result<unknown>> {
  if (!isHostMethod(method)) {
    log(`host call refused: unknown method`);
    return { ok: false, error: { code: 'unknown-method', message: 'Unknown host method.' } };
  }
  if (approxBytes > maxHostMessageBytes) {
    log(`host call ${method} refused: ${approxBytes} bytes`);
    return {
      ok: false,
      error: { code: 'payload-too-large', message: `Payload over ${maxHostMessageBytes} bytes.` },
    };
  }
  const spec = hostApi[method];
  const parsed = spec.input.safeParse(rawInput);
  if (!parsed.success) {
    log(`host call ${method} refused: invalid input`);
    return { ok: false, error: invalid(parsed.error) };
  }
  try {
    const handler = handlers[method] as (input: unknown) => unknown;
    const value = await handler(parsed.data);
    const out = spec.output.safeParse(value);
    if (!out.success) {
      log(`host call ${method}: handler produced invalid output`);
      return { ok: false, error: { code: 'internal', message: 'The host produced an invalid answer.' } };
    }
    return { ok: true, value: out.data };
  } catch (err) {
    const code = err instanceof HostHandlerError ? err.code : 'internal';
    log(`host call ${method} failed: ${err instanceof Error ? err.message : String(err)}`);
    return {
      ok: false,
      error: { code, message: err instanceof HostHandlerError ? err.message : 'The host failed.' },
    };
  }
}

/** A handler throws this to fail with a specific code and a safe message. */
export class HostHandlerError extends Error {
  constructor(
    readonly code: HostError['code'],
    message: string,
  ) {
    super(message);
  }
}

export type { HostMethod };
