import { Inviter, Registerer, RegistererState, SessionState, UserAgent } from 'sip.js';
import type { SessionDescriptionHandler } from 'sip.js/lib/platform/web';

/**
 * A customer phone / PSTN gateway in a browser: authenticates as the gateway account but presents
 * each call with the customer's number in From and P-Asserted-Identity, as a trunk would.
 */
interface RegisterOptions {
  wsUrl: string;
  domain: string;
  authUser: string;
  password: string;
}
interface CallOptions {
  target: string;
  fromNumber: string;
  displayName: string;
  /** Overrides the From URI entirely, e.g. one with no user part. */
  fromUri?: string;
}

let ua: UserAgent | null = null;
let current: Inviter | null = null;
let domain = '';
const stateEl = document.getElementById('state')!;
const remote = document.getElementById('remote') as HTMLAudioElement;

function show(s: string) {
  stateEl.textContent = s;
}

async function register(o: RegisterOptions): Promise<void> {
  domain = o.domain;
  ua = new UserAgent({
    uri: UserAgent.makeURI(`sip:${o.authUser}@${o.domain}`),
    authorizationUsername: o.authUser,
    authorizationPassword: o.password,
    transportOptions: { server: o.wsUrl },
    logLevel: 'error',
    sessionDescriptionHandlerFactoryOptions: {
      peerConnectionConfiguration: { iceServers: [] },
      iceGatheringTimeout: 200,
    },
  });
  await ua.start();
  const reg = new Registerer(ua);
  await new Promise<void>((ok, fail) => {
    reg.stateChange.addListener((s) => s === RegistererState.Registered && ok());
    void reg.register({
      requestDelegate: { onReject: (r) => fail(new Error(`REGISTER ${r.message.statusCode}`)) },
    });
  });
  show('registered');
}

function call(o: CallOptions): string {
  if (!ua) throw new Error('not registered');
  const target = UserAgent.makeURI(o.target);
  if (!target) throw new Error('bad target');
  const fromUri = UserAgent.makeURI(o.fromUri ?? `sip:${encodeURIComponent(o.fromNumber)}@${domain}`);
  const pai = o.fromUri ? [] : [`P-Asserted-Identity: <sip:${o.fromNumber}@${domain};user=phone>`];
  const inviter = new Inviter(ua, target, {
    params: { fromUri, fromDisplayName: o.displayName },
    extraHeaders: pai,
    sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
  });
  current = inviter;
  inviter.stateChange.addListener((s) => {
    show(s);
    if (s === SessionState.Established) {
      const sdh = inviter.sessionDescriptionHandler as SessionDescriptionHandler;
      remote.srcObject = sdh.remoteMediaStream;
    }
    if (s === SessionState.Terminated && current === inviter) current = null;
  });
  void inviter.invite().catch((e: unknown) => show(`failed: ${String(e)}`));
  return inviter.request.callId;
}

async function hangup(): Promise<void> {
  const c = current;
  if (!c) return;
  if (c.state === SessionState.Established) await c.bye();
  else if (c.state === SessionState.Establishing || c.state === SessionState.Initial) await c.cancel();
}

function state(): string {
  return current?.state ?? 'idle';
}

Object.assign(window, { callerSim: { register, call, hangup, state } });
