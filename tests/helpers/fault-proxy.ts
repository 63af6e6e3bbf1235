import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the proxy misbehaves: each mode is a way a real server or network fails. */
export type FaultMode = 'pass' | 'status-500' | 'hang' | 'not-json' | 'bad-schema' | 'out-of-order';

/**
 * A real HTTP proxy between the desktop and the central server that can break on demand.
 * Faults apply to the changes feed, the initial-sync snapshot and the outbox; sign-in always
 * passes, so each test reaches the part it means to break. On the snapshot (text), `not-json`
 * cuts the body in half, `bad-schema` corrupts a phone number and `out-of-order` swaps the
 * first two sections.
 */
export async function startFaultProxy(target: string): Promise<{
  url: string;
  mode: FaultMode;
  hits: Map<string, number>;
  close(): Promise<void>;
}> {
  const state = { mode: 'pass' as FaultMode, hits: new Map<string, number>() };
  const upstream = new URL(target);
  const hung = new Set<ServerResponse>();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    state.hits.set(path, (state.hits.get(path) ?? 0) + 1);
    const faulty = path === '/v1/changes' || path === '/v1/outbox' || path === snapshotPath;
    const mode = faulty ? state.mode : 'pass';
    if (mode === 'status-500') {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"internal","message":"injected failure"}}');
      req.resume();
      return;
    }
    if (mode === 'hang') {
      hung.add(res);
      req.resume();
      return;
    }
    const fwd = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (up) => {
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          let body = Buffer.concat(chunks).toString('utf8');
          if (mode === 'not-json') body = body.slice(0, Math.floor(body.length / 2));
          if (mode === 'bad-schema' && path === '/v1/changes') body = body.replace(/"\+[0-9]+"/, '"call me"');
          if (mode === 'bad-schema' && path === '/v1/outbox')
            body = '{"results":[{"id":"nope","status":"ok"}]}';
          if (mode === 'out-of-order' && path === '/v1/changes') body = reverseChanges(body);
          if (mode === 'bad-schema' && path === snapshotPath) body = body.replace(/\t\+[0-9]+/, '\tcall me');
          if (mode === 'out-of-order' && path === snapshotPath) body = swapFirstSections(body);
          const headers = { ...up.headers };
          delete headers['content-length'];
          res.writeHead(up.statusCode ?? 502, headers);
          res.end(body);
        });
      },
    );
    fwd.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(fwd);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get mode() {
      return state.mode;
    },
    set mode(m: FaultMode) {
      state.mode = m;
      for (const r of hung) r.destroy();
      hung.clear();
    },
    hits: state.hits,
    async close() {
      for (const r of hung) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

const snapshotPath = '/v1/sync/snapshot';

/** The customer and interaction sections of a snapshot body, in the wrong order. */
function swapFirstSections(body: string): string {
  const a = body.indexOf('\\#begin customer\n');
  const b = body.indexOf('\\#begin interaction\n');
  const c = body.indexOf('\\#begin complaint\n');
  if (a < 0 || b < a || c < b) return body;
  return body.slice(0, a) + body.slice(b, c) + body.slice(a, b) + body.slice(c);
}

function reverseChanges(body: string): string {
  try {
    const page = JSON.parse(body) as { changes: unknown[] };
    page.changes.reverse();
    return JSON.stringify(page);
  } catch {
    return body;
  }
}
