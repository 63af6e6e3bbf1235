import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MediaRelays } from '../../shared';
import { mediaRelaysFor, turnCredential } from './turn-credentials';
import { placeholderTurnSecret, relayConfigFromEnv } from './relay-env';

const secret = 'x'.repeat(40);
const now = Date.parse('2026-11-25T08:00:00Z');

describe('TURN REST API credentials', () => {
  it('username is <expiry>:<user>, password HMAC-SHA1 of it under the shared secret, base64', () => {
    const c = turnCredential(secret, 'u-1001', now, 3600);
    expect(c.username).toBe(`${now / 1000 + 3600}:u-1001`);
    expect(c.credential).toBe(createHmac('sha1', secret).update(c.username).digest('base64'));
    // Another user or another expiry gives another password.
    expect(turnCredential(secret, 'u-1002', now, 3600).credential).not.toBe(c.credential);
    expect(turnCredential(secret, 'u-1001', now + 1000, 3600).credential).not.toBe(c.credential);
  });

  it('hands out STUN as is and TURN with credentials; nothing without a configuration', () => {
    expect(mediaRelaysFor(undefined, 'u', now)).toEqual({ iceServers: [], ttlSeconds: 0 });
    const r = mediaRelaysFor(
      { turnUrls: ['turn:turn.example.com:3478'], stunUrls: ['stun:stun.example.com'], secret, ttlS: 600 },
      'u-1001',
      now,
    );
    expect(MediaRelays.parse(r)).toEqual(r);
    expect(r.ttlSeconds).toBe(600);
    expect(r.iceServers[0]).toEqual({ urls: ['stun:stun.example.com'] });
    expect(r.iceServers[1]?.username).toBe(`${now / 1000 + 600}:u-1001`);
  });
});

describe('relay configuration from the environment', () => {
  it('is absent when nothing is set, and parsed when it is whole', () => {
    expect(relayConfigFromEnv({})).toBeUndefined();
    expect(
      relayConfigFromEnv({
        SEATDESK_TURN_URLS: 'turn:a.example.com:3478, turns:a.example.com:5349',
        SEATDESK_TURN_SECRET: secret,
      }),
    ).toEqual({
      turnUrls: ['turn:a.example.com:3478', 'turns:a.example.com:5349'],
      stunUrls: [],
      secret,
      ttlS: 43_200,
    });
    expect(relayConfigFromEnv({ SEATDESK_STUN_URLS: 'stun:s.example.com' })?.stunUrls).toEqual([
      'stun:s.example.com',
    ]);
  });

  it.each([
    [{ SEATDESK_TURN_URLS: 'turn:a.example.com' }, /at least 32/],
    [{ SEATDESK_TURN_URLS: 'turn:a.example.com', SEATDESK_TURN_SECRET: 'short' }, /at least 32/],
    [{ SEATDESK_TURN_URLS: 'http://a.example.com', SEATDESK_TURN_SECRET: secret }, /turn: or turns:/],
    [{ SEATDESK_STUN_URLS: 'turn:a.example.com' }, /stun:/],
    [{ SEATDESK_TURN_URLS: 'turn:a', SEATDESK_TURN_SECRET: secret, SEATDESK_TURN_TTL_S: '5' }, /600|small/],
  ])('refuses a half-set or malformed configuration: %o', (env, message) => {
    expect(() => relayConfigFromEnv(env)).toThrow(message);
  });

  it('refuses the placeholder secret of deploy/coturn, verbatim or as shipped in the example', () => {
    const conf = readFileSync(join(__dirname, '../../deploy/coturn/turnserver.conf'), 'utf8');
    const shipped = /^static-auth-secret=(.*)$/m.exec(conf)?.[1] ?? '';
    expect(shipped).toBe(placeholderTurnSecret);
    for (const s of [shipped, 'change-me-change-me-change-me-change-me'])
      expect(() =>
        relayConfigFromEnv({ SEATDESK_TURN_URLS: 'turn:a.example.com', SEATDESK_TURN_SECRET: s }),
      ).toThrow(/placeholder/);
  });

  it('ships a coturn example that never relays to link-local, CGNAT, this-network or IPv6 private peers', () => {
    const conf = readFileSync(join(__dirname, '../../deploy/coturn/turnserver.conf'), 'utf8');
    const denied = [...conf.matchAll(/^denied-peer-ip=(.*)$/gm)].map((m) => m[1]);
    expect(denied).toEqual(
      expect.arrayContaining([
        '169.254.0.0-169.254.255.255',
        '100.64.0.0-100.127.255.255',
        '0.0.0.0-0.255.255.255',
        'fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
        'fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      ]),
    );
  });
});
