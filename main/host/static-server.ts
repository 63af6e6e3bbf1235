import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { contentSecurityPolicy } from '../../shared';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

/** Headers on every response: the one CSP plus the usual hardening. */
export const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'microphone=(self), camera=(), geolocation=(), hid=(self)',
  'Cache-Control': 'no-store',
};

/** Serves the built renderer from `root`; nothing outside it, GET/HEAD only. */
export function createStaticHandler(root: string) {
  const base = normalize(root + sep);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const send = (code: number, body: string | Buffer, type = 'text/plain; charset=utf-8') => {
      res.writeHead(code, { ...securityHeaders, 'Content-Type': type });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return send(400, 'bad path');
    }
    if (path.includes('\0') || path.split('/').includes('..')) return send(400, 'bad path');
    const file = normalize(join(base, path === '/' ? 'index.html' : path));
    if (!file.startsWith(base)) return send(400, 'bad path');
    try {
      if (!(await stat(file)).isFile()) return send(404, 'not found');
      send(200, await readFile(file), types[extname(file)] ?? 'application/octet-stream');
    } catch {
      send(404, 'not found');
    }
  };
}
