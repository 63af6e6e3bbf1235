/**
 * CRLF keep-alive with a dead-flow verdict (RFC 5626 §4.4.1 style): every ~25 s a double CRLF goes
 * to the proxy, which answers with a single CRLF; no answer within 10 s means the connection is
 * dead even though the socket still looks open (a NAT or a proxy dropped it silently). SIP.js 0.21
 * sends keep-alives but ignores a missing pong, so we own it.
 */

/** The parts of SIP.js's WebSocket transport the watchdog uses (private there; see `attach`). */
export interface WatchableTransport {
  send(message: string): Promise<void>;
  isConnected(): boolean;
}

interface TransportInternals {
  _ws?: WebSocket;
  onWebSocketMessage?: (ev: MessageEvent, ws: WebSocket) => void;
  onWebSocketClose?: (ev: { code: number; reason: string }, ws: WebSocket) => void;
}

export interface FlowWatchdogOptions {
  intervalMs?: number;
  deadAfterMs?: number;
  random?: () => number;
  /** The flow is dead: the transport has been closed; reconnect. */
  onDead: () => void;
}

export class FlowWatchdog {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private deadline: ReturnType<typeof setTimeout> | null = null;
  private readonly intervalMs: number;
  private readonly deadAfterMs: number;
  private readonly random: () => number;

  constructor(
    private readonly transport: WatchableTransport,
    private readonly opts: FlowWatchdogOptions,
  ) {
    this.intervalMs = opts.intervalMs ?? 25_000;
    this.deadAfterMs = opts.deadAfterMs ?? 10_000;
    this.random = opts.random ?? Math.random;
    this.hookPongs();
  }

  /** Starts (or restarts) pinging: call when the transport connects. */
  start(): void {
    this.stop();
    this.schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.deadline) clearTimeout(this.deadline);
    this.timer = null;
    this.deadline = null;
  }

  /** A pong (CRLF) arrived: the flow is alive. */
  pong(): void {
    if (this.deadline) clearTimeout(this.deadline);
    this.deadline = null;
  }

  private schedule(): void {
    // 80–100 % of the interval, so a fleet of seats does not ping in step.
    const wait = this.intervalMs * (0.8 + 0.2 * this.random());
    this.timer = setTimeout(() => this.ping(), wait);
  }

  private ping(): void {
    this.timer = null;
    if (!this.transport.isConnected()) return;
    if (!this.deadline) {
      this.deadline = setTimeout(() => this.dead(), this.deadAfterMs);
      this.transport.send('\r\n\r\n').catch(() => undefined);
    }
    this.schedule();
  }

  private dead(): void {
    this.stop();
    forceClosed(this.transport);
    this.opts.onDead();
  }

  /** SIP.js swallows CRLF pongs inside its message handler: look at them on the way in. */
  private hookPongs(): void {
    const t = this.transport as unknown as TransportInternals;
    const original = t.onWebSocketMessage;
    if (typeof original !== 'function') return;
    t.onWebSocketMessage = (ev, ws) => {
      if (typeof ev.data === 'string' && /^(\r\n)+$/.test(ev.data)) this.pong();
      original.call(t, ev, ws);
    };
  }
}

/**
 * A dead socket can take a minute to finish a closing handshake, and SIP.js waits for it: tell
 * SIP.js the socket closed abnormally now (its own handler, so its state machine stays right and
 * the user agent reports a disconnect with an error), then drop the socket.
 */
function forceClosed(transport: WatchableTransport): void {
  const t = transport as unknown as TransportInternals;
  const ws = t._ws;
  if (!ws || typeof t.onWebSocketClose !== 'function') return;
  t.onWebSocketClose.call(t, { code: 4000, reason: 'keep-alive timeout' }, ws);
  try {
    ws.close();
  } catch {
    // already closing
  }
}
