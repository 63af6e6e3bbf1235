import { RequestPendingError, type Session } from 'sip.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sendReInvite } from './re-invite';

type Delegate = {
  onAccept?: () => void;
  onReject?: (r: { message: { statusCode: number } }) => void;
};

/** A session whose re-INVITEs get the scripted answers, in order. */
function fakeSession(answers: Array<number | 'pending'>) {
  let sent = 0;
  const session = {
    invite: (opts: { requestDelegate: Delegate }) => {
      sent++;
      const a = answers.shift();
      if (a === 'pending') return Promise.reject(new RequestPendingError('in flight'));
      queueMicrotask(() => {
        if (a === 200) opts.requestDelegate.onAccept?.();
        else opts.requestDelegate.onReject?.({ message: { statusCode: a ?? 500 } });
      });
      return Promise.resolve({});
    },
  };
  return { session: session as unknown as Session, sent: () => sent };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const call = { ownsCallId: true, stillOurs: () => true };

describe('sendReInvite', () => {
  it('retries a 491 after the RFC 3261 wait (2.1–4 s for the Call-ID owner), then is accepted', async () => {
    const s = fakeSession([491, 200]);
    const verdict = sendReInvite(s.session, {}, call);
    await vi.advanceTimersByTimeAsync(2000);
    expect(s.sent()).toBe(1);
    await vi.advanceTimersByTimeAsync(2100);
    await expect(verdict).resolves.toBe('accepted');
    expect(s.sent()).toBe(2);
  });

  it('gives up after three glare retries, and on any other refusal at once', async () => {
    const glare = fakeSession([491, 491, 491, 491]);
    const verdict = sendReInvite(glare.session, {}, call);
    await vi.advanceTimersByTimeAsync(20_000);
    await expect(verdict).resolves.toBe('rejected');
    expect(glare.sent()).toBe(4);
    const refused = fakeSession([488]);
    await expect(sendReInvite(refused.session, {}, call)).resolves.toBe('rejected');
    expect(refused.sent()).toBe(1);
  });

  it('does not retry for a call that is gone, and says so when another re-INVITE is in flight', async () => {
    const s = fakeSession([491]);
    await expect(sendReInvite(s.session, {}, { ownsCallId: false, stillOurs: () => false })).resolves.toBe(
      'rejected',
    );
    await expect(sendReInvite(fakeSession(['pending']).session, {}, call)).resolves.toBe('pending');
  });
});
