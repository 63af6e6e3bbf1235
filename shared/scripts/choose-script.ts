import type { CallCategory } from '../domain/call-category';
import type { GuidedScript, ScriptRule } from '../domain/script-template';

export type CallForScript = {
  team: string;
  queue: string | null;
  /** Often unknown at ring time: a rule with a category then does not match. */
  category: CallCategory | null;
  vip: boolean;
};

export type ScriptChoice = { script: GuidedScript; rule: ScriptRule };

function matches(rule: ScriptRule, call: CallForScript): boolean {
  return (
    (rule.queue === undefined || rule.queue === call.queue) &&
    (rule.category === undefined || rule.category === call.category) &&
    (rule.vip === undefined || rule.vip === call.vip)
  );
}

function specificity(rule: ScriptRule): number {
  return (
    Number(rule.queue !== undefined) + Number(rule.category !== undefined) + Number(rule.vip !== undefined)
  );
}

/** Only the newest version of each script id counts. */
export function latestVersions(scripts: readonly GuidedScript[]): GuidedScript[] {
  const latest = new Map<string, GuidedScript>();
  for (const s of scripts) {
    const seen = latest.get(s.id);
    if (!seen || s.version > seen.version) latest.set(s.id, s);
  }
  return [...latest.values()];
}

/**
 * The script that opens with the call: among the team's newest versions, every rule that matches
 * competes; the highest `priority` wins, then the most specific rule (queue, category and VIP each
 * count one), then the lowest script id — so the choice never depends on the order of the cache.
 */
export function chooseScript(scripts: readonly GuidedScript[], call: CallForScript): ScriptChoice | null {
  let best: ScriptChoice | null = null;
  for (const script of latestVersions(scripts.filter((s) => s.team === call.team))) {
    for (const rule of script.rules) {
      if (!matches(rule, call)) continue;
      if (best === null || compare({ script, rule }, best) < 0) best = { script, rule };
    }
  }
  return best;
}

function compare(a: ScriptChoice, b: ScriptChoice): number {
  return (
    b.rule.priority - a.rule.priority ||
    specificity(b.rule) - specificity(a.rule) ||
    (a.script.id < b.script.id ? -1 : a.script.id > b.script.id ? 1 : 0)
  );
}
