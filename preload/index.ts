import { contextBridge, ipcRenderer } from 'electron';
import {
  hostApi,
  HostCallError,
  hostMethods,
  ipcChannel,
  isShellCommand,
  shellCommandChannel,
  type HostClient,
  type ShellCommand,
  type Result,
} from '../shared/host-api';

/**
 * Exposes the host API as `window.seatdesk`: one function per method on a fixed channel, input
 * validated before it is sent, the Result unwrapped. No generic invoke and no ipcRenderer leak.
 */
function method(name: (typeof hostMethods)[number]) {
  return async (input: unknown): Promise<unknown> => {
    const parsed = hostApi[name].input.safeParse(input);
    if (!parsed.success) {
      throw new HostCallError(name, {
        code: 'invalid-input',
        message: parsed.error.issues[0]?.message ?? 'invalid',
      });
    }
    const result = (await ipcRenderer.invoke(ipcChannel(name), parsed.data)) as Result<unknown>;
    if (!result.ok) throw new HostCallError(name, result.error);
    return result.value;
  };
}

const api = Object.fromEntries(hostMethods.map((m) => [m, method(m)])) as unknown as HostClient;
contextBridge.exposeInMainWorld('seatdesk', api);

/** The shell's pushes (global shortcuts, wake-ups): a fixed list, checked before the page sees it. */
contextBridge.exposeInMainWorld('seatdeskShell', {
  onCommand(cb: (c: ShellCommand) => void): () => void {
    const listener = (_e: unknown, c: unknown) => {
      if (isShellCommand(c)) cb(c);
    };
    ipcRenderer.on(shellCommandChannel, listener);
    return () => ipcRenderer.removeListener(shellCommandChannel, listener);
  },
});
