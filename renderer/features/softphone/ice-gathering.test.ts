import type { SessionDescriptionHandler, SessionDescriptionHandlerFactory } from 'sip.js';
import { describe, expect, it, vi } from 'vitest';
import {
  gatheringTimeoutMs,
  hasTurn,
  hostGatheringMs,
  relayAwareFactory,
  relayGatheringMs,
} from './ice-gathering';

const turn: RTCConfiguration = {
  iceServers: [
    { urls: ['stun:s.example.com'] },
    { urls: ['turn:t.example.com'], username: 'u', credential: 'c' },
  ],
};
const stunOnly: RTCConfiguration = { iceServers: [{ urls: 'stun:s.example.com' }] };

/** A stand-in for SIP.js's handler: a peer connection that emits candidates, and the spy. */
function fakeBase() {
  const pc = new EventTarget();
  const complete = vi.fn();
  const base: SessionDescriptionHandlerFactory = () =>
    ({ peerConnection: pc, iceGatheringComplete: complete }) as unknown as SessionDescriptionHandler;
  const emit = (type: string | null) =>
    pc.dispatchEvent(Object.assign(new Event('icecandidate'), { candidate: type ? { type } : null }));
  return { base, emit, complete };
}

describe('ICE gathering', () => {
  it('waits 200 ms without TURN, longer with it', () => {
    expect(hasTurn(turn)).toBe(true);
    expect(hasTurn(stunOnly)).toBe(false);
    expect(gatheringTimeoutMs(stunOnly)).toBe(hostGatheringMs);
    expect(gatheringTimeoutMs(turn)).toBe(relayGatheringMs);
    expect(gatheringTimeoutMs({ iceServers: [{ urls: 'turns:t.example.com:5349' }] })).toBe(relayGatheringMs);
  });

  it('with TURN, gathering is complete at the first relay candidate (not at host or srflx ones)', () => {
    const f = fakeBase();
    relayAwareFactory(() => turn, f.base)({} as never, {});
    f.emit('host');
    f.emit('srflx');
    expect(f.complete).not.toHaveBeenCalled();
    f.emit('relay');
    expect(f.complete).toHaveBeenCalledTimes(1);
  });

  it('without TURN it leaves gathering to the cap', () => {
    const f = fakeBase();
    relayAwareFactory(() => stunOnly, f.base)({} as never, {});
    f.emit('relay');
    f.emit(null);
    expect(f.complete).not.toHaveBeenCalled();
  });
});
