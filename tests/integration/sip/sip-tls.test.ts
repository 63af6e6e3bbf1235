import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startKamailio, type RunningKamailio } from '../../helpers/kamailio';
import { newTag, SipWsClient } from '../../helpers/sip-ws-client';

/** The wss listener (docs/deploy-sip.md): a self-signed certificate made here, a REGISTER over TLS. */
let k: RunningKamailio;
let c: SipWsClient | null = null;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'seatdesk-tls-'));
  const [certFile, keyFile] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'pipe' },
  );
  k = await startKamailio({ users: { '1001': 'pw-1001' }, tls: { certFile, keyFile } });
});
afterAll(async () => {
  c?.close();
  await k?.stop();
});

it('registers over wss: a 401 challenge, then 200 with the credentials', async () => {
  expect(k.wssUrl).toMatch(/^wss:/);
  c = await SipWsClient.connect(k.wssUrl!, k.domain);
  const challenge = await c.request('REGISTER', `sip:${k.domain}`, [
    `From: <sip:1001@${k.domain}>;tag=${newTag()}`,
    `To: <sip:1001@${k.domain}>`,
    `Call-ID: ${newTag()}`,
    'Contact: <sip:1001@tls.invalid;transport=ws>',
  ]);
  expect(challenge.status).toBe(401);
  const res = await c.register('1001', 'pw-1001');
  expect(res.status).toBe(200);
});
