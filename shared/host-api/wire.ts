import { z } from 'zod';
import { ResultEnvelope } from './common';

/**
 * Browser-mode transport: JSON frames over a WebSocket to the local host.
 * The subprotocol carries the version; the per-launch token is the second
 * offered subprotocol (`token.<hex>`), so it never appears in a URL or log.
 */
export const hostWsProtocol = 'seatdesk.host.v1';
export const hostWsTokenPrefix = 'token.';
export const hostWsPath = '/host';

export const WireRequest = z.object({
  t: z.literal('req'),
  id: z.number().int().nonnegative(),
  method: z.string().max(64),
  input: z.unknown(),
});
export type WireRequest = z.infer<typeof WireRequest>;

export const WireResponse = z.object({
  t: z.literal('res'),
  id: z.number().int().nonnegative(),
  result: ResultEnvelope,
});
export type WireResponse = z.infer<typeof WireResponse>;

/** The IPC channel for a host method in Electron: one fixed channel per method. */
export function ipcChannel(method: string): string {
  return `seatdesk:${method}`;
}

/**
 * Commands the Electron shell pushes to the renderer (global shortcuts while another app has
 * focus; "reconnect now" after sleep/resume or a network change). A fixed list on one channel.
 */
export const shellCommands = ['answer', 'hangup', 'reconnect'] as const;
export type ShellCommand = (typeof shellCommands)[number];
export const shellCommandChannel = 'seatdesk:shell-command';
export function isShellCommand(v: unknown): v is ShellCommand {
  return typeof v === 'string' && (shellCommands as readonly string[]).includes(v);
}

/** Global shortcuts (Electron accelerators), registered while the app runs. */
export const globalShortcuts: Readonly<Record<string, ShellCommand>> = {
  'CommandOrControl+Shift+A': 'answer',
  'CommandOrControl+Shift+E': 'hangup',
};
