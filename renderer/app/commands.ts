import type { Services } from './services';
import { shortcuts, type CommandId } from './shortcuts';
import { workspaceCallId } from './workspace-selectors';

export { shortcutLabel } from './shortcuts';

/** Every user action once, with its shortcut (one registry, Excalidraw-style). */
export interface Command {
  id: CommandId;
  /** KeyboardEvent.key with modifiers, e.g. 'Ctrl+Enter'. */
  shortcut: string;
  run(s: Services): void;
}

export const commands: readonly Command[] = [
  { id: 'answer', shortcut: shortcuts.answer, run: (s) => void s.telephony.answer() },
  { id: 'reject', shortcut: shortcuts.reject, run: (s) => void s.telephony.reject() },
  { id: 'hangup', shortcut: shortcuts.hangup, run: (s) => void s.telephony.hangup() },
  { id: 'mute', shortcut: shortcuts.mute, run: (s) => s.telephony.toggleMute() },
  { id: 'hold', shortcut: shortcuts.hold, run: (s) => void s.telephony.toggleHold() },
  // Call waiting: Ctrl+Enter answers the waiting call too (the current one goes on hold).
  { id: 'rejectWaiting', shortcut: shortcuts.rejectWaiting, run: (s) => void s.telephony.rejectWaiting() },
  { id: 'swap', shortcut: shortcuts.swap, run: (s) => void s.telephony.swap() },
  {
    id: 'completeTransfer',
    shortcut: shortcuts.completeTransfer,
    run: (s) => void s.telephony.completeTransfer(),
  },
  // Dialling and transfers start from a number field: the shortcut puts the cursor there.
  { id: 'focusDial', shortcut: shortcuts.focusDial, run: () => focusField('dial-input') },
  { id: 'focusTransfer', shortcut: shortcuts.focusTransfer, run: () => focusField('transfer-target') },
  // The notes of the call in the workspace, from anywhere: the agent types while the caller speaks.
  { id: 'focusNotes', shortcut: shortcuts.focusNotes, run: () => focusField('wrapup-notes') },
  { id: 'fileWrapUp', shortcut: shortcuts.fileWrapUp, run: (s) => void fileWorkspaceWrapUp(s) },
];

/** Files the wrap-up of the call in the workspace (once its call has ended). */
function fileWorkspaceWrapUp(s: Services): Promise<boolean> {
  const state = s.store.getState();
  const callId = workspaceCallId(state);
  return callId ? s.wrapUps.submit(callId, state.settings?.agentName ?? '') : Promise.resolve(false);
}

function focusField(testId: string): void {
  document.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`)?.focus();
}

/**
 * During a call, the digit keys (and * #) send DTMF — the caller's IVR menu by keyboard — unless
 * the agent is typing in a field or an input method is composing.
 */
export function dtmfKeyFor(e: KeyboardEvent): string | null {
  if (e.isComposing || e.keyCode === 229 || e.ctrlKey || e.altKey || e.metaKey) return null;
  const el = e.target as { tagName?: string; isContentEditable?: boolean } | null;
  if (el && (['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName ?? '') || el.isContentEditable)) return null;
  return /^[0-9*#]$/.test(e.key) ? e.key : null;
}

/** Runs a command by id: the same action whether it came from a key or a headset button. */
export function runCommand(id: Command['id'], s: Services): void {
  commands.find((c) => c.id === id)?.run(s);
}

export function shortcutOf(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'>,
): string {
  const mods = [
    e.ctrlKey || e.metaKey ? 'Ctrl' : '',
    e.altKey ? 'Alt' : '',
    e.shiftKey ? 'Shift' : '',
  ].filter(Boolean);
  const key = e.key.length === 1 ? e.key.toUpperCase() : e.key;
  return [...mods, key].join('+');
}

/** The command a key press triggers, or null: never while an input method is composing (Chinese IME). */
export function commandFor(e: KeyboardEvent): Command | null {
  if (e.isComposing || e.keyCode === 229) return null;
  const combo = shortcutOf(e);
  return commands.find((c) => c.shortcut === combo) ?? null;
}
