import type { SessionDescriptionHandlerFactory } from 'sip.js';
import { defaultSessionDescriptionHandlerFactory } from 'sip.js/lib/platform/web';

/**
 * How long answering or calling may wait for ICE candidates (SIP.js sends no trickle ICE: the SDP
 * carries what was gathered by then). Without TURN, host candidates are there at once and
 * 200 ms is plenty. With TURN, the relay candidate needs an Allocate round trip or two to a
 * server that may be far away: the wait ends as soon as the first relay candidate is in
 * (relayAwareFactory), and this longer cap applies only when the relay does not answer.
 */
export const hostGatheringMs = 200;
export const relayGatheringMs = 3000;

export const hasTurn = (config: RTCConfiguration): boolean =>
  (config.iceServers ?? []).some((s) =>
    (Array.isArray(s.urls) ? s.urls : [s.urls]).some((u) => /^turns?:/.test(u)),
  );

export const gatheringTimeoutMs = (config: RTCConfiguration): number =>
  hasTurn(config) ? relayGatheringMs : hostGatheringMs;

/** The part of SIP.js's web SessionDescriptionHandler used here. */
interface Gathering {
  peerConnection: Pick<RTCPeerConnection, 'addEventListener'> | undefined;
  iceGatheringComplete(): void;
}

/**
 * SIP.js's own factory, plus one strategy of ours: with TURN configured, gathering is complete
 * when the first relay candidate arrives (SIP.js documents `iceGatheringComplete` for this).
 */
export function relayAwareFactory(
  config: () => RTCConfiguration,
  base: SessionDescriptionHandlerFactory = defaultSessionDescriptionHandlerFactory(),
): SessionDescriptionHandlerFactory {
  return (session, options) => {
    const sdh = base(session, options);
    if (hasTurn(config())) {
      const g = sdh as unknown as Gathering;
      g.peerConnection?.addEventListener('icecandidate', (e) => {
        if (e.candidate?.type === 'relay') g.iceGatheringComplete();
      });
    }
    return sdh;
  };
}
