import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  grantLifetimeMs,
  grantPayloadJson,
  type MonitorMode,
  type MonitoringGrantPayload,
} from '../../shared/monitoring/grant';

/** Mints monitoring grants (shared/monitoring/grant.ts) with the server's Ed25519 private key. */
export interface GrantSigner {
  /** The raw 32-byte public key, base64url: what seats verify with. */
  publicKey: string;
  issue(g: { lead: string; agent: string; callId: string; modes: MonitorMode[]; nowMs: number }): {
    token: string;
    payload: MonitoringGrantPayload;
  };
}

export function grantSignerFromKey(privateKey: KeyObject): GrantSigner {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the monitoring key must be Ed25519');
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('could not export the monitoring public key');
  return {
    publicKey: jwk.x,
    issue({ lead, agent, callId, modes, nowMs }) {
      const payload: MonitoringGrantPayload = {
        jti: randomBytes(16).toString('base64url'),
        lead,
        agent,
        callId,
        modes,
        issuedAt: nowMs,
        expiresAt: nowMs + grantLifetimeMs,
      };
      const body = Buffer.from(grantPayloadJson(payload), 'ascii').toString('base64url');
      const sig = sign(null, Buffer.from(body, 'ascii'), privateKey).toString('base64url');
      return { token: `${body}.${sig}`, payload };
    },
  };
}

/**
 * The signing key: the PEM (PKCS#8) file named by SEATDESK_MONITORING_KEY_FILE; without one,
 * outside production, a development key generated once into `devKeyPath` (the data dir).
 * Production without a configured key refuses to start: a generated key would differ per node
 * and seats would refuse every other node's grants.
 */
export function loadGrantSigner(env: NodeJS.ProcessEnv, devKeyPath: string): GrantSigner {
  const file = (env.SEATDESK_MONITORING_KEY_FILE ?? '').trim();
  if (file) return grantSignerFromKey(createPrivateKey(readFileSync(file)));
  if (env.NODE_ENV === 'production')
    throw new Error('SEATDESK_MONITORING_KEY_FILE must name an Ed25519 private key (PEM) in production');
  if (!existsSync(devKeyPath)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    mkdirSync(dirname(devKeyPath), { recursive: true });
    writeFileSync(devKeyPath, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  }
  return grantSignerFromKey(createPrivateKey(readFileSync(devKeyPath)));
}
