import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgentStateAck, AgentStateUpdate } from '../../shared';
import { AgentStatePublisher, nextAgentSeq } from './agent-state-publisher';
import { ServerFailure } from './server-client';

type Answer = 'ok' | 'stale' | ServerFailure | Promise<AgentStateAck>;

/** Stands in for the server (unit test of the publishing logic only). */
class FakeServer {
  sent: { token: string; update: AgentStateUpdate }[] = [];
  answers: Answer[] = [];
  async putAgentState(token: string, update: AgentStateUpdate): Promise<AgentStateAck> {
    this.sent.push({ token, update });
    const a = this.answers.shift() ?? 'ok';
    if (a instanceof ServerFailure) throw a;
    if (a === 'ok' || a === 'stale') return { applied: a === 'ok' };
    return a;
  }
  get states() {
    return this.sent.map((s) => s.update.state);
  }
}

const session = (token: string) => ({ withToken: <T>(fn: (t: string) => Promise<T>) => fn(token) });
const at = (seq: number, state: AgentStateUpdate['state'] = 'ready'): AgentStateUpdate => ({
  state,
  reason: state === 'not-ready' ? 'break' : null,
  since: new Date(seq).toISOString(),
  seq,
});
const offline = () => new ServerFailure('offline', 'cannot reach the central server');

describe('AgentStatePublisher', () => {
  let server: FakeServer;
  let current: ReturnType<typeof session> | null;
  let p: AgentStatePublisher;
  beforeEach(() => {
    vi.useFakeTimers();
    server = new FakeServer();
    current = session('t1');
    p = new AgentStatePublisher({
      client: server,
      session: () => current,
      backoff: { baseMs: 1000, capMs: 5000 },
      random: () => 0.5, // no jitter
    });
  });
  afterEach(() => {
    p.stop();
    vi.useRealTimers();
  });

  it('sends each state without the caller waiting, and only the newest of a burst', async () => {
    let release: (a: AgentStateAck) => void = () => {};
    server.answers.push(new Promise((ok) => (release = ok)));
    p.publish(at(1, 'ready'));
    // Three changes while the first is on the wire: only the last one follows it.
    p.publish(at(2, 'on-call'));
    p.publish(at(3, 'acw'));
    p.publish(at(4, 'not-ready'));
    p.publish(at(3, 'acw')); // older than the newest: dropped
    expect(server.states).toEqual(['ready']);
    release({ applied: true });
    await vi.runAllTimersAsync();
    expect(server.states).toEqual(['ready', 'not-ready']);
    expect(p.settled).toBe(true);
  });

  it('retries with backoff while offline or failing, then sends the latest state', async () => {
    server.answers.push(offline(), new ServerFailure('server', '503', 503), offline());
    p.publish(at(1, 'ready'));
    await vi.advanceTimersByTimeAsync(0);
    expect(server.sent.length).toBe(1);
    p.publish(at(2, 'on-call')); // during the backoff: does not cut it short
    await vi.advanceTimersByTimeAsync(999);
    expect(server.sent.length).toBe(1);
    await vi.advanceTimersByTimeAsync(1); // 1 s
    expect(server.states).toEqual(['ready', 'on-call']);
    await vi.advanceTimersByTimeAsync(2000); // 2 s
    expect(server.sent.length).toBe(3);
    expect(p.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(4000); // 4 s, then it answers
    expect(server.states).toEqual(['ready', 'on-call', 'on-call', 'on-call']);
    expect(p.settled).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.sent.length).toBe(4);
  });

  it('waits while signed out and sends the latest state again after each sign-in', async () => {
    current = null;
    p.publish(at(1, 'ready'));
    p.publish(at(2, 'not-ready'));
    await vi.runAllTimersAsync();
    expect(server.sent).toEqual([]);
    current = session('t2');
    p.sessionChanged();
    await vi.runAllTimersAsync();
    expect(server.sent.map((s) => [s.token, s.update.seq])).toEqual([['t2', 2]]);
    // Signed in again (perhaps as someone else): the latest state goes again.
    current = session('t3');
    p.sessionChanged();
    await vi.runAllTimersAsync();
    expect(server.sent.map((s) => [s.token, s.update.seq])).toEqual([
      ['t2', 2],
      ['t3', 2],
    ]);
  });

  it('a new session ends a backoff at once', async () => {
    server.answers.push(offline(), offline(), offline());
    p.publish(at(1));
    await vi.advanceTimersByTimeAsync(2500); // tries at 0 s and 1 s; the next would be at 3 s
    expect(server.sent.length).toBe(2);
    current = session('t2');
    p.sessionChanged();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.sent.at(-1)?.token).toBe('t2');
  });

  it('stops on a refused session until the next sign-in, and drops an update the server refuses', async () => {
    server.answers.push(new ServerFailure('unauthorized', '401', 401));
    p.publish(at(1));
    await vi.runAllTimersAsync();
    expect(server.sent.length).toBe(1);
    expect(p.settled).toBe(false);
    p.sessionChanged();
    await vi.runAllTimersAsync();
    expect(server.sent.length).toBe(2);
    expect(p.settled).toBe(true);

    server.answers.push(new ServerFailure('refused', '400 bad-request', 400));
    p.publish(at(5));
    await vi.runAllTimersAsync();
    expect(server.sent.length).toBe(3); // not retried
    p.publish(at(6));
    await vi.runAllTimersAsync();
    expect(server.sent.length).toBe(4);
  });

  it('takes a stale answer (the server holds this seq or newer) as done', async () => {
    server.answers.push('stale');
    p.publish(at(7));
    await vi.runAllTimersAsync();
    expect(server.sent.length).toBe(1);
    expect(p.settled).toBe(true);
  });
});

describe('nextAgentSeq', () => {
  it('follows the clock and stays strictly increasing when the clock stalls or steps back', () => {
    expect(nextAgentSeq(0, 1_764_000_000_000)).toBe(1_764_000_000_000);
    expect(nextAgentSeq(1_764_000_000_000, 1_764_000_000_000)).toBe(1_764_000_000_001);
    expect(nextAgentSeq(1_764_000_000_500, 1_764_000_000_100)).toBe(1_764_000_000_501);
  });
});
