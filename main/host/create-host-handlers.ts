import type { HostHandlers } from '../../shared';
import type { Db } from '../db/open-database';
import { OutboxRepository } from '../db/outbox-repository';
import { createDataHandlers } from '../services/data-handlers';
import { createSyncHandlers } from '../services/sync-handlers';
import type { SyncService } from '../sync/sync-service';
import type { SecretStore } from '../settings/secret-store';
import type { SettingsStore } from '../settings/settings-store';
import { resolveLocale } from '../settings/system-locale';
import { writerHandlers, type DataWriter } from './data-writer';

export interface HostDeps {
  db: Db;
  settings: SettingsStore;
  secrets: SecretStore;
  sync: SyncService;
  mode: 'electron' | 'browser';
  version: string;
  systemLocaleTag: string | undefined;
  clock?: () => Date;
  log?: (msg: string) => void;
  /** Runs the durable writes in their own thread (startDataWriter); without it, in this one. */
  writer?: DataWriter;
}

/** The composition root of the host API: every handler, wired to its services. */
export function createHostHandlers(deps: HostDeps): HostHandlers {
  const clock = deps.clock ?? (() => new Date());
  const defaultRegion = () => deps.settings.get().defaultRegion;
  const local = createDataHandlers({ db: deps.db, clock, defaultRegion, log: deps.log });
  const data = deps.writer
    ? { ...local, ...writerHandlers(deps.writer, () => ({ now: clock(), region: defaultRegion() })) }
    : local;
  return {
    'app:info': () => ({
      version: deps.version,
      mode: deps.mode,
      systemLocale: resolveLocale(deps.systemLocaleTag),
      canPersistSecrets: deps.secrets.persistent,
    }),
    'settings:get': () => deps.settings.get(),
    'settings:update': (patch) => {
      const next = deps.settings.update(patch);
      deps.sync.reconfigure();
      return next;
    },
    'credentials:getSipPassword': () => ({ password: deps.secrets.get() }),
    'credentials:setSipPassword': ({ password }) => {
      deps.secrets.set(password);
      return { persisted: deps.secrets.persistent };
    },
    ...data,
    'wrapup:submit': async (wrapUp) => {
      const out = await data['wrapup:submit'](wrapUp);
      // Filed locally first (the agent is done); the sync sends it now if the server is there.
      deps.sync.kick();
      return out;
    },
    ...createSyncHandlers({ sync: deps.sync, outbox: new OutboxRepository(deps.db, deps.log) }),
    'media:iceServers': () => {
      const s = deps.settings.get();
      return {
        // The seat's own STUN first, then what the central server issued (TURN with credentials).
        iceServers: [...s.iceServers.map((url) => ({ urls: [url] })), ...deps.sync.issuedRelays()],
        iceTransportPolicy: s.iceTransportPolicy,
      };
    },
  };
}
