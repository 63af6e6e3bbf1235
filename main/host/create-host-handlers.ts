import type { HostHandlers } from '../../shared';
import type { Db } from '../db/open-database';
import { createDataHandlers } from '../services/data-handlers';
import type { SecretStore } from '../settings/secret-store';
import type { SettingsStore } from '../settings/settings-store';
import { resolveLocale } from '../settings/system-locale';

export interface HostDeps {
  db: Db;
  settings: SettingsStore;
  secrets: SecretStore;
  mode: 'electron' | 'browser';
  version: string;
  systemLocaleTag: string | undefined;
  clock?: () => Date;
  log?: (msg: string) => void;
}

/** The composition root of the host API: every handler, wired to its services. */
export function createHostHandlers(deps: HostDeps): HostHandlers {
  const clock = deps.clock ?? (() => new Date());
  return {
    'app:info': () => ({
      version: deps.version,
      mode: deps.mode,
      systemLocale: resolveLocale(deps.systemLocaleTag),
      canPersistSecrets: deps.secrets.persistent,
    }),
    'settings:get': () => deps.settings.get(),
    'settings:update': (patch) => deps.settings.update(patch),
    'credentials:getSipPassword': () => ({ password: deps.secrets.get() }),
    'credentials:setSipPassword': ({ password }) => {
      deps.secrets.set(password);
      return { persisted: deps.secrets.persistent };
    },
    ...createDataHandlers({
      db: deps.db,
      clock,
      defaultRegion: () => deps.settings.get().defaultRegion,
      log: deps.log,
    }),
  };
}
