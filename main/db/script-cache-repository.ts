import {
  chooseScript,
  GuidedScript,
  TeamDispositionCode,
  type CallForScript,
  type ScriptChoice,
} from '../../shared';
import type { Db } from './migrate';

export const scriptCacheSql = {
  scripts: `SELECT body FROM scripts ORDER BY id`,
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
 * left out rather than shown half-valid.
 */
export class ScriptCacheRepository {
  private readonly stmts;
  /** Parsed bodies, keyed by the JSON text: a script is checked once, not on every call. */
  private parsed = new Map<string, GuidedScript | null>();

  constructor(
    db: Db,
    private readonly log: (msg: string) => void = () => {},
  ) {
    this.stmts = {
      scripts: db.prepare<[], { body: string }>(scriptCacheSql.scripts),
      codes: db.prepare<[], CodeRow>(scriptCacheSql.dispositionCodes),
    };
  }

  scripts(): GuidedScript[] {
    const next = new Map<string, GuidedScript | null>();
    for (const { body } of this.stmts.scripts.all())
      next.set(body, this.parsed.get(body) ?? this.parse(body));
    this.parsed = next;
    return [...next.values()].filter((s): s is GuidedScript => s !== null);
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
