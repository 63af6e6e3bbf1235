import type { BrowserWindow } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings, type HostHandlers, type Settings } from '../../shared';
import { reloadOnNewServers } from './reload-on-new-servers';

afterEach(() => vi.useRealTimers());

describe('reloadOnNewServers', () => {
  it('reloads the window once the save settles when the SIP server changes, not for other fields', async () => {
    vi.useFakeTimers();
    let settings: Settings = { ...defaultSettings };
    const handlers = {
      'settings:update': (patch: Partial<Settings>) => (settings = { ...settings, ...patch }),
    } as unknown as HostHandlers;
    const reload = vi.fn();
    const window = { webContents: { reload } } as unknown as BrowserWindow;
    const wrapped = reloadOnNewServers(
      handlers,
      () => window,
      () => settings,
      () => {},
    );
    await wrapped['settings:update']({ agentName: 'Mei' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(reload).not.toHaveBeenCalled();
    const sip = { wsUrl: 'wss://sip.example.com', sipUri: 'sip:1@x', authUser: '1', displayName: '' };
    await wrapped['settings:update']({ sip });
    await vi.advanceTimersByTimeAsync(500);
    expect(reload).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(600);
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
