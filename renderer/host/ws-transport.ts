import {
  hostApi,
  HostCallError,
  hostMethods,
  hostWsPath,
  hostWsProtocol,
  hostWsTokenPrefix,
  WireResponse,
  type HostClient,
  type HostMethod,
  type Result,
} from '../../shared';

interface Pending {
  resolve: (r: Result<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

const callTimeoutMs = 10_000;

/** Browser mode: the host API over a WebSocket to the local host, authenticated by the launch token. */
export function createWsHostClient(origin: string, token: string): HostClient {
  let socket: WebSocket | null = null;
  let opening: Promise<WebSocket> | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  function open(): Promise<WebSocket> {
    if (socket?.readyState === WebSocket.OPEN) return Promise.resolve(socket);
    opening ??= new Promise<WebSocket>((resolve, reject) => {
      const url = origin.replace(/^http/, 'ws') + hostWsPath;
      const ws = new WebSocket(url, [hostWsProtocol, hostWsTokenPrefix + token]);
      ws.onopen = () => {
        socket = ws;
        opening = null;
        resolve(ws);
      };
      ws.onerror = () => {
        opening = null;
        reject(new Error('host connection failed'));
      };
      ws.onclose = () => {
        socket = null;
        for (const [id, p] of pending) {
          clearTimeout(p.timer);
          p.resolve({ ok: false, error: { code: 'disconnected', message: 'Host connection closed.' } });
          pending.delete(id);
        }
      };
      ws.onmessage = (ev) => {
        let frame: unknown;
        try {
          frame = JSON.parse(String(ev.data));
        } catch {
          return;
        }
        const res = WireResponse.safeParse(frame);
        if (!res.success) return;
        const p = pending.get(res.data.id);
        if (!p) return;
        pending.delete(res.data.id);
        clearTimeout(p.timer);
        p.resolve(res.data.result as Result<unknown>);
      };
    });
    return opening;
  }

  async function call(method: HostMethod, input: unknown): Promise<unknown> {
    const ws = await open().catch(() => {
      throw new HostCallError(method, { code: 'disconnected', message: 'The local host is not reachable.' });
    });
    const id = nextId++;
    const result = await new Promise<Result<unknown>>((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve({ ok: false, error: { code: 'disconnected', message: 'The host did not answer in time.' } });
      }, callTimeoutMs);
      pending.set(id, { resolve, timer });
      ws.send(JSON.stringify({ t: 'req', id, method, input }));
    });
    if (!result.ok) throw new HostCallError(method, result.error);
    // The host validated its answer; parse again so a corrupted frame can't reach the UI.
    const out = hostApi[method].output.safeParse(result.value);
    if (!out.success)
      throw new HostCallError(method, { code: 'internal', message: 'Malformed host answer.' });
    return out.data;
  }

  return Object.fromEntries(hostMethods.map((m) => [m, (input: unknown) => call(m, input)])) as HostClient;
}
