import { TokenPair } from '../../shared';

export interface HttpAnswer {
  status: number;
  body: unknown;
}

export async function http(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; json?: unknown; raw?: string; contentType?: string } = {},
): Promise<HttpAnswer> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const body = opts.raw ?? (opts.json === undefined ? undefined : JSON.stringify(opts.json));
  if (body !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, body: parsed };
}

export async function login(
  base: string,
  username: string,
  password: string,
  seat = 'seat-test',
): Promise<TokenPair> {
  const res = await http(base, 'POST', '/v1/auth/login', { json: { username, password, seat } });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return TokenPair.parse(res.body);
}
