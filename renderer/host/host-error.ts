import { HostCallError, hostErrorCodes, type HostErrorCode } from '../../shared';

const codeInMessage = new RegExp(`: (${hostErrorCodes.join('|')}): `);

/**
 * The host error code behind a failed call, or null. In browser mode the renderer gets the
 * HostCallError itself; through Electron's contextBridge only the message survives (errors are
 * copied without their class or fields), and that message is "method: code: detail".
 */
export function hostErrorCode(err: unknown): HostErrorCode | null {
  if (err instanceof HostCallError) return err.error.code;
  if (!(err instanceof Error)) return null;
  const code = codeInMessage.exec(err.message)?.[1];
  return hostErrorCodes.find((c) => c === code) ?? null;
}

/** The English detail of a failed call, for text shown beside a localised summary. */
export function hostErrorDetail(err: unknown): string {
  if (err instanceof HostCallError) return err.error.message;
  return err instanceof Error ? err.message : String(err);
}
