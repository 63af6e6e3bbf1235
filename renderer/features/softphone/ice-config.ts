import type { HostOutput } from '../../../shared';

/** What every peer connection of the softphone and the self-test uses (host `media:iceServers`). */
export type IceConfig = HostOutput<'media:iceServers'>;

export const noIce: IceConfig = { iceServers: [], iceTransportPolicy: 'all' };

/** The URLs alone (the self-test's verdict: TURN configured means a relay candidate is required). */
export const iceUrls = (ice: IceConfig): string[] => ice.iceServers.flatMap((s) => s.urls);
