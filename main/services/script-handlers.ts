import type { HostHandlers } from '../../shared';
import type { ScriptCacheRepository } from '../db/script-cache-repository';

export type ScriptHandlers = Pick<HostHandlers, 'scripts:forCall' | 'scripts:list' | 'dispositions:list'>;

/** Guided scripts and disposition codes, read only from the seat's cache (issue 11). */
export function createScriptHandlers(deps: { scripts: ScriptCacheRepository }): ScriptHandlers {
  return {
    'scripts:forCall': ({ queue, category, vip }) =>
      deps.scripts.forCall({ queue: queue ?? null, category: category ?? null, vip })?.script ?? null,
    'scripts:list': () => deps.scripts.scripts(),
    'dispositions:list': () => deps.scripts.dispositionCodes(),
  };
}
