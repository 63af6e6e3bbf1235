import { z } from 'zod';
import { AgentStateChange } from '../domain/agent-state';
import { CallCategory } from '../domain/call-category';
import { CallLogCursor, CallLogEntry, callLogPageMax, CallRecord } from '../domain/call-log';
import { IceServer, IceTransportPolicy, maxIceServers } from '../domain/ice-servers';
import { ScreenPop } from '../domain/screen-pop';
import { GuidedScript } from '../domain/script-template';
import { Locale, Settings, SettingsPatch } from '../domain/settings';
import { SyncStatus } from '../domain/sync';
import { OutboxRecord, WrapUp, WrapUpDraft } from '../domain/wrap-up';
import { TeamDispositionCode } from '../domain/wrap-up-details';
import { SessionUser, Username } from '../server-api/auth';
import { Uuid } from './common';

/**
 * The one host API: every service the renderer may reach, named `domain:verb`,
 * with a schema for what goes in and what comes out. The preload (Electron),
 * the main-process IPC handlers, the browser-mode WebSocket bridge and the
 * renderer's clients are all derived from this table.
 */
/** Scripts and codes a team keeps (far fewer in practice). */
const hostListMax = 1000;

export const hostApi = {
  'app:info': {
    input: z.object({}).strict(),
    output: z.object({
      version: z.string(),
      mode: z.enum(['electron', 'browser']),
      /** The OS / browser locale resolved to one we support. */
      systemLocale: Locale,
      /** false where the password can only be held for this session (no OS keystore). */
      canPersistSecrets: z.boolean(),
    }),
  },
  'settings:get': {
    input: z.object({}).strict(),
    output: Settings,
  },
  'settings:update': {
    input: SettingsPatch,
    output: Settings,
  },
  'credentials:getSipPassword': {
    input: z.object({}).strict(),
    output: z.object({ password: z.string().max(256).nullable() }),
  },
  'credentials:setSipPassword': {
    input: z.object({ password: z.string().min(1).max(256) }).strict(),
    output: z.object({ persisted: z.boolean() }),
  },
  'cache:screenPop': {
    /** The raw caller number as the SIP layer saw it (From / P-Asserted-Identity user part). */
    input: z.object({ number: z.string().max(256) }).strict(),
    output: ScreenPop,
  },
  'scripts:forCall': {
    /** The script that opens with a call, from the seat's cache (works with no server). */
    input: z
      .object({
        queue: z.string().min(1).max(64).nullable().optional(),
        /** Often unknown at ring time: rules that name a category then do not match. */
        category: CallCategory.nullable().optional(),
        vip: z.boolean(),
      })
      .strict(),
    /** null: no rule matches (the agent can still pick one from scripts:list). */
    output: GuidedScript.nullable(),
  },
  'scripts:list': {
    /** The team's scripts, current version of each, for the agent to pick another. */
    input: z.object({}).strict(),
    output: z.array(GuidedScript).max(hostListMax),
  },
  'dispositions:list': {
    /** The team's codes in three languages; retired ones too (active false), for old records. */
    input: z.object({}).strict(),
    output: z.array(TeamDispositionCode).max(hostListMax),
  },
  'wrapup:saveDraft': {
    input: WrapUpDraft.strict(),
    output: z.object({ savedAt: z.string() }),
  },
  'wrapup:listDrafts': {
    input: z.object({}).strict(),
    output: z.array(WrapUpDraft),
  },
  'wrapup:discardDraft': {
    input: z.object({ callId: Uuid }).strict(),
    output: z.object({ discarded: z.boolean() }),
  },
  'wrapup:submit': {
    input: WrapUp.strict(),
    /** `duplicate` when this id was filed before (a retried submit never files twice). */
    output: z.object({ interactionId: z.string(), duplicate: z.boolean() }),
  },
  'outbox:list': {
    input: z.object({ limit: z.number().int().min(1).max(500) }).strict(),
    output: z.array(OutboxRecord),
  },
  'outbox:resend': {
    /** A rejected record, corrected by the agent: back to pending with the new payload. */
    input: z.object({ id: Uuid, payload: WrapUp }).strict(),
    output: OutboxRecord,
  },
  'sync:status': {
    input: z.object({}).strict(),
    output: SyncStatus,
  },
  'server:login': {
    /** Signs this seat in to the central server in settings.serverUrl. */
    input: z.object({ username: Username, password: z.string().min(1).max(256) }).strict(),
    output: z.object({ user: SessionUser }),
  },
  'agent:publishState': {
    /** Every change of the agent's state; the host publishes it to the central server in the background. */
    input: AgentStateChange,
    /** false when no central server is configured (nothing to publish to). */
    output: z.object({ queued: z.boolean() }),
  },
  'calls:record': {
    /** One ended call, sent fire-and-forget by the softphone; a repeated call id is stored once. */
    input: CallRecord,
    /** false when this call id was recorded before. */
    output: z.object({ recorded: z.boolean() }),
  },
  'calls:recent': {
    /** The latest calls, newest first; `before` pages on (keyset: the last row of the page before). */
    input: z
      .object({ limit: z.number().int().min(1).max(callLogPageMax), before: CallLogCursor.optional() })
      .strict(),
    output: z.array(CallLogEntry).max(callLogPageMax),
  },
  'media:iceServers': {
    /** What the softphone's peer connections use: settings' STUN plus the server-issued relays. */
    input: z.object({}).strict(),
    output: z.object({
      iceServers: z.array(IceServer).max(maxIceServers * 2),
      iceTransportPolicy: IceTransportPolicy,
    }),
  },
  'server:logout': {
    input: z.object({}).strict(),
    output: z.object({ signedOut: z.boolean() }),
  },
} as const;

export type HostApi = typeof hostApi;
export type HostMethod = keyof HostApi;
export const hostMethods = Object.keys(hostApi) as HostMethod[];

export type HostInput<M extends HostMethod> = z.input<HostApi[M]['input']>;
export type HostOutput<M extends HostMethod> = z.output<HostApi[M]['output']>;

/** What the host implements: one async handler per method, already-validated input. */
export type HostHandlers = {
  [M in HostMethod]: (input: z.output<HostApi[M]['input']>) => Promise<HostOutput<M>> | HostOutput<M>;
};

/** What the renderer calls: one typed function per method. */
export type HostClient = {
  [M in HostMethod]: (input: HostInput<M>) => Promise<HostOutput<M>>;
};

export function isHostMethod(name: unknown): name is HostMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(hostApi, name);
}
