import { describe, expect, it } from 'vitest';
import type { TokenPair } from '../../shared';
import { ServerClient, ServerFailure } from './server-client';
import { Session } from './session';

const pairN = (n: number): TokenPair => ({
  accessToken: `access-${n}`.padEnd(24, '.'),
  expiresIn: 900,
  refreshToken: `refresh-${n}`.padEnd(24, '.'),
  user: { id: 'u', username: 'u', displayName: 'U', role: 'agent', teamId: 't' },
  retentionDays: 30,
});

/** Stands in for the server's refresh endpoint (unit test of the token logic only). */
class FakeAuth extends ServerClient {
  refreshed: string[] = [];
  constructor(private readonly ok = true) {
    super({ baseUrl: 'http://fake' });
  }
  override async refresh(token: string) {
    this.refreshed.push(token);
    if (!this.ok) throw new ServerFailure('unauthorized', 'refresh token is invalid');
    return pairN(this.refreshed.length);
  }
}

describe('Session', () => {
  it('refreshes before expiry, rotating the refresh token and reporting it', async () => {
    let now = 0;
    const rotated: string[] = [];
    const auth = new FakeAuth();
    const s = new Session(
      pairN(0),
      auth,
      () => now,
      (p) => rotated.push(p.refreshToken),
    );
    expect(await s.token()).toBe(pairN(0).accessToken);
    now = 880_000; // inside the last 30 s
    expect(await s.token()).toBe(pairN(1).accessToken);
    expect(auth.refreshed).toEqual([pairN(0).refreshToken]);
    expect(rotated).toEqual([pairN(1).refreshToken]);
  });

  it('retries once with a fresh token after a 401, and gives up when the refresh is refused', async () => {
    const s = new Session(
      pairN(0),
      new FakeAuth(),
      () => 0,
      () => {},
    );
    const seen: string[] = [];
    const out = await s.withToken(async (t) => {
      seen.push(t);
      if (seen.length === 1) throw new ServerFailure('unauthorized', '401');
      return 'done';
    });
    expect(out).toBe('done');
    expect(seen).toEqual([pairN(0).accessToken, pairN(1).accessToken]);

    const refused = new Session(
      pairN(0),
      new FakeAuth(false),
      () => 0,
      () => {},
    );
    await expect(
      refused.withToken(async () => {
        throw new ServerFailure('unauthorized', '401');
      }),
    ).rejects.toMatchObject({ kind: 'unauthorized' });
  });

  it('shares one refresh between concurrent users of the session (refresh tokens rotate)', async () => {
    const auth = new FakeAuth();
    const s = new Session(
      pairN(0),
      auth,
      () => 0,
      () => {},
    );
    const once = (seen: string[]) =>
      s.withToken(async (t) => {
        seen.push(t);
        if (t === pairN(0).accessToken) throw new ServerFailure('unauthorized', '401');
        return t;
      });
    const [a, b] = [[], []] as string[][];
    await expect(Promise.all([once(a!), once(b!)])).resolves.toEqual([
      pairN(1).accessToken,
      pairN(1).accessToken,
    ]);
    expect(auth.refreshed).toEqual([pairN(0).refreshToken]);
  });

  it('does not refresh again for a 401 on a token that another caller already replaced', async () => {
    const auth = new FakeAuth();
    const s = new Session(
      pairN(0),
      auth,
      () => 0,
      () => {},
    );
    let release: () => void = () => {};
    const gate = new Promise<void>((ok) => (release = ok));
    const slow = s.withToken(async (t) => {
      if (t === pairN(0).accessToken) {
        await gate; // its 401 arrives after the other caller's refresh
        throw new ServerFailure('unauthorized', '401');
      }
      return t;
    });
    const fast = await s.withToken(async (t) => {
      if (t === pairN(0).accessToken) throw new ServerFailure('unauthorized', '401');
      return t;
    });
    release();
    expect([fast, await slow]).toEqual([pairN(1).accessToken, pairN(1).accessToken]);
    expect(auth.refreshed).toEqual([pairN(0).refreshToken]);
  });
});
