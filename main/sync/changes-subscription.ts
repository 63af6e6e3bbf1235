import WebSocket from 'ws';
import { ChangesNotice, changesStreamPath } from '../../shared';

/**
 * The server's "pull again" pushes over a WebSocket. Only a hint: the engine also polls, so a
 * dropped socket costs latency, never data. The token travels as a subprotocol, not in the URL
 * (URLs end up in proxy logs).
 */
export function subscribeToChanges(
  serverUrl: string,
  token: string,
  onNotice: () => void,
  onClose: () => void,
): () => void {
  const url = new URL(changesStreamPath, serverUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(url, [`token.${token}`], { maxPayload: 4096, handshakeTimeout: 10_000 });
  let closed = false;
  const finish = () => {
    if (closed) return;
    closed = true;
    onClose();
  };
  ws.on('message', (data) => {
    let json: unknown;
    try {
      json = JSON.parse(String(data));
    } catch {
      return;
    }
    if (ChangesNotice.safeParse(json).success) onNotice();
  });
  ws.on('error', finish);
  ws.on('close', finish);
  return () => {
    closed = true;
    ws.terminate();
  };
}
