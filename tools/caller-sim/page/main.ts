import {
  Invitation,
  Inviter,
  Registerer,
  RegistererState,
  SessionState,
  SIPExtension,
  UserAgent,
  type Referral,
  type Session,
} from 'sip.js';
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
let registerer: Registerer | null = null;
let current: Session | null = null;
/** DTMF digits received by SIP INFO (application/dtmf-relay), in order. */
const dtmf: string[] = [];
let answerIncoming = false;
let domain = '';
const stateEl = document.getElementById('state')!;
const remote = document.getElementById('remote') as HTMLAudioElement;

function show(s: string) {
  stateEl.textContent = s;
}

/** Every session this phone has: play what it receives, log INFO DTMF, follow a REFER. */
function track(session: Session): void {
  current = session;
  session.delegate = {
    onInfo: (info) => {
      const m = /Signal=\s*([0-9A-D*#])/.exec(info.request.body ?? '');
      if (m?.[1]) dtmf.push(m[1]);
      void info.accept();
    },
    // Blind transfer: the agent asks us to call the third party; we do, and that is our call now.
    onRefer: (referral: Referral) => {
      void referral.accept().then(() => {
        const next = referral.makeInviter({
          sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
        });
        track(next);
        void next.invite();
      });
    },
  };
  session.stateChange.addListener((s) => {
    if (current === session) show(s);
    if (s === SessionState.Established) {
      const sdh = session.sessionDescriptionHandler as SessionDescriptionHandler;
      remote.srcObject = sdh.remoteMediaStream;
    }
    if (s === SessionState.Terminated && current === session) current = null;
  });
}

async function register(o: RegisterOptions & { answer?: boolean }): Promise<void> {
  domain = o.domain;
  answerIncoming = o.answer ?? false;
  ua = new UserAgent({
    uri: UserAgent.makeURI(`sip:${o.authUser}@${o.domain}`),
    authorizationUsername: o.authUser,
    contactName: o.authUser,
    sipExtensionReplaces: SIPExtension.Supported,
    authorizationPassword: o.password,
    transportOptions: { server: o.wsUrl },
    logLevel: 'error',
    sessionDescriptionHandlerFactoryOptions: {
      peerConnectionConfiguration: { iceServers: [] },
      iceGatheringTimeout: 200,
    },
    delegate: {
      // A third party (transfer target, outbound-call destination) answers at once.
      onInvite: (invitation: Invitation) => {
        // An INVITE with Replaces (attended transfer) takes over the call it names.
        const replacing = current !== null && invitation.replacee === current;
        if (!answerIncoming || (current && !replacing)) {
          void invitation.reject({ statusCode: 486 });
          return;
        }
        track(invitation);
        void invitation.accept({
          sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
        });
      },
    },
  });
  await ua.start();
  const reg = new Registerer(ua);
  registerer = reg;
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
  track(inviter);
  void inviter.invite().catch((e: unknown) => show(`failed: ${String(e)}`));
  return inviter.request.callId;
}

async function hangup(): Promise<void> {
  const c = current;
  if (!c) return;
  if (c.state === SessionState.Established) await c.bye();
  else if (
    c instanceof Inviter &&
    (c.state === SessionState.Establishing || c.state === SessionState.Initial)
  )
    await c.cancel();
  else if (c instanceof Invitation && c.state === SessionState.Initial) await c.reject();
}

/**
 * After the proxy restarted: connect again, register again, and refresh the call's target with a
 * re-INVITE (as a phone does), so in-dialog requests reach this phone on its new connection.
 */
async function reconnect(): Promise<void> {
  if (!ua || !registerer) throw new Error('not registered');
  if (!ua.isConnected()) await ua.reconnect();
  await registerer.register();
  if (current?.state === SessionState.Established) await current.invite();
}

function state(): string {
  return current?.state ?? 'idle';
}

function received(): string {
  return dtmf.join('');
}

Object.assign(window, { callerSim: { register, reconnect, call, hangup, state, received } });
