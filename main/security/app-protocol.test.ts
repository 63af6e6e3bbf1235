import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicyFor } from '../../shared';
import { appOrigin } from './app-origin';
import { appResponseHeaders, connectSourcesChanged, resolveAppFile } from './app-protocol';

const dir = '/opt/seatdesk/out/renderer';

describe('app:// file resolution', () => {
  it('serves files inside the renderer folder, index.html for the root', () => {
    expect(resolveAppFile(`${appOrigin}/index.html`, dir)).toBe(join(dir, 'index.html'));
    expect(resolveAppFile(`${appOrigin}/`, dir)).toBe(join(dir, 'index.html'));
    expect(resolveAppFile(`${appOrigin}/assets/index-abc.js?x=1`, dir)).toBe(
      join(dir, 'assets/index-abc.js'),
    );
  });

  it('refuses other hosts and anything that climbs out of the folder', () => {
    expect(resolveAppFile('app://other/index.html', dir)).toBeNull();
    // The URL parser folds encoded dots itself: what is left stays inside the folder.
    expect(resolveAppFile(`${appOrigin}/%2e%2e/%2e%2e/secret`, dir)).toBe(join(dir, 'secret'));
    expect(resolveAppFile(`${appOrigin}/..%2f..%2fsecret`, dir)).toBeNull();
    expect(resolveAppFile(`${appOrigin}/a%00.js`, dir)).toBeNull();
    expect(resolveAppFile(`${appOrigin}/%E0%A4%A`, dir)).toBeNull();
    expect(resolveAppFile('not a url', dir)).toBeNull();
  });
});

describe('app:// response headers', () => {
  it('carry the CSP built from settings, whatever the file', () => {
    const csp = contentSecurityPolicyFor({ serverUrl: null, sip: { wsUrl: 'wss://sip.example.com' } });
    const headers = appResponseHeaders(csp, 'text/html');
    expect(headers['Content-Security-Policy']).toBe(csp);
    expect(headers['Content-Type']).toBe('text/html');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(appResponseHeaders(csp, null)).not.toHaveProperty('Content-Type');
  });
});

describe('reload on a new server', () => {
  const a = { serverUrl: 'https://central.example.com', sip: { wsUrl: 'wss://sip.example.com/ws' } };
  it('is needed when a server the page may reach changes, not for a path or another field', () => {
    expect(connectSourcesChanged(a, { ...a, sip: { wsUrl: 'wss://other.example.com/ws' } })).toBe(true);
    expect(connectSourcesChanged(a, { ...a, serverUrl: null })).toBe(true);
    expect(connectSourcesChanged(a, { ...a, sip: { wsUrl: 'wss://sip.example.com/other' } })).toBe(false);
    expect(connectSourcesChanged(a, { ...a })).toBe(false);
  });
});
