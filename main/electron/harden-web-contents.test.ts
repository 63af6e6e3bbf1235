import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { appOrigin } from '../security/app-origin';
import { hardenWebContents } from './harden-web-contents';

/** A fake webContents: the events Electron emits, and the window-open handler it asks. */
function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  const contents = Object.assign(emitter, {
    setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
  }) as unknown as WebContents;
  const fire = (name: string, url?: string) => {
    let prevented = false;
    emitter.emit(name, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  return { contents, fire, open: (url: string) => openHandler?.({ url }) };
}

describe('hardenWebContents', () => {
  it('refuses navigations and redirects away from the app, and every webview', () => {
    const f = fakeContents();
    hardenWebContents(f.contents, () => {});
    expect(f.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(f.fire('will-navigate', `${appOrigin}/index.html`)).toBe(false);
    expect(f.fire('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(f.fire('will-attach-webview')).toBe(true);
  });

  it('opens no new window, whatever the URL', () => {
    const f = fakeContents();
    hardenWebContents(f.contents, () => {});
    expect(f.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(f.open(`${appOrigin}/index.html`)).toEqual({ action: 'deny' });
  });
});
