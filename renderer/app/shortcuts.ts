/**
 * Every user action's shortcut, once (commands.ts runs them). Plain data, so any screen can show a
 * button's shortcut without reaching the services behind it.
 */
export const shortcuts = {
  answer: 'Ctrl+Enter',
  reject: 'Ctrl+Backspace',
  hangup: 'Ctrl+E',
  mute: 'Ctrl+M',
  hold: 'Ctrl+H',
  rejectWaiting: 'Alt+Backspace',
  swap: 'Ctrl+Shift+S',
  completeTransfer: 'Ctrl+Shift+T',
  focusDial: 'Ctrl+D',
  focusTransfer: 'Ctrl+Shift+X',
  focusNotes: 'Alt+N',
  fileWrapUp: 'Ctrl+S',
} as const;

export type CommandId = keyof typeof shortcuts;

/** The shortcut of a command, for buttons' tooltips ("Hold (Ctrl+H)"). */
export function shortcutLabel(id: CommandId): string {
  return shortcuts[id];
}
