import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { dispatchHostCall, hostMethods, ipcChannel, type HostHandlers, type Result } from '../../shared';
import { isTrustedSender } from '../security/navigation-policy';

/**
 * The one registration wrapper: a fixed channel per host method, the sender checked to be the
 * app's own top frame, the payload validated by dispatchHostCall, the answer in the Result shape.
 */
export function registerHostIpc(ipcMain: IpcMain, handlers: HostHandlers, log: (msg: string) => void): void {
  for (const method of hostMethods) {
    ipcMain.handle(
      ipcChannel(method),
      async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
        const frame = event.senderFrame;
        if (!isTrustedSender(frame?.url, frame === event.sender.mainFrame)) {
          log(`ipc ${method}: refused, untrusted sender`);
          return { ok: false, error: { code: 'forbidden-sender', message: 'Not the app frame.' } };
        }
        let bytes = 0;
        try {
          bytes = JSON.stringify(input ?? null).length;
        } catch {
          return { ok: false, error: { code: 'invalid-input', message: 'Unserialisable payload.' } };
        }
        return dispatchHostCall(handlers, method, input, bytes, log);
      },
    );
  }
}
