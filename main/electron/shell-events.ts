import type { BrowserWindow, GlobalShortcut, PowerMonitor, PowerSaveBlocker } from 'electron';
import { globalShortcuts, shellCommandChannel, type ShellCommand } from '../../shared/host-api';

export interface ShellDeps {
  globalShortcut: Pick<GlobalShortcut, 'register' | 'unregisterAll'>;
  powerMonitor: Pick<PowerMonitor, 'on'>;
  powerSaveBlocker: Pick<PowerSaveBlocker, 'start' | 'stop'>;
  window: () => Pick<BrowserWindow, 'webContents' | 'isDestroyed'> | null;
  log: (msg: string) => void;
}

/**
 * What keeps a softphone answering all shift: the OS must not suspend the app, answer/hang-up
 * work from any app (global shortcuts), and waking from sleep or a network change reconnects
 * and re-registers at once instead of at the next backoff step.
 */
export function wireShellEvents(deps: ShellDeps): () => void {
  const send = (c: ShellCommand) => {
    const w = deps.window();
    if (w && !w.isDestroyed()) w.webContents.send(shellCommandChannel, c);
  };
  const blocker = deps.powerSaveBlocker.start('prevent-app-suspension');
  for (const [accelerator, command] of Object.entries(globalShortcuts)) {
    if (!deps.globalShortcut.register(accelerator, () => send(command))) {
      deps.log(`global shortcut ${accelerator} is taken by another app`);
    }
  }
  for (const event of ['resume', 'unlock-screen'] as const)
    deps.powerMonitor.on(event as 'resume', () => send('reconnect'));
  return () => {
    deps.globalShortcut.unregisterAll();
    deps.powerSaveBlocker.stop(blocker);
  };
}
