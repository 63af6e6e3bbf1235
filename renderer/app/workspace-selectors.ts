import { findCall } from '../features/softphone';
import type { AppState } from '../store/app-store';

/**
 * The call the workspace is about: its card in the centre and its notes on the right. A queued
 * wrap-up the agent opened, else the call in focus, else the oldest wrap-up still to file, else
 * the call filed last.
 */
export function workspaceCallId(s: AppState): string | null {
  const { pinned } = s.workspace;
  if (pinned && (s.wrapUps.entries[pinned] || findCall(s.lines, pinned))) return pinned;
  if (s.lines.focused) return s.lines.focused.callId;
  // Nothing to file: the last customer's card stays, to call them back from it.
  return s.wrapUps.order[0] ?? s.lastFiled?.callId ?? null;
}

/** The pre-shift check stands between sign-in and the workspace until it passed or was overridden. */
export function gateShown(s: AppState): boolean {
  const busy = !!s.lines.focused || !!s.lines.other;
  return !busy && (s.selfTest.status === 'running' || s.selfTest.status === 'failed');
}
