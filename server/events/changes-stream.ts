import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { WebSocketServer, type WebSocket } from 'ws';
import { changesStreamPath, type ChangesNotice } from '../../shared';
import type { AccessClaims, TokenIssuer } from '../auth/tokens';
import type { SqlClient } from '../db/sql-client';
import { changesChannel } from '../http/deps';

const tokenPrefix = 'token.';

/**
 * "Pull again" pushes: each node LISTENs on PostgreSQL and tells its own WebSocket clients
 * of the notifying team. No data travels here, so a lost notice costs only latency (the
 * desktop also polls).
 */
export async function attachChangesStream(
  app: FastifyInstance,
  db: SqlClient,
  tokens: TokenIssuer,
): Promise<() => Promise<void>> {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  const byTeam = new Map<string, Set<WebSocket>>();

  app.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((s) => s.trim());
    const token = offered.find((p) => p.startsWith(tokenPrefix));
    const claims: AccessClaims | null = token ? tokens.verifyAccess(token.slice(tokenPrefix.length)) : null;
    if (url.pathname !== changesStreamPath || !claims) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const set = byTeam.get(claims.team) ?? new Set();
      byTeam.set(claims.team, set);
      set.add(ws);
      // The token expires; the socket does not outlive it.
      const expiry = setTimeout(() => ws.close(4001, 'token expired'), claims.exp * 1000 - Date.now());
      ws.on('close', () => {
        clearTimeout(expiry);
        set.delete(ws);
      });
      ws.on('message', () => ws.close(1008, 'this stream is one-way'));
    });
  });

  let head = 0;
  const unlisten = await db.listen(changesChannel, (team) => {
    head += 1;
    const notice: ChangesNotice = { type: 'changed', cursor: head };
    for (const ws of byTeam.get(team) ?? []) ws.send(JSON.stringify(notice));
  });
  const keepAlive = setInterval(() => {
    for (const set of byTeam.values()) for (const ws of set) ws.ping();
  }, 25_000);
  return async () => {
    clearInterval(keepAlive);
    await unlisten();
    for (const ws of wss.clients) ws.terminate();
    wss.close();
  };
}
