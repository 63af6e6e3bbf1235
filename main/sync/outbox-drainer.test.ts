import { describe, expect, it } from 'vitest';
import type { TokenPair, WrapUp } from '../../shared';
import { openTestDatabase } from '../db/open-database';
import { OutboxRepository } from '../db/outbox-repository';
import { SeatAccountRepository } from '../db/seat-account-repository';
import { drainOutbox } from './outbox-drainer';
import { ServerClient, ServerFailure } from './server-client';
import { Session } from './session';

const wrapUp = (n: number): WrapUp => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  callId: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
  customerId: null,
  phone: '+886223456789',
  agent: 'a',
  startedAt: '2026-11-25T00:00:00.000Z',
  endedAt: '2026-11-25T00:01:00.000Z',
  category: 'inquiry',
  priority: 'low',
  disposition: 'resolved',
  notes: `n${n}`,
});

const pair: TokenPair = {
  accessToken: 'a'.repeat(30),
  expiresIn: 900,
  refreshToken: 'r'.repeat(30),
  user: { id: 'u', username: 'u', displayName: 'U', role: 'agent', teamId: 't' },
  retentionDays: 30,
};

/** A stand-in server (a unit test of the drain logic; the real server is in tests/integration). */
class FakeServer extends ServerClient {
  calls: string[][] = [];
  constructor(private readonly answer: (ids: readonly string[]) => Promise<unknown>) {
    super({ baseUrl: 'http://fake' });
  }
  override async pushOutbox(_t: string, _json: string, ids: readonly string[]) {
    this.calls.push([...ids]);
    return (await this.answer(ids)) as Awaited<ReturnType<ServerClient['pushOutbox']>>;
  }
}

function setup(n: number) {
  const db = openTestDatabase();
  const outbox = new OutboxRepository(db);
  // Filed while signed in as `pair`'s user on the fake server: the drainer's session is theirs.
  new SeatAccountRepository(db).set({ server: 'http://fake', userId: 'u', username: 'u' });
  for (let i = 0; i < n; i++)
    outbox.addPendingWrapUp(
      wrapUp(i),
      `2026-11-25T00:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(3, '0')}Z`,
    );
  return { db, outbox };
}

describe('drainOutbox', () => {
  it('sends in batches, oldest first, and records each verdict', async () => {
    const { outbox } = setup(5);
    const server = new FakeServer(async (ids) => ({
      results: ids.map((id, k) =>
        k === 0 ? { id, status: 'rejected', reason: 'no' } : { id, status: 'accepted' },
      ),
    }));
    const session = new Session(
      pair,
      server,
      () => 0,
      () => {},
    );
    expect(await drainOutbox(outbox, server, session, () => new Date(), { batchRecords: 2 })).toBe(5);
    expect(server.calls.map((c) => c.length)).toEqual([2, 2, 1]);
    expect(outbox.counts()).toEqual({ pending: 0, rejected: 3, synced: 2, waitingForOwner: 0 });
  });

  it('leaves records pending (attempts counted) when the server is away', async () => {
    const { outbox } = setup(3);
    const server = new FakeServer(async () => {
      throw new ServerFailure('offline', 'down');
    });
    const session = new Session(
      pair,
      server,
      () => 0,
      () => {},
    );
    await expect(drainOutbox(outbox, server, session, () => new Date())).rejects.toThrow(/down/);
    expect(outbox.counts().pending).toBe(3);
    expect(outbox.list(3).every((r) => r.attempts === 1)).toBe(true);
  });

  it('isolates a record the server refuses outright and sends the others', async () => {
    const { outbox } = setup(8);
    const poison = wrapUp(5).id;
    const server = new FakeServer(async (ids) => {
      if (ids.includes(poison)) throw new ServerFailure('refused', '400 bad-request: invalid body', 400);
      return { results: ids.map((id) => ({ id, status: 'accepted' })) };
    });
    const session = new Session(
      pair,
      server,
      () => 0,
      () => {},
    );
    await drainOutbox(outbox, server, session, () => new Date());
    expect(outbox.counts()).toEqual({ pending: 0, rejected: 1, synced: 7, waitingForOwner: 0 });
    const rejected = outbox.list(10).find((r) => r.state === 'rejected');
    expect(rejected).toMatchObject({ id: poison, rejectReason: '400 bad-request: invalid body' });
  });

  it("sends only the session's own records: another user's, another server's and unowned ones wait", async () => {
    const { db, outbox } = setup(2); // the session user's, on this server
    const account = new SeatAccountRepository(db);
    const fileAs = (n: number, a: { server: string; userId: string; username: string } | null) => {
      if (a) account.set(a);
      else account.clear();
      outbox.addPendingWrapUp(wrapUp(n), `2026-11-25T00:01:00.00${n}Z`);
    };
    fileAs(2, { server: 'http://fake', userId: 'other', username: 'other' });
    fileAs(3, { server: 'http://elsewhere', userId: 'u', username: 'u' });
    fileAs(4, null);
    account.set({ server: 'http://fake', userId: 'u', username: 'u' });
    const server = new FakeServer(async (ids) => ({
      results: ids.map((id) => ({ id, status: 'accepted' })),
    }));
    const session = new Session(
      pair,
      server,
      () => 0,
      () => {},
    );
    expect(await drainOutbox(outbox, server, session, () => new Date())).toBe(2);
    expect(server.calls.flat()).toEqual([wrapUp(0).id, wrapUp(1).id]);
    expect(outbox.counts()).toEqual({ pending: 0, rejected: 0, synced: 2, waitingForOwner: 3 });
    // The other user signs in: theirs go, and only theirs.
    account.set({ server: 'http://fake', userId: 'other', username: 'other' });
    const theirs = new Session(
      { ...pair, user: { ...pair.user, id: 'other', username: 'other' } },
      server,
      () => 0,
      () => {},
    );
    expect(await drainOutbox(outbox, server, theirs, () => new Date())).toBe(1);
    expect(server.calls.at(-1)).toEqual([wrapUp(2).id]);
    expect(outbox.counts().waitingForOwner).toBe(2);
  });
});
