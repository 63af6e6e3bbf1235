import { z } from 'zod';
import type { SecretStore } from '../settings/secret-store';
import { normalizeServerUrl } from './server-client';

const Bound = z.object({ server: z.string().min(1), refreshToken: z.string().min(1) });

/**
 * The stored refresh token, bound to the server that issued it (issue 13). A token is a
 * credential for one server only: one read for another server is dropped, never sent, so a
 * seat pointed at a new (or hostile) URL cannot hand it the previous server's session. A token
 * stored before binding (plain text) names no server and is dropped the same way: the agent
 * signs in once more.
 */
export class BoundRefreshToken {
  constructor(private readonly store: SecretStore) {}

  /** The token for `server`, or null (and any token for another server is erased). */
  take(server: string): string | null {
    const raw = this.store.get();
    if (!raw) return null;
    const bound = parse(raw);
    if (bound && bound.server === normalizeServerUrl(server)) return bound.refreshToken;
    this.store.set('');
    return null;
  }

  has(): boolean {
    return Boolean(this.store.get());
  }

  set(server: string, refreshToken: string): void {
    this.store.set(JSON.stringify({ server: normalizeServerUrl(server), refreshToken }));
  }

  clear(): void {
    this.store.set('');
  }
}

function parse(raw: string): z.infer<typeof Bound> | null {
  try {
    const b = Bound.safeParse(JSON.parse(raw));
    return b.success ? b.data : null;
  } catch {
    return null;
  }
}
