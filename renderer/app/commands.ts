import type { Services } from './services';

/** Every user action once, with its shortcut (one registry, Excalidraw-style). */
export interface Command {
  id:
    | 'answer'
    | 'reject'
    | 'hangup'
    | 'mute'
    | 'hold'
    | 'rejectWaiting'
    | 'swap'
    | 'completeTransfer'
    | 'focusDial'
    | 'focusTransfer';
  /** KeyboardEvent.key with modifiers, e.g. 'Ctrl+Enter'. */
  shortcut: string;
  run(s: Services): void;
}

export const commands: readonly Command[] = [
  { id: 'answer', shortcut: 'Ctrl+Enter', run: (s) => void s.telephony.answer() },
  { id: 'reject', shortcut: 'Ctrl+Backspace', run: (s) => void s.telephony.reject() },
  { id: 'hangup', shortcut: 'Ctrl+E', run: (s) => void s.telephony.hangup() },
  { id: 'mute', shortcut: 'Ctrl+M', run: (s) => s.telephony.toggleMute() },
  { id: 'hold', shortcut: 'Ctrl+H', run: (s) => void s.telephony.toggleHold() },
  // Call waiting: Ctrl+Enter answers the waiting call too (the current one goes on hold).
  { id: 'rejectWaiting', shortcut: 'Alt+Backspace', run: (s) => void s.telephony.rejectWaiting() },
  { id: 'swap', shortcut: 'Ctrl+Shift+S', run: (s) => void s.telephony.swap() },
  { id: 'completeTransfer', shortcut: 'Ctrl+Shift+T', run: (s) => void s.telephony.completeTransfer() },
  // Dialling and transfers start from a number field: the shortcut puts the cursor there.
  { id: 'focusDial', shortcut: 'Ctrl+D', run: () => focusField('dial-input') },
  { id: 'focusTransfer', shortcut: 'Ctrl+Shift+X', run: () => focusField('transfer-target') },
];

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

/** The shortcut of a command, for buttons' tooltips ("Hold (Ctrl+H)"). */
export function shortcutLabel(id: Command['id']): string {
  return commands.find((c) => c.id === id)?.shortcut ?? '';
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
