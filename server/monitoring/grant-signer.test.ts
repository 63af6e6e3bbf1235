import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  UsedGrantIds,
  grantLifetimeMs,
  verifyGrant,
  type GrantExpectation,
} from '../../shared/monitoring/grant';
import { grantSignerFromKey, loadGrantSigner } from './grant-signer';

const signer = grantSignerFromKey(generateKeyPairSync('ed25519').privateKey);
const other = grantSignerFromKey(generateKeyPairSync('ed25519').privateKey);
const now = Date.UTC(2026, 11, 2, 20, 0, 0);
const issue = (over: Partial<Parameters<typeof signer.issue>[0]> = {}, s = signer) =>
  s.issue({
    lead: 'u-lead-north',
    agent: 'u-agent1001',
    callId: 'call-1',
    modes: ['listen', 'whisper'],
    nowMs: now,
    ...over,
  }).token;
const want = (over: Partial<GrantExpectation> = {}): GrantExpectation => ({
  publicKey: signer.publicKey,
  agent: 'u-agent1001',
  callId: 'call-1',
  mode: 'listen',
  nowMs: now + 1_000,
  used: new UsedGrantIds(),
  ...over,
});

describe('monitoring grant verifier', () => {
  it('accepts a grant signed by the server for this agent and call, once', async () => {
    const used = new UsedGrantIds();
    const token = issue();
    const first = await verifyGrant(token, want({ used }));
    expect(first).toMatchObject({ ok: true, grant: { lead: 'u-lead-north', modes: ['listen', 'whisper'] } });
    expect(await verifyGrant(token, want({ used }))).toEqual({ ok: false, reason: 'replayed' });
  });

  it('refuses each failure with its own reason', async () => {
    expect(await verifyGrant(null, want())).toEqual({ ok: false, reason: 'missing' });
    expect(await verifyGrant('', want())).toEqual({ ok: false, reason: 'missing' });
    expect(await verifyGrant('no-dot', want())).toEqual({ ok: false, reason: 'malformed' });
    expect(await verifyGrant('a*b.c', want())).toEqual({ ok: false, reason: 'malformed' });
    expect(await verifyGrant(issue(), want({ nowMs: now + grantLifetimeMs + 10_000 }))).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(await verifyGrant(issue({ nowMs: now + 60_000 }), want())).toEqual({
      ok: false,
      reason: 'not-yet-valid',
    });
    expect(await verifyGrant(issue({ agent: 'u-agent1002' }), want())).toEqual({
      ok: false,
      reason: 'wrong-agent',
    });
    expect(await verifyGrant(issue({ callId: 'call-2' }), want())).toEqual({
      ok: false,
      reason: 'wrong-call',
    });
    expect(await verifyGrant(issue({ modes: ['listen'] }), want({ mode: 'barge' }))).toEqual({
      ok: false,
      reason: 'mode-not-allowed',
    });
  });

  it('refuses a forged grant: another key, a changed payload, a changed signature', async () => {
    expect(await verifyGrant(issue({}, other), want())).toEqual({ ok: false, reason: 'forged' });
    const [body, sig] = issue().split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('ascii')) as Record<string, unknown>;
    const widened = Buffer.from(
      JSON.stringify({ ...payload, modes: ['listen', 'whisper', 'barge'] }),
    ).toString('base64url');
    expect(await verifyGrant(`${widened}.${sig}`, want())).toEqual({ ok: false, reason: 'forged' });
    const flipped = Buffer.from(sig, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(await verifyGrant(`${body}.${flipped.toString('base64url')}`, want())).toEqual({
      ok: false,
      reason: 'forged',
    });
  });

  it('forgets a used id only once the grant could no longer pass anyway', async () => {
    const used = new UsedGrantIds();
    await verifyGrant(issue(), want({ used }));
    expect(used.size).toBe(1);
    expect(used.has('x', now + grantLifetimeMs + 60_000)).toBe(false);
    expect(used.size).toBe(0);
  });
});

describe('grant signing key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seatdesk-grant-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a development key once into the data dir and keeps it', () => {
    const path = join(dir, 'monitoring-key.pem');
    const a = loadGrantSigner({}, path);
    expect(readFileSync(path, 'utf8')).toContain('PRIVATE KEY');
    expect(loadGrantSigner({}, path).publicKey).toBe(a.publicKey);
  });

  it('refuses to start in production without a configured key', () => {
    expect(() => loadGrantSigner({ NODE_ENV: 'production' }, join(dir, 'never.pem'))).toThrow(
      /SEATDESK_MONITORING_KEY_FILE/,
    );
  });
});
