import { RequestPendingError, type Session } from 'sip.js';
import type { SessionDescriptionHandlerOptions } from 'sip.js/lib/platform/web';
import { glareRetryMs } from './dial-string';

/** How a re-INVITE ended: accepted (2xx), refused (another final answer), or not sent (one in flight). */
export type ReInviteVerdict = 'accepted' | 'rejected' | 'pending';

/**
 * Sends a re-INVITE (hold, resume, target refresh, ICE restart) on an established session and
 * settles with the far end's verdict. A 491 — both sides re-INVITEd at once — is retried up to three
 * times after RFC 3261 §14.1's waits (2.1–4 s for the Call-ID's owner, 0–2 s for the other side).
 */
export function sendReInvite(
  session: Session,
  options: SessionDescriptionHandlerOptions,
  call: { ownsCallId: boolean; stillOurs: () => boolean },
): Promise<ReInviteVerdict> {
  return new Promise<ReInviteVerdict>((settle) => {
    const attempt = (tries: number): void => {
      session
        .invite({
          sessionDescriptionHandlerOptions: options,
          requestDelegate: {
            onAccept: () => settle('accepted'),
            onReject: (response) => {
              if (response.message.statusCode === 491 && tries < 3 && call.stillOurs())
                setTimeout(() => attempt(tries + 1), glareRetryMs(call.ownsCallId));
              else settle('rejected');
            },
          },
        })
        .catch((e: unknown) => settle(e instanceof RequestPendingError ? 'pending' : 'rejected'));
    };
    attempt(0);
  });
}
