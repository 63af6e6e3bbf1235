import { z } from 'zod';
import { IceTransportPolicy, IceUrl, maxIceServers } from './ice-servers';

export const supportedLocales = ['zh-Hant', 'zh-Hans', 'en'] as const;
export const Locale = z.enum(supportedLocales);
export type Locale = z.infer<typeof Locale>;

/** ISO 3166 region used to read national numbers (e.g. 02-2345-6789 in TW). */
export const Region = z.string().regex(/^[A-Z]{2}$/, 'expected a two-letter region such as TW');

export const SipAccount = z.object({
  /** The SIP-over-WebSocket server, e.g. wss://sip.example.com:8443 */
  wsUrl: z.url({ protocol: /^wss?$/ }).max(500),
  /** e.g. sip:1001@example.com */
  sipUri: z
    .string()
    .max(300)
    .regex(/^sips?:[^@\s]+@[^@\s]+$/, 'expected a SIP URI such as sip:1001@example.com'),
  authUser: z.string().min(1).max(128),
  displayName: z.string().max(128),
});
export type SipAccount = z.infer<typeof SipAccount>;

/** A remembered device: ids change between sessions and machines, labels mostly do not. */
export const DeviceChoice = z.object({ id: z.string().max(300), label: z.string().max(300) }).nullable();
export type DeviceChoice = z.infer<typeof DeviceChoice>;

export const AudioSettings = z.object({
  microphone: DeviceChoice,
  /** The headset: where the caller's voice plays. */
  output: DeviceChoice,
  /** Where the ringtone plays (speakers, so it is heard with the headset off) … */
  ringer: DeviceChoice,
  /** … and also in the headset when true. */
  ringBoth: z.boolean(),
});
export type AudioSettings = z.infer<typeof AudioSettings>;

const settingsShape = {
  /** The central server (https://…); null = this seat works alone. */
  serverUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable(),
  locale: z.union([z.literal('auto'), Locale]),
  /** DTMF in the media (RFC 4733, the default) or as SIP INFO for systems that need it. */
  dtmfMode: z.enum(['rfc4733', 'info']),
  defaultRegion: Region,
  agentName: z.string().max(128),
  sip: SipAccount.nullable(),
  audio: AudioSettings,
  /** Seconds of after-call work before the agent is Ready again by itself (0 = none). */
  acwSeconds: z.number().int().min(0).max(600),
  /** Queue addresses this agent takes calls for while Ready (sip:queue-north@…; ADR 0004). */
  queues: z
    .array(
      z
        .string()
        .max(300)
        .regex(
          /^sips?:queue-[\w-]+@[^@\s]+$/,
          'expected a queue address such as sip:queue-north@example.com',
        ),
    )
    .max(8),
  /**
   * STUN servers this seat adds to the ones the central server hands out (TURN, with its
   * short-lived credentials, comes from the server only). Empty on loopback benches and tests.
   */
  iceServers: z.array(IceUrl).max(maxIceServers),
  /** `relay`: media only through TURN (strict firewalls); needs a relay from the central server. */
  iceTransportPolicy: IceTransportPolicy,
};

/**
 * The settings file. Fields added after the first release have defaults, so an older file
 * still loads (its missing fields take them).
 */
export const Settings = z.object({
  ...settingsShape,
  serverUrl: settingsShape.serverUrl.default(null),
  dtmfMode: settingsShape.dtmfMode.default('rfc4733'),
  audio: settingsShape.audio.default({ microphone: null, output: null, ringer: null, ringBoth: false }),
  acwSeconds: settingsShape.acwSeconds.default(30),
  queues: settingsShape.queues.default([]),
  iceTransportPolicy: settingsShape.iceTransportPolicy.default('all'),
});
/**
 * A change to some settings: only the fields given, and no defaults — a default here would
 * silently reset every field the caller did not mention.
 */
export const SettingsPatch = z.object(settingsShape).partial().strict();
export type Settings = z.infer<typeof Settings>;

export const defaultSettings: Settings = {
  serverUrl: null,
  locale: 'auto',
  dtmfMode: 'rfc4733',
  acwSeconds: 30,
  queues: [],
  audio: { microphone: null, output: null, ringer: null, ringBoth: false },
  defaultRegion: 'TW',
  agentName: '',
  sip: null,
  iceServers: [],
  iceTransportPolicy: 'all',
};
