import { describe, expect, it } from 'vitest';
import type { MediaRelays } from '../../shared';
import { RelayFetcher, type IssuedRelays } from './relay-fetcher';
import { ServerFailure } from './server-client';

const relays: MediaRelays = {
  iceServers: [{ urls: ['turn:t.example.com'], username: '1:u', credential: 'c' }],
  ttlSeconds: 600,
};
const session = { withToken: <T>(f: (t: string) => Promise<T>) => f('token') };

function rig(answers: Array<MediaRelays | ServerFailure>) {
  const got: Array<IssuedRelays | null> = [];
  let signedIn = true;
  let calls = 0;
  const fetcher = new RelayFetcher({
    client: {
      iceServers: async () => {
        const a = answers[Math.min(calls++, answers.length - 1)];
        if (a instanceof ServerFailure) throw a;
        return a as MediaRelays;
      },
    },
    session: () => (signedIn ? session : null),
    onRelays: (r) => got.push(r),
    backoff: { baseMs: 1, capMs: 5 },
    now: () => 1_000_000,
  });
  return { fetcher, got, calls: () => calls, signOut: () => (signedIn = false) };
}

const until = async (pred: () => boolean) => {
  for (let i = 0; i < 200 && !pred(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(pred()).toBe(true);
};

describe('RelayFetcher', () => {
  it('fetches at sign-in and reports when the credentials expire; drops them at sign-out', async () => {
    const r = rig([relays]);
    r.fetcher.sessionChanged();
    await until(() => r.got.length === 1);
    expect(r.got[0]).toEqual({ iceServers: relays.iceServers, expiresAtMs: 1_000_000 + 600_000 });
    r.signOut();
    r.fetcher.sessionChanged();
    expect(r.got.at(-1)).toBeNull();
    r.fetcher.stop();
  });

  it('retries with backoff while the server is away', async () => {
    const r = rig([new ServerFailure('offline', 'down'), new ServerFailure('server', '500'), relays]);
    r.fetcher.sessionChanged();
    await until(() => r.got.length === 1);
    expect(r.calls()).toBe(3);
    expect(r.got[0]?.iceServers).toEqual(relays.iceServers);
    r.fetcher.stop();
  });

  it('stops on a refused session until the next sign-in; no TURN means no expiry', async () => {
    const r = rig([new ServerFailure('unauthorized', '401'), { iceServers: [], ttlSeconds: 0 }]);
    r.fetcher.sessionChanged();
    await new Promise((ok) => setTimeout(ok, 50));
    expect(r.calls()).toBe(1);
    expect(r.got).toEqual([]);
    r.fetcher.sessionChanged();
    await until(() => r.got.length === 1);
    expect(r.got[0]).toEqual({ iceServers: [], expiresAtMs: null });
    r.fetcher.stop();
  });
});
