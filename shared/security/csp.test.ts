import { describe, expect, it } from 'vitest';
import {
  connectSourcesFor,
  contentSecurityPolicy,
  contentSecurityPolicyFor,
  cspMetaPolicy,
  cspSourceFor,
} from './csp';

const directive = (policy: string, name: string) =>
  policy
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `));

const configured = {
  serverUrl: 'https://central.example.com',
  sip: { wsUrl: 'wss://sip.example.com:8443/ws' },
};

describe('the CSP built from settings', () => {
  it('allows connections to the app, the SIP WebSocket and the central server only', () => {
    const csp = contentSecurityPolicyFor(configured);
    expect(directive(csp, 'connect-src')).toBe(
      "connect-src 'self' wss://sip.example.com:8443 https://central.example.com",
    );
    expect(csp).not.toMatch(/(^|\s)wss?:(\s|;|$)/);
    expect(directive(csp, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive(csp, 'script-src')).toBe("script-src 'self'");
  });

  it('changes with the settings: a new server replaces the old one', () => {
    const before = contentSecurityPolicyFor(configured);
    const after = contentSecurityPolicyFor({ ...configured, sip: { wsUrl: 'ws://127.0.0.1:5066' } });
    expect(after).not.toBe(before);
    expect(directive(after, 'connect-src')).toBe(
      "connect-src 'self' ws://127.0.0.1:5066 https://central.example.com",
    );
  });

  it("allows only 'self' when nothing is configured", () => {
    expect(directive(contentSecurityPolicyFor({ serverUrl: null, sip: null }), 'connect-src')).toBe(
      "connect-src 'self'",
    );
  });

  it('lists a server once when SIP and the central server share an origin', () => {
    expect(
      connectSourcesFor({ serverUrl: 'https://x.example', sip: { wsUrl: 'https://x.example/' } }),
    ).toEqual(['https://x.example']);
  });

  it('never lets a configured URL add a directive or a source', () => {
    for (const url of [
      "wss://a.example;script-src 'unsafe-inline'",
      'wss://a.example, *',
      "wss://a'b.example",
      'wss://*.example',
      'wss://user@sip.example.com',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'not a url',
      '',
    ]) {
      expect(cspSourceFor(url), url).toBeNull();
    }
    expect(cspSourceFor('ws://[::1]:5066/x')).toBe('ws://[::1]:5066');
    expect(cspSourceFor('WSS://SIP.Example.com/ws')).toBe('wss://sip.example.com');
  });
});

describe('the static policies', () => {
  it('keep the meta tag to directives valid in a meta tag', () => {
    expect(cspMetaPolicy).not.toContain('frame-ancestors');
    expect(cspMetaPolicy).not.toContain('report-uri');
    expect(cspMetaPolicy).not.toContain('sandbox');
    expect(directive(cspMetaPolicy, 'script-src')).toBe("script-src 'self'");
    expect(directive(cspMetaPolicy, 'default-src')).toBe("default-src 'none'");
  });

  it('let the browser-mode page reach any WebSocket (its SIP server can change under it)', () => {
    expect(directive(contentSecurityPolicy, 'connect-src')).toBe("connect-src 'self' ws: wss:");
    expect(directive(cspMetaPolicy, 'connect-src')).toBe("connect-src 'self' ws: wss:");
  });
});
