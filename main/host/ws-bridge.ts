import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  dispatchHostCall,
  hostWsPath,
  hostWsProtocol,
  hostWsTokenPrefix,
  maxHostMessageBytes,
  WireRequest,
  type HostHandlers,
  type WireResponse,
} from '../../shared';

export interface BridgeOptions {
  server: Server;
  handlers: HostHandlers;
  token: string;
  origin: string;
  log: (msg: string) => void;
  /**
   * Per-call timing on stderr, one `[host-trace] {"id","method","received","replied","cpuMs","fsRead"}`
   * line per call (wall-clock ms: the 'message' event, the reply handed to the socket; the process's
   * CPU time and disk blocks read in between); bench:screen-pop joins them with the renderer's
   * marks (cli.ts: SEATDESK_HOST_TRACE=1).
   */
  trace?: boolean;
}

function tokenMatches(offered: string, token: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why an upgrade is refused, or null when it may proceed: own Origin, our protocol, the launch token. */
export function refuseReason(req: IncomingMessage, origin: string, token: string): string | null {
  if (new URL(req.url ?? '/', 'http://x').pathname !== hostWsPath) return 'wrong path';
  if (req.headers.origin !== origin) return 'foreign origin';
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  if (!offered.includes(hostWsProtocol)) return 'missing protocol';
  const tok = offered.find((p) => p.startsWith(hostWsTokenPrefix))?.slice(hostWsTokenPrefix.length);
  if (!tok || !tokenMatches(tok, token)) return 'bad token';
  return null;
}

/** The browser-mode transport of the host API: the same dispatchHostCall as Electron's IPC. */
export function attachHostBridge({
  server,
  handlers,
  token,
  origin,
  log,
  trace = false,
}: BridgeOptions): WebSocketServer {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: maxHostMessageBytes * 2,
    handleProtocols: (protocols) => (protocols.has(hostWsProtocol) ? hostWsProtocol : false),
  });
  server.on('upgrade', (req, socket, head) => {
    const reason = refuseReason(req, origin, token);
    if (reason) {
      log(`host bridge: upgrade refused (${reason})`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws));
  });

  function serve(ws: WebSocket) {
    ws.on('error', (err) => log(`host bridge: socket error ${err.message}`));
    ws.on('message', async (data, isBinary) => {
      const received = trace ? wallClock() : 0;
      const usage = trace ? process.resourceUsage() : null;
      const bytes = Array.isArray(data)
        ? data.reduce((n, b) => n + b.length, 0)
        : (data as Buffer).byteLength;
      let frame: unknown;
      try {
        frame = isBinary ? undefined : JSON.parse(String(data));
      } catch {
        frame = undefined;
      }
      const req = WireRequest.safeParse(frame);
      if (!req.success) {
        const id = (frame as { id?: unknown } | undefined)?.id;
        log('host bridge: malformed frame dropped');
        if (typeof id === 'number' && Number.isInteger(id) && id >= 0) {
          reply(ws, {
            t: 'res',
            id,
            result: { ok: false, error: { code: 'invalid-input', message: 'Malformed request frame.' } },
          });
        }
        return;
      }
      const result = await dispatchHostCall(handlers, req.data.method, req.data.input, bytes, log);
      const text = JSON.stringify({ t: 'res', id: req.data.id, result } satisfies WireResponse);
      const replied = trace ? wallClock() : 0;
      if (ws.readyState === ws.OPEN) ws.send(text);
      if (usage) {
        // The process's CPU time and blocks read from disk meanwhile: a slow call that used neither
        // was waiting for a CPU (or for another thread's lock), one with fsRead > 0 for the disk.
        const after = process.resourceUsage();
        const line = JSON.stringify({
          id: req.data.id,
          method: req.data.method,
          received,
          replied,
          cpuMs: (after.userCPUTime + after.systemCPUTime - usage.userCPUTime - usage.systemCPUTime) / 1000,
          fsRead: after.fsRead - usage.fsRead,
        });
        // After the reply, off the call's path: the write to stderr waits for the next turn.
        setImmediate(() => process.stderr.write(`[host-trace] ${line}\n`));
      }
    });
  }
  return wss;
}

function reply(ws: WebSocket, res: WireResponse) {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(res));
}

/** Milliseconds since the epoch with sub-millisecond resolution, comparable with the renderer's. */
function wallClock(): number {
  return performance.timeOrigin + performance.now();
}
