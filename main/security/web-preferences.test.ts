import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from './web-preferences';

describe('window preferences', () => {
  it('isolate and sandbox the renderer, with no Node, no webview and web security on', () => {
    expect(secureWebPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(secureWebPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(secureWebPreferences).not.toHaveProperty('preload');
  });
});
