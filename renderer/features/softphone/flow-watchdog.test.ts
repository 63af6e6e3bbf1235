import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FlowWatchdog } from './flow-watchdog';

/** Stands in for SIP.js's WebSocket transport: the private handlers the watchdog hooks. */
class FakeTransport {
  sent: string[] = [];
  connected = true;
  closedWith: { code: number; reason: string } | null = null;
  _ws = { close: vi.fn() } as unknown as WebSocket;
  delivered: string[] = [];
  send(m: string) {
    this.sent.push(m);
    return Promise.resolve();
  }
  isConnected() {
    return this.connected;
  }
  onWebSocketMessage(ev: MessageEvent) {
    this.delivered.push(String(ev.data));
  }
  onWebSocketClose(ev: { code: number; reason: string }) {
    this.closedWith = ev;
    this.connected = false;
  }
  /** What SIP.js's socket listener does: `this.onWebSocketMessage(ev, ws)`. */
  receive(data: string) {
    this.onWebSocketMessage({ data } as MessageEvent);
  }
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup() {
  const t = new FakeTransport();
  const onDead = vi.fn();
  const dog = new FlowWatchdog(t, { intervalMs: 25_000, deadAfterMs: 10_000, random: () => 1, onDead });
  dog.start();
  return { t, onDead, dog };
}

describe('FlowWatchdog', () => {
  it('sends a double CRLF every interval and stays quiet while pongs come back', () => {
    const { t, onDead } = setup();
    for (let i = 1; i <= 6; i++) {
      vi.advanceTimersByTime(25_000);
      expect(t.sent).toHaveLength(i);
      expect(t.sent.at(-1)).toBe('\r\n\r\n');
      t.receive('\r\n');
    }
    expect(onDead).not.toHaveBeenCalled();
  });

  it('declares the flow dead 10 s after a ping without a pong, and closes it for SIP.js at once', () => {
    const { t, onDead } = setup();
    vi.advanceTimersByTime(25_000);
    vi.advanceTimersByTime(9_999);
    expect(onDead).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onDead).toHaveBeenCalledTimes(1);
    expect(t.closedWith).toEqual({ code: 4000, reason: 'keep-alive timeout' });
    expect(t._ws.close).toHaveBeenCalled();
  });

  it('passes every message on to SIP.js, pongs included', () => {
    const { t } = setup();
    t.receive('\r\n');
    t.receive('SIP/2.0 200 OK\r\n\r\n');
    expect(t.delivered).toEqual(['\r\n', 'SIP/2.0 200 OK\r\n\r\n']);
  });

  it('does not ping a disconnected transport, and stop() cancels everything', () => {
    const { t, onDead, dog } = setup();
    t.connected = false;
    vi.advanceTimersByTime(100_000);
    expect(t.sent).toEqual([]);
    t.connected = true;
    dog.start();
    vi.advanceTimersByTime(25_000);
    dog.stop();
    vi.advanceTimersByTime(100_000);
    expect(onDead).not.toHaveBeenCalled();
  });
});
