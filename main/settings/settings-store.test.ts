import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostApi } from '../../shared';
import { SettingsStore } from './settings-store';

const patch = (input: unknown) => hostApi['settings:update'].input.parse(input);

describe('settings updates', () => {
  it('a patch carries only the fields given (no defaults that would reset the others)', () => {
    expect(patch({ agentName: 'Grace' })).toEqual({ agentName: 'Grace' });
    expect(() => patch({ nope: 1 })).toThrow();
  });

  it('changing one field keeps every other one, through the host API schema and the store', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'seatdesk-settings-')), 'settings.json');
    const store = new SettingsStore(file);
    store.update(
      patch({
        serverUrl: 'https://central.example.com',
        queues: ['sip:queue-north@example.com'],
        acwSeconds: 90,
        dtmfMode: 'info',
        iceTransportPolicy: 'relay',
        audio: { microphone: { id: 'm', label: 'Jabra' }, output: null, ringer: null, ringBoth: true },
      }),
    );
    const before = store.get();
    const after = store.update(patch({ agentName: '陳美玲' }));
    expect(after).toEqual({ ...before, agentName: '陳美玲' });
    expect(new SettingsStore(file).get()).toEqual(after);
  });

  it('an older settings file without the newer fields loads with their defaults', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'seatdesk-settings-')), 'settings.json');
    writeFileSync(
      file,
      JSON.stringify({ locale: 'zh-Hant', defaultRegion: 'TW', agentName: 'A', sip: null, iceServers: [] }),
    );
    const s = new SettingsStore(file).get();
    expect(s).toMatchObject({ serverUrl: null, acwSeconds: 30, queues: [], iceTransportPolicy: 'all' });
  });
});
