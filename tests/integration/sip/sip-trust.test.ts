import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerIdFrom, parseNameAddr } from '../../../shared/sip/caller-id';
import { startKamailio, type RunningKamailio } from '../../helpers/kamailio';
import { header, newTag, parseSip, SipWsClient, type SipMessage } from '../../helpers/sip-ws-client';

/**
 * The proxy's trust rules (deploy/kamailio, docs/deploy-sip.md), at the SIP level with raw clients:
 * identity only from gateways, every out-of-dialog request authenticated, in-dialog routing only
 * for dialogs this proxy record-routed.
 */
let k: RunningKamailio;
let callee: SipWsClient;
const clients: SipWsClient[] = [];
const victim = '+886912345678';

beforeAll(async () => {
  k = await startKamailio({ users: { '1001': 'pw-1001', '1002': 'pw-1002', gateway: 'gw-secret' } });
  callee = await SipWsClient.connect(k.wsUrl, k.domain);
  clients.push(callee);
  expect((await callee.register('1001', 'pw-1001')).status).toBe(200);
});
afterAll(async () => {
  for (const c of clients) c.close();
  await k?.stop();
});

async function client(): Promise<SipWsClient> {
  const c = await SipWsClient.connect(k.wsUrl, k.domain);
  clients.push(c);
  return c;
}

const settle = () => new Promise((r) => setTimeout(r, 300));

function invite(
  c: SipWsClient,
  fromUser: string,
  extra: string[],
  auth?: { user: string; password: string },
) {
  const callId = newTag();
  return {
    callId,
    res: c.request(
      'INVITE',
      `sip:1001@${k.domain}`,
      [
        `From: "Someone" <sip:${fromUser}@${k.domain}>;tag=${newTag()}`,
        `To: <sip:1001@${k.domain}>`,
        `Call-ID: ${callId}`,
        `Contact: <sip:${fromUser}@x.invalid;transport=ws>`,
        ...extra,
      ],
      auth,
    ),
  };
}

const arrived = (callId: string): SipMessage | undefined =>
  callee.received.find((m) => header(m, 'call-id') === callId);

/** The number the desktop pops for an INVITE (the softphone's own parser). */
const poppedNumber = (m: SipMessage) =>
  callerIdFrom(parseNameAddr(header(m, 'from') ?? ''), header(m, 'p-asserted-identity')).number;

describe('caller identity', () => {
  it("an agent account's forged P-Asserted-Identity is stripped: the callee pops the agent's own number", async () => {
    const c = await client();
    const { callId, res } = invite(
      c,
      '1002',
      [`P-Asserted-Identity: <sip:${victim}@${k.domain};user=phone>`],
      {
        user: '1002',
        password: 'pw-1002',
      },
    );
    expect((await res).status).toBe(180);
    const got = arrived(callId)!;
    expect(got).toBeDefined();
    expect(header(got, 'p-asserted-identity')).toBeUndefined();
    expect(poppedNumber(got)).toBe('1002');
  });

  it("an agent account cannot put someone else's number in From (403, nothing reaches the callee)", async () => {
    const c = await client();
    const { callId, res } = invite(c, victim, [], { user: '1002', password: 'pw-1002' });
    expect((await res).status).toBe(403);
    await settle();
    expect(arrived(callId)).toBeUndefined();
  });

  it("a gateway account's P-Asserted-Identity reaches the callee (the PSTN caller is popped)", async () => {
    const c = await client();
    const { callId, res } = invite(
      c,
      victim,
      [`P-Asserted-Identity: <sip:${victim}@${k.domain};user=phone>`],
      {
        user: 'gateway',
        password: 'gw-secret',
      },
    );
    expect((await res).status).toBe(180);
    expect(poppedNumber(arrived(callId)!)).toBe(victim);
  });
});

