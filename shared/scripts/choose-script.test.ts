import { describe, expect, it } from 'vitest';
import { GuidedScript, type ScriptRule } from '../domain/script-template';
import { chooseScript, latestVersions, type CallForScript } from './choose-script';
import { scriptInput, step } from './test-scripts';

function script(id: string, rules: Partial<ScriptRule>[], over: Record<string, unknown> = {}): GuidedScript {
  return GuidedScript.parse(scriptInput({ opening: [step('a', 'A')] }, { id, rules, ...over }));
}

const call = (over: Partial<CallForScript> = {}): CallForScript => ({
  team: 'team-a',
  queue: 'billing',
  category: null,
  vip: false,
  ...over,
});

const library = [
  script('general', [{}]),
  script('billing', [{ queue: 'billing' }]),
  script('complaint', [{ category: 'complaint' }]),
  script('vip-billing', [{ queue: 'billing', vip: true }]),
  script('urgent', [{ category: 'urgent', priority: 10 }]),
  script('other-team', [{ queue: 'billing', vip: true, priority: 100 }], { team: 'team-b' }),
];

describe('chooseScript', () => {
  it.each([
    ['a plain billing call → the queue script', call(), 'billing'],
    ['another queue → the catch-all', call({ queue: 'sales' }), 'general'],
    ['no queue → the catch-all', call({ queue: null }), 'general'],
    ['a VIP billing caller → the more specific rule', call({ vip: true }), 'vip-billing'],
    ['a complaint in billing: same specificity, lower id wins', call({ category: 'complaint' }), 'billing'],
    ['a complaint elsewhere', call({ queue: 'sales', category: 'complaint' }), 'complaint'],
    ['urgent beats everything by priority', call({ vip: true, category: 'urgent' }), 'urgent'],
  ])('%s', (_, c, expected) => {
    expect(chooseScript(library, c)?.script.id).toBe(expected);
  });

  it('never picks another team’s script, and returns null when nothing matches', () => {
    expect(chooseScript(library, call({ team: 'team-b', vip: false }))).toBeNull();
    expect(chooseScript(library, call({ team: 'team-b', vip: true }))?.script.id).toBe('other-team');
    expect(chooseScript([script('manual', [])], call())).toBeNull();
  });

  it('a rule with vip: false matches only non-VIP callers', () => {
    const lib = [script('std', [{ vip: false }])];
    expect(chooseScript(lib, call({ vip: false }))?.script.id).toBe('std');
    expect(chooseScript(lib, call({ vip: true }))).toBeNull();
  });

  it('does not depend on the order of the cache', () => {
    const reversed = [...library].reverse();
    for (const c of [call(), call({ category: 'complaint' }), call({ vip: true })]) {
      expect(chooseScript(reversed, c)?.script.id).toBe(chooseScript(library, c)?.script.id);
    }
  });

  it('uses only the newest version of each script', () => {
    const v1 = script('billing', [{ queue: 'billing', priority: 50 }], { version: 1 });
    const v2 = script('billing', [{ queue: 'sales' }], { version: 2 });
    expect(latestVersions([v2, v1]).map((s) => s.version)).toEqual([2]);
    expect(chooseScript([v1, v2, script('general', [{}])], call())?.script.id).toBe('general');
    expect(chooseScript([v1, v2], call({ queue: 'sales' }))?.script.version).toBe(2);
  });
});
