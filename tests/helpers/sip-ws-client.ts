import { createHash, randomBytes } from 'node:crypto';
import WebSocket from 'ws';

/** One SIP message as a raw client sees it: the first line, headers (lower-case names), body. */
export interface SipMessage {
  firstLine: string;
  status: number | null;
  method: string | null;
  headers: Map<string, string[]>;
  raw: string;
}

export function parseSip(raw: string): SipMessage {
  const [head = ''] = raw.split('\r\n\r\n');
  const [firstLine = '', ...lines] = head.split('\r\n');
  const headers = new Map<string, string[]>();
  for (const l of lines) {
    const i = l.indexOf(':');
    if (i < 0) continue;
    const name = l.slice(0, i).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), l.slice(i + 1).trim()]);
  }
  const st = /^SIP\/2\.0 (\d{3})/.exec(firstLine);
  return {
    firstLine,
    status: st ? Number(st[1]) : null,
    method: st ? null : (firstLine.split(' ')[0] ?? null),
    headers,
    raw,
  };
}

export const header = (m: SipMessage, name: string) => m.headers.get(name.toLowerCase())?.[0];

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const token = () => randomBytes(6).toString('hex');

/**
 * A raw SIP-over-WebSocket client for tests: sends hand-written requests, answers digest
 * challenges, and records every request that reaches it (answering INVITE 180, others 200).
 */
export class SipWsClient {
  readonly received: SipMessage[] = [];
  private readonly waiting = new Map<string, (m: SipMessage) => void>();
  private readonly host = `${token()}.invalid`;

  private constructor(
    private readonly ws: WebSocket,
    readonly domain: string,
  ) {
    ws.on('message', (data: Buffer) => {
      const m = parseSip(data.toString());
      if (m.status !== null) {
        const branch = /branch=([^;,\s]+)/.exec(header(m, 'via') ?? '')?.[1] ?? '';
        this.waiting.get(branch)?.(m);
        return;
      }
      this.received.push(m);
      if (m.method !== 'ACK') this.reply(m, m.method === 'INVITE' ? 180 : 200);
    });
  }

  static async connect(url: string, domain: string, localAddress?: string): Promise<SipWsClient> {
    const ws = new WebSocket(url, 'sip', {
      rejectUnauthorized: false,
      ...(localAddress ? { localAddress } : {}),
    });
    await new Promise<void>((ok, fail) => {
      ws.once('open', () => ok());
      ws.once('error', fail);
    });
    return new SipWsClient(ws, domain);
  }

  private reply(req: SipMessage, status: number): void {
    const copy = ['via', 'from', 'call-id', 'cseq'].flatMap((h) =>
      (req.headers.get(h) ?? []).map(
        (v) => `${h === 'call-id' ? 'Call-ID' : h[0]!.toUpperCase() + h.slice(1)}: ${v}`,
      ),
    );
    const to = header(req, 'to') ?? '';
    const lines = [
      `SIP/2.0 ${status} ${status === 180 ? 'Ringing' : 'OK'}`,
      ...copy,
      `To: ${/;tag=/.test(to) ? to : `${to};tag=${token()}`}`,
      `Contact: <sip:callee@${this.host};transport=ws>`,
      'Content-Length: 0',
    ];
    this.ws.send(`${lines.join('\r\n')}\r\n\r\n`);
  }

  /**
   * Sends a request (first line and headers; Via, CSeq and Content-Length are added) and resolves
   * with its final response, or with the 1xx for an INVITE; answers one digest challenge.
   */
  async request(
    method: string,
    ruri: string,
    headers: string[],
    auth?: { user: string; password: string },
    cseq = 1,
    authHeader?: string,
  ): Promise<SipMessage> {
    const branch = `z9hG4bK${token()}`;
    const lines = [
      `${method} ${ruri} SIP/2.0`,
      `Via: SIP/2.0/WS ${this.host};branch=${branch}`,
      'Max-Forwards: 70',
      ...headers,
      `CSeq: ${cseq} ${method}`,
      ...(authHeader ? [authHeader] : []),
      'Content-Length: 0',
    ];
    const res = await new Promise<SipMessage>((ok, fail) => {
      const timer = setTimeout(() => {
        this.waiting.delete(branch);
        fail(new Error(`${method}: no answer`));
      }, 5000);
      this.waiting.set(branch, (m) => {
        if (m.status === 100) return;
        if (m.status! < 200 && method !== 'INVITE') return;
        clearTimeout(timer);
        this.waiting.delete(branch);
        ok(m);
      });
      this.ws.send(`${lines.join('\r\n')}\r\n\r\n`);
    });
    const challenge = header(res, 'proxy-authenticate') ?? header(res, 'www-authenticate');
    if ((res.status === 401 || res.status === 407) && auth && !authHeader && challenge) {
      const realm = /realm="([^"]*)"/.exec(challenge)?.[1] ?? '';
      const nonce = /nonce="([^"]*)"/.exec(challenge)?.[1] ?? '';
      const ha1 = md5(`${auth.user}:${realm}:${auth.password}`);
      const resp = md5(`${ha1}:${nonce}:${md5(`${method}:${ruri}`)}`);
      const name = res.status === 401 ? 'Authorization' : 'Proxy-Authorization';
      const value = `Digest username="${auth.user}", realm="${realm}", nonce="${nonce}", uri="${ruri}", response="${resp}", algorithm=MD5`;
      return this.request(method, ruri, headers, auth, cseq + 1, `${name}: ${value}`);
    }
    return res;
  }

  register(user: string, password: string): Promise<SipMessage> {
    return this.request(
      'REGISTER',
      `sip:${this.domain}`,
      [
        `From: <sip:${user}@${this.domain}>;tag=${token()}`,
        `To: <sip:${user}@${this.domain}>`,
        `Call-ID: ${token()}`,
        `Contact: <sip:${user}@${this.host};transport=ws>;expires=600`,
      ],
      { user, password },
    );
  }

  close(): void {
    this.ws.close();
  }
}

export const newTag = token;
