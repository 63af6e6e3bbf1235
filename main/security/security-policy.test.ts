import { describe, expect, it } from 'vitest';
import { appOrigin } from './app-origin';
import { isTrustedSender, mayNavigate } from './navigation-policy';
import { decidePermission } from './permission-policy';

describe('permission allow-list', () => {
  it('grants the microphone to the app only, audio only', () => {
    expect(decidePermission('media', `${appOrigin}/index.html`, { mediaTypes: ['audio'] })).toBe(true);
    expect(decidePermission('media', `${appOrigin}/index.html`, { mediaTypes: ['audio', 'video'] })).toBe(
      false,
    );
    expect(decidePermission('media', 'https://evil.example/', { mediaTypes: ['audio'] })).toBe(false);
  });
  it('denies a media request that names no media type (an empty or missing mediaTypes list)', () => {
    expect(decidePermission('media', `${appOrigin}/index.html`, { mediaTypes: [] })).toBe(false);
    expect(decidePermission('media', `${appOrigin}/index.html`, {})).toBe(false);
    expect(decidePermission('media', `${appOrigin}/index.html`)).toBe(false);
    expect(decidePermission('media', `${appOrigin}/index.html`, { mediaTypes: ['unknown'] })).toBe(false);
  });
  it('allows desktop notifications for the app only (an incoming call while the window is behind)', () => {
    expect(decidePermission('notifications', `${appOrigin}/`)).toBe(true);
    expect(decidePermission('notifications', 'https://evil.example/')).toBe(false);
  });

  it('recognises the bare origin Electron hands permission checks, and nothing that only starts like it', () => {
    expect(decidePermission('notifications', appOrigin)).toBe(true);
    expect(decidePermission('notifications', `${appOrigin}.evil.example`)).toBe(false);
    expect(decidePermission('notifications', `${appOrigin}evil`)).toBe(false);
  });

  it('denies everything not listed', () => {
    for (const p of ['geolocation', 'openExternal', 'clipboard-read', 'fullscreen', 'midi', 'pointerLock']) {
      expect(decidePermission(p, `${appOrigin}/`)).toBe(false);
    }
  });
});

describe('navigation and IPC sender guards', () => {
  it('allow only the app origin', () => {
    expect(mayNavigate(`${appOrigin}/index.html`)).toBe(true);
    expect(mayNavigate('https://seatdesk.evil/')).toBe(false);
    expect(mayNavigate('app://seatdesk.evil/')).toBe(false);
    expect(mayNavigate('file:///etc/passwd')).toBe(false);
    expect(mayNavigate('not a url')).toBe(false);
  });
  it('answer IPC from the app top frame only', () => {
    expect(isTrustedSender(`${appOrigin}/index.html`, true)).toBe(true);
    expect(isTrustedSender(`${appOrigin}/index.html`, false)).toBe(false);
    expect(isTrustedSender('https://evil.example/', true)).toBe(false);
    expect(isTrustedSender(undefined, true)).toBe(false);
  });
});