describe('out-of-dialog requests need credentials', () => {
  it.each(['MESSAGE', 'OPTIONS', 'SUBSCRIBE', 'NOTIFY', 'REFER', 'INFO'])(
    'an unauthenticated %s over WebSocket gets 407 and never reaches the agent',
    async (method) => {
      const c = await client();
      const callId = newTag();
      const res = await c.request(method, `sip:1001@${k.domain}`, [
        `From: <sip:stranger@${k.domain}>;tag=${newTag()}`,
        `To: <sip:1001@${k.domain}>`,
        `Call-ID: ${callId}`,
        ...(method === 'SUBSCRIBE' || method === 'NOTIFY' ? ['Event: presence'] : []),
        ...(method === 'REFER' ? [`Refer-To: <sip:9999@${k.domain}>`] : []),
      ]);
      expect(res.status).toBe(407);
      await settle();
      expect(arrived(callId)).toBeUndefined();
    },
  );

  it('an authenticated MESSAGE from an agent reaches the other agent; the keep-alive OPTIONS to the domain is answered 200', async () => {
    const c = await client();
    const callId = newTag();
    const res = await c.request(
      'MESSAGE',
      `sip:1001@${k.domain}`,
      [`From: <sip:1002@${k.domain}>;tag=${newTag()}`, `To: <sip:1001@${k.domain}>`, `Call-ID: ${callId}`],
      { user: '1002', password: 'pw-1002' },
    );
    expect(res.status).toBe(200);
    expect(arrived(callId)?.method).toBe('MESSAGE');
    const ping = await c.request('OPTIONS', `sip:${k.domain}`, [
      `From: <sip:1002@${k.domain}>;tag=${newTag()}`,
      `To: <sip:${k.domain}>`,
      `Call-ID: ${newTag()}`,
    ]);
    expect(ping.status).toBe(200);
  });
});

describe('no relay', () => {
  let target: Socket;
  let targetPort: number;
  const atTarget: string[] = [];
  beforeAll(async () => {
    target = createSocket('udp4');
    target.on('message', (m) => atTarget.push(m.toString()));
    await new Promise<void>((ok) => target.bind(0, '127.0.0.1', ok));
    targetPort = target.address().port;
  });
  afterAll(() => target.close());

  async function udpRequest(lines: string[]): Promise<SipMessage | null> {
    const s = createSocket('udp4');
    await new Promise<void>((ok) => s.bind(0, '127.0.0.1', ok));
    const port = s.address().port;
    const text =
      lines.join('\r\n').replaceAll('@@ME@@', `127.0.0.1:${port}`) + '\r\nContent-Length: 0\r\n\r\n';
    const reply = new Promise<SipMessage | null>((ok) => {
      const timer = setTimeout(() => ok(null), 2000);
      s.on('message', (m) => {
        const p = parseSip(m.toString());
        if (p.status && p.status >= 200) {
          clearTimeout(timer);
          ok(p);
        }
      });
    });
    s.send(text, k.sipUdpPort, '127.0.0.1');
    const r = await reply;
    s.close();
    return r;
  }

  const forged = (route: string) => [
    `MESSAGE sip:victim@127.0.0.1:${targetPort} SIP/2.0`,
    `Via: SIP/2.0/UDP @@ME@@;branch=z9hG4bK${newTag()};rport`,
    'Max-Forwards: 70',
    `Route: ${route}`,
    `From: <sip:stranger@${k.domain}>;tag=${newTag()}`,
    `To: <sip:victim@${k.domain}>;tag=${newTag()}`,
    `Call-ID: ${newTag()}`,
    'CSeq: 1 MESSAGE',
  ];

  it('a stranger’s in-dialog MESSAGE with a forged Route naming the proxy is refused; nothing reaches the target port', async () => {
    const before = atTarget.length;
    const r1 = await udpRequest(forged(`<sip:127.0.0.1:${k.sipUdpPort};lr>`));
    expect(r1?.status).toBe(403);
    const r2 = await udpRequest(forged(`<sip:127.0.0.1:${k.sipUdpPort};lr;ftag=abc;sig=${'A'.repeat(43)}>`));
    expect(r2?.status).toBe(403);
    const r3 = await udpRequest(forged(`<sip:127.0.0.1:${targetPort};lr>`));
    expect(r3?.status).toBe(403);
    await settle();
    expect(atTarget.length).toBe(before);
  });
});
