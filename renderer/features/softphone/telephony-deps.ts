import type { HostClient, WrapUpDraft } from '../../../shared';
import type { AppStore } from '../../store/app-store';
import type { CallRecorder } from '../call-history';
import type { PopLoader } from '../screen-pop';
import type { WrapUpController } from '../wrap-up';
import type { CallLegs } from './call-legs';
import type { NewCall } from './call-snapshot';
import type { IceConfig } from './ice-config';
import type { SipPhoneDelegate, SipPhoneOptions } from './sip-phone';

/** What Telephony needs of the phone (SipPhone; a fake in unit tests). */
export interface PhoneLike {
  start(opts: SipPhoneOptions): Promise<void>;
  stop(): Promise<void>;
  setIce(ice: IceConfig): void;
  setOffered(offered: boolean, queues: readonly string[]): Promise<void>;
  ping(timeoutMs?: number): Promise<number>;
  reconnectNow(): void;
  legs: Pick<
    CallLegs,
    | 'answer'
    | 'reject'
    | 'hangup'
    | 'dial'
    | 'setHeld'
    | 'setFocus'
    | 'setMuted'
    | 'sendDtmf'
    | 'transfer'
    | 'completeTransfer'
    | 'replaceMicrophone'
    | 'peerConnection'
  >;
}

export interface TelephonyDeps {
  store: AppStore;
  host: Pick<HostClient, 'credentials:getSipPassword' | 'media:iceServers'>;
  createPhone(delegate: SipPhoneDelegate): PhoneLike;
  pops: PopLoader;
  wrapUps: WrapUpController;
  history: CallRecorder;
  agentStatus: { callStarted(): void; callEnded(): void };
  quality: { start(callId: string): void; stop(): WrapUpDraft['quality']; running(): string | null };
  devices: {
    start(): Promise<void>;
    refresh(): Promise<unknown>;
    micConstraints(): MediaTrackConstraints | true;
    outputId(): string;
    onOutputChanged: (deviceId: string) => void;
  };
  ringtone: { warmUp(): void; start(): void; stop(): void; waitingBeep(sinkId: string): void };
  notify?: (call: NewCall) => void;
}
