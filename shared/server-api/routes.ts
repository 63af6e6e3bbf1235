import { z } from 'zod';
import { AgentStateUpdate } from '../domain/agent-state';
import { AgentStateAck, TeamAgentState, TeamParams } from './agent-state';
import { LoginRequest, LogoutRequest, LogoutResult, RefreshRequest, Role, TokenPair } from './auth';
import { ChangesPage, ChangesQuery, SyncEstimate } from './changes';
import { MediaRelays } from './media';
import { OutboxBatch, OutboxBatchResult } from './outbox';
import { SnapshotBody, SnapshotQuery, snapshotContentType } from './snapshot';
import {
  AuditEntry,
  AuditQuery,
  CustomerParams,
  CustomerRecord,
  DispositionCode,
  KnowledgeArticle,
  KnowledgeQuery,
  ScriptTemplate,
} from './reference';
import {
  DispositionCodeUpsert,
  ScriptPublishRequest,
  ScriptRestoreRequest,
  ScriptVersionInfo,
  TeamCodeParams,
  TeamParamsOnly,
  TeamScriptParams,
} from './scripts';
import { GuidedScript } from '../domain/script-template';
import { TeamDispositionCode } from '../domain/wrap-up-details';

const Empty = z.object({}).strict();

interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  summary: string;
  /** Roles allowed; null = no token needed. */
  roles: readonly z.infer<typeof Role>[] | null;
  query?: z.ZodType;
  params?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  /** The answer's media type when it is not JSON (a streamed body). */
  contentType?: string;
}

const anyone = ['agent', 'lead', 'admin'] as const;

/**
 * Every endpoint of the central server: the server validates requests and answers with
 * these schemas, the desktop validates the answers with them, and docs/openapi.json is
 * generated from this table (`npm run openapi`).
 */
export const serverRoutes = {
  'auth:login': {
    method: 'POST',
    path: '/v1/auth/login',
    summary: 'Password login; returns a short-lived access token and a refresh token',
    roles: null,
    body: LoginRequest,
    response: TokenPair,
  },
  'auth:refresh': {
    method: 'POST',
    path: '/v1/auth/refresh',
    summary:
      'Trade a refresh token for a new pair (the old refresh token stops working; presenting it again ends the whole session)',
    roles: null,
    body: RefreshRequest,
    response: TokenPair,
  },
  'auth:logout': {
    method: 'POST',
    path: '/v1/auth/logout',
    summary: 'Sign-out: ends the session of this refresh token (every token of it) on the server',
    roles: null,
    body: LogoutRequest,
    response: LogoutResult,
  },
  'sync:estimate': {
    method: 'GET',
    path: '/v1/sync/estimate',
    summary: "Row counts of the caller's team (initial-sync progress)",
    roles: anyone,
    query: Empty,
    response: SyncEstimate,
  },
  'sync:changes': {
    method: 'GET',
    path: '/v1/changes',
    summary: "Changes to the caller's team's records after a cursor, in commit order",
    roles: anyone,
    query: ChangesQuery,
    response: ChangesPage,
  },
  'media:iceServers': {
    method: 'GET',
    path: '/v1/media/ice-servers',
    summary: 'STUN/TURN servers for the seat, TURN with short-lived credentials issued for the caller',
    roles: anyone,
    query: Empty,
    response: MediaRelays,
  },
  'sync:snapshot': {
    method: 'GET',
    path: '/v1/sync/snapshot',
    summary:
      "Initial sync: a consistent snapshot of the caller's team's records, streamed, with the feed cursor to continue from",
    roles: anyone,
    query: SnapshotQuery,
    response: SnapshotBody,
    contentType: snapshotContentType,
  },
  'outbox:push': {
    method: 'POST',
    path: '/v1/outbox',
    summary: 'Wrap-ups from a seat; the record id is a permanent idempotency key',
    roles: anyone,
    body: OutboxBatch,
    response: OutboxBatchResult,
  },
  'customers:get': {
    method: 'GET',
    path: '/v1/customers/:id',
    summary: "One customer of the caller's team (audited)",
    roles: anyone,
    params: CustomerParams,
    response: CustomerRecord,
  },
  'reference:dispositions': {
    method: 'GET',
    path: '/v1/dispositions',
    summary: "The team's disposition codes",
    roles: anyone,
    query: Empty,
    response: z.array(DispositionCode),
  },
  'reference:scripts': {
    method: 'GET',
    path: '/v1/scripts',
    summary: "The team's script templates",
    roles: anyone,
    query: Empty,
    response: z.array(ScriptTemplate),
  },
  'scripts:publish': {
    method: 'POST',
    path: '/v1/teams/:team/scripts',
    summary:
      "Publish a new version of a team's guided script (leads of that team and admins; audited); it becomes the team's current version",
    roles: ['lead', 'admin'],
    params: TeamParamsOnly,
    body: ScriptPublishRequest,
    response: GuidedScript,
  },
  'scripts:versions': {
    method: 'GET',
    path: '/v1/teams/:team/scripts/:id/versions',
    summary: 'Every stored version of a script, newest first (leads of that team and admins)',
    roles: ['lead', 'admin'],
    params: TeamScriptParams,
    query: Empty,
    response: z.array(ScriptVersionInfo),
  },
  'scripts:restore': {
    method: 'POST',
    path: '/v1/teams/:team/scripts/:id/restore',
    summary:
      'Publish an older version of a script again, as a new version (leads of that team and admins; audited)',
    roles: ['lead', 'admin'],
    params: TeamScriptParams,
    body: ScriptRestoreRequest,
    response: GuidedScript,
  },
  'dispositions:put': {
    method: 'PUT',
    path: '/v1/teams/:team/dispositions/:code',
    summary:
      "Create or change a team's disposition code; active false retires it, and it stays readable (leads of that team and admins; audited)",
    roles: ['lead', 'admin'],
    params: TeamCodeParams,
    body: DispositionCodeUpsert,
    response: TeamDispositionCode,
  },
  'reference:knowledge': {
    method: 'GET',
    path: '/v1/knowledge',
    summary: 'Search the knowledge base',
    roles: anyone,
    query: KnowledgeQuery,
    response: z.array(KnowledgeArticle),
  },
  'agents:putState': {
    method: 'PUT',
    path: '/v1/agents/me/state',
    summary: "The caller's own agent state; an update with an older seq than the stored one is ignored",
    roles: anyone,
    body: AgentStateUpdate,
    response: AgentStateAck,
  },
  'teams:agents': {
    method: 'GET',
    path: '/v1/teams/:team/agents',
    summary: 'Each member of a team with their state (leads of that team and admins; audited)',
    roles: ['lead', 'admin'],
    params: TeamParams,
    response: z.array(TeamAgentState),
  },
  'audit:list': {
    method: 'GET',
    path: '/v1/audit',
    summary: "Audit trail of the caller's team (leads and admins)",
    roles: ['lead', 'admin'],
    query: AuditQuery,
    response: z.array(AuditEntry),
  },
} as const satisfies Record<string, RouteSpec>;

export type ServerRoute = keyof typeof serverRoutes;
export type { RouteSpec };
/** The changes WebSocket: token as subprotocol `token.<access token>`. */
export const changesStreamPath = '/v1/changes/stream';
