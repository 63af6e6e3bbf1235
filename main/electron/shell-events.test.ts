import { describe, expect, it } from 'vitest';
import { shellCommandChannel } from '../../shared/host-api';
import { wireShellEvents } from './shell-events';

describe('wireShellEvents', () => {
  it('blocks app suspension, sends global shortcuts and wake-ups to the window, and undoes it all', () => {
    const sent: unknown[][] = [];
    const shortcuts = new Map<string, () => void>();
    const power = new Map<string, () => void>();
    let blocked: number | null = null;
    const undo = wireShellEvents({
      globalShortcut: {
        register: (acc: string, fn: () => void) => (shortcuts.set(acc, fn), true),
        unregisterAll: () => shortcuts.clear(),
      } as never,
      powerMonitor: { on: (e: string, fn: () => void) => power.set(e, fn) } as never,
      powerSaveBlocker: {
        start: (type: string) => (type === 'prevent-app-suspension' ? (blocked = 7) : -1),
        stop: (id: number) => {
          if (id === blocked) blocked = null;
        },
      } as never,
      window: () =>
        ({ isDestroyed: () => false, webContents: { send: (...a: unknown[]) => sent.push(a) } }) as never,
      log: () => {},
    });
    expect(blocked).toBe(7);
    shortcuts.get('CommandOrControl+Shift+A')?.();
    shortcuts.get('CommandOrControl+Shift+E')?.();
    power.get('resume')?.();
    expect(sent).toEqual([
      [shellCommandChannel, 'answer'],
      [shellCommandChannel, 'hangup'],
      [shellCommandChannel, 'reconnect'],
    ]);
    undo();
    expect(shortcuts.size).toBe(0);
    expect(blocked).toBeNull();
  });
});
