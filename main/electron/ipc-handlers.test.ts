import { describe, expect, it } from 'vitest';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { ipcChannel, type HostHandlers, type Result } from '../../shared';
import { appOrigin } from '../security/app-origin';
import { registerHostIpc } from './ipc-handlers';

/** The IPC wrapper with a fake ipcMain: the same checks Electron would run, without Electron. */
type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<Result<unknown>>;

function setup() {
  const handlers = new Map<string, Handler>();
  const fakeIpc = { handle: (channel: string, h: Handler) => handlers.set(channel, h) } as unknown as IpcMain;
  const calls: string[] = [];
  const host = {
    'cache:screenPop': ({ number }: { number: string }) => {
      calls.push(number);
      return { kind: 'new', phone: null, rawNumber: number };
    },
  } as unknown as HostHandlers;
  registerHostIpc(fakeIpc, host, () => {});
  const mainFrame = { url: `${appOrigin}/index.html` };
  const event = (frame: { url: string } | null, isMain = true) =>
    ({
      senderFrame: frame,
      sender: { mainFrame: isMain ? frame : mainFrame },
    }) as unknown as IpcMainInvokeEvent;
  const invoke = (input: unknown, ev = event(mainFrame)) =>
    handlers.get(ipcChannel('cache:screenPop'))!(ev, input);
  return { handlers, calls, invoke, event, mainFrame };
}

describe('registerHostIpc', () => {
  it('registers one fixed channel per host method', () => {
    const { handlers } = setup();
    expect(handlers.has('seatdesk:cache:screenPop')).toBe(true);
    expect(handlers.has('seatdesk:wrapup:submit')).toBe(true);
  });
  it('answers the app frame with a validated result', async () => {
    const { invoke, calls } = setup();
    expect(await invoke({ number: 'anonymous' })).toEqual({
      ok: true,
      value: { kind: 'new', phone: null, rawNumber: 'anonymous' },
    });
    expect(calls).toEqual(['anonymous']);
  });
  it('refuses a foreign or child frame without calling the handler', async () => {
    const { invoke, event, calls } = setup();
    const foreign = await invoke({ number: '1' }, event({ url: 'https://evil.example/' }));
    expect(foreign.ok || foreign.error.code).toBe('forbidden-sender');
    const child = await invoke({ number: '1' }, event({ url: `${appOrigin}/frame.html` }, false));
    expect(child.ok || child.error.code).toBe('forbidden-sender');
    expect(calls).toEqual([]);
  });
  it('refuses wrong-typed and oversized payloads with a clear error', async () => {
    const { invoke, calls } = setup();
    const wrong = await invoke({ number: 42 });
    expect(wrong.ok || wrong.error.code).toBe('invalid-input');
    const huge = await invoke({ number: 'x'.repeat(70_000) });
    expect(huge.ok || huge.error.code).toBe('payload-too-large');
    expect(calls).toEqual([]);
  });
});
