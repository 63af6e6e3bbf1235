import WebSocket from 'ws';
import { hostWsPath, hostWsProtocol, hostWsTokenPrefix, type Result } from '../../shared';

/** Opens the host's WebSocket as a browser would, with chosen Origin / token, or fails with the status. */
export function connectWs(
  port: number,
  opts: { origin?: string; token?: string | null; protocols?: string[] },
): Promise<WebSocket> {
  const protocols = opts.protocols ?? [
    hostWsProtocol,
    ...(opts.token ? [hostWsTokenPrefix + opts.token] : []),
  ];
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${hostWsPath}`, protocols, {
      headers: opts.origin ? { Origin: opts.origin } : {},
    });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

let nextId = 1;
/** One host-API call over an open socket; resolves with the Result envelope. */
export function callWs(ws: WebSocket, method: string, input: unknown): Promise<Result<unknown>> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const onClose = () => reject(new Error('socket closed'));
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(String(data)) as { id: number; result: Result<unknown> };
      if (frame.id !== id) return;
      ws.off('message', onMessage);
      ws.off('close', onClose);
      resolve(frame.result);
    };
    ws.on('message', onMessage);
    ws.once('close', onClose);
    ws.send(JSON.stringify({ t: 'req', id, method, input }));
  });
}

/** Sends a raw frame and waits up to `ms` for any answer (null when none came). */
export function rawWs(ws: WebSocket, text: string, ms = 500): Promise<string | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ws.off('message', onMessage);
      resolve(null);
    }, ms);
    const onMessage = (data: WebSocket.RawData) => {
      clearTimeout(timer);
      ws.off('message', onMessage);
      resolve(String(data));
    };
    ws.on('message', onMessage);
    ws.send(text);
  });
}
