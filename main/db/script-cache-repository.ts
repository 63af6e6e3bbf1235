import {
  chooseScript,
  GuidedScript,
  TeamDispositionCode,
  type CallForScript,
  type ScriptChoice,
} from '../../shared';
import type { Db } from './migrate';

export const scriptCacheSql = {
  scriptVersions: `SELECT id, version FROM scripts ORDER BY id`,
  scriptBody: `SELECT body FROM scripts WHERE id = ? AND version = ?`,
  dispositionCodes: `SELECT code, team, label_zh_hant, label_zh_hans, label_en, active
    FROM disposition_codes ORDER BY code`,
} as const;

type CodeRow = {
  code: string;
  team: string;
  label_zh_hant: string;
  label_zh_hans: string;
  label_en: string;
  active: number;
};

/**
 * The team's guided scripts (current version of each) and disposition codes as the changes feed
 * left them in the seat's cache (issue 11): read only from here, so they work with no server.
 * Bodies are parsed with their schema on the way out; a row that fails it is logged (by id) and
 * left out rather than shown half-valid. A version's body never changes (the server stores versions
 * immutably), so each (id, version) is read and parsed once; a call reads only ids and versions.
 */
export class ScriptCacheRepository {
  private readonly stmts;
  /** Parsed bodies by script id, with the version they are of. */
  private parsed = new Map<string, { version: number; script: GuidedScript | null }>();

  constructor(
    db: Db,
    private readonly log: (msg: string) => void = () => {},
  ) {
    this.stmts = {
      versions: db.prepare<[], { id: string; version: number }>(scriptCacheSql.scriptVersions),
      body: db.prepare<[string, number], { body: string }>(scriptCacheSql.scriptBody),
      codes: db.prepare<[], CodeRow>(scriptCacheSql.dispositionCodes),
    };
  }

  scripts(): GuidedScript[] {
    const next = new Map<string, { version: number; script: GuidedScript | null }>();
    for (const { id, version } of this.stmts.versions.all()) {
      const seen = this.parsed.get(id);
      if (seen?.version === version) next.set(id, seen);
      else next.set(id, { version, script: this.parse(this.stmts.body.get(id, version)?.body ?? '') });
    }
    this.parsed = next;
    return [...next.values()].flatMap((p) => (p.script ? [p.script] : []));
  }

  /** The script that opens with a call (shared/scripts/choose-script.ts); the cache holds one team. */
  forCall(call: Omit<CallForScript, 'team'>): ScriptChoice | null {
    const scripts = this.scripts();
    const team = scripts[0]?.team;
    return team === undefined ? null : chooseScript(scripts, { ...call, team });
  }

  /** Every code, retired ones included (old records show their labels); `active` says which to offer. */
  dispositionCodes(): TeamDispositionCode[] {
    return this.stmts.codes.all().flatMap((r) => {
      const code = TeamDispositionCode.safeParse({
        team: r.team,
        code: r.code,
        labels: { 'zh-Hant': r.label_zh_hant, 'zh-Hans': r.label_zh_hans, en: r.label_en },
        active: r.active === 1,
      });
      if (code.success) return [code.data];
      this.log(`disposition code ${r.code} in the cache fails its schema; left out`);
      return [];
    });
  }

  private parse(body: string): GuidedScript | null {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      json = null;
    }
    const s = GuidedScript.safeParse(json);
    if (s.success) return s.data;
    const id = typeof json === 'object' && json !== null && 'id' in json ? String(json.id).slice(0, 64) : '?';
    this.log(`script ${id} in the cache fails its schema; left out`);
    return null;
  }
}
