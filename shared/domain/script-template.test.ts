import { describe, expect, it } from 'vitest';
import { complaintScript, scriptInput, step } from '../scripts/test-scripts';
import { GuidedScript, ScriptDraft, scriptLimits } from './script-template';

function messages(input: unknown): string[] {
  const r = GuidedScript.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.message);
}

describe('GuidedScript', () => {
  it('accepts a script with a branch, a suggestion and three languages', () => {
    expect(GuidedScript.safeParse(complaintScript()).success).toBe(true);
    const s = scriptInput({
      opening: [{ id: 'a', text: { 'zh-Hant': '您好', 'zh-Hans': '您好', en: 'Hi' } }],
    });
    expect(GuidedScript.parse(s).rules[0]?.priority).toBe(0);
  });

  it('refuses a 10,000-step script, and accepts the maximum', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => step(`s${i}`, `Step ${i}`));
    expect(messages(scriptInput({ solution: many(10_000) })).join()).toMatch(/at most 2000 steps/);
    // Spread over modules, the total still counts.
    const spread = scriptInput({
      opening: many(1_500),
      closing: many(1_500).map((s) => ({ ...s, id: `c${s.id}` })),
    });
    expect(messages(spread)).toEqual(['a script has at most 2000 steps; this one has 3000']);
    expect(messages(scriptInput({ solution: many(scriptLimits.steps) }))).toEqual([]);
  });

  it('refuses an empty script', () => {
    expect(messages(scriptInput({}))).toEqual(['a script needs at least one step']);
  });

  it('refuses branch and next targets that are not steps', () => {
    const bad = scriptInput({
      opening: [
        step('a', 'A', { answers: [{ id: 'x', label: { en: 'X' }, goto: 'nowhere' }] }),
        step('b', 'B', { next: 'gone' }),
      ],
    });
    expect(messages(bad)).toEqual([
      'answer "x" of step "a" branches to "nowhere", which is not a step of this script',
      'step "b" goes next to "gone", which is not a step of this script',
    ]);
  });

  it('refuses a cycle in the branches, naming it', () => {
    const loop = scriptInput({
      opening: [step('a', 'A')],
      solution: [
        step('b', 'B', {
          answers: [
            { id: 'again', label: { en: 'Again' }, goto: 'a' },
            { id: 'on', label: { en: 'On' }, goto: 'c' },
          ],
        }),
        step('c', 'C'),
      ],
    });
    expect(messages(loop)).toEqual([
      'the branches form a cycle: a → b → a (use Back to revisit a step, not a branch)',
    ]);
    // A self-loop and a loop through `next` are cycles too.
    expect(messages(scriptInput({ opening: [step('a', 'A', { next: 'a' })] })).join()).toMatch(
      /cycle: a → a/,
    );
    expect(
      messages(scriptInput({ opening: [step('a', 'A'), step('b', 'B', { next: 'a' })] })).join(),
    ).toMatch(/cycle: a → b → a/);
  });

  it('accepts a branch to an earlier step when that path ends (a diamond is not a cycle)', () => {
    const diamond = scriptInput({
      opening: [
        step('a', 'A', {
          answers: [
            { id: 'x', label: { en: 'X' }, goto: 'c' },
            { id: 'y', label: { en: 'Y' }, goto: 'b' },
          ],
        }),
      ],
      solution: [step('b', 'B', { next: 'd' }), step('c', 'C', { next: 'd' })],
      closing: [step('d', 'D')],
    });
    expect(messages(diamond)).toEqual([]);
  });

  it('finds a cycle deep in a long chain without overflowing the stack', () => {
    const chain = Array.from({ length: 2_000 }, (_, i) =>
      step(`s${i}`, 'x', i === 1_999 ? { next: 's0' } : {}),
    );
    expect(messages(scriptInput({ solution: chain })).join()).toMatch(/cycle: s0 → s1 → s2/);
  });

  it.each([
    ['<b>bold</b>'],
    ['Hello <script>alert(1)</script>'],
    ['<img src=x onerror=alert(1)>'],
    ['a &amp; b'],
    ['&#60;b&#62;'],
    ['<!-- note -->'],
  ])('refuses HTML in text: %j', (text) => {
    expect(messages(scriptInput({ opening: [step('a', text)] }))).toEqual([
      'HTML is not allowed in script text: write plain text',
    ]);
  });

  it('lets plain angle brackets and ampersands through as text', () => {
    expect(
      messages(scriptInput({ opening: [step('a', 'If the bill is < 100 or > 50 & due, say 1<2')] })),
    ).toEqual([]);
  });

  it('refuses HTML in an answer label too', () => {
    const s = scriptInput({
      opening: [step('a', 'A', { answers: [{ id: 'x', label: { en: '<i>X</i>' }, goto: 'b' }] })],
      closing: [step('b', 'B')],
    });
    expect(messages(s)).toEqual(['HTML is not allowed in script text: write plain text']);
  });

  it('caps text length, needs one language, refuses control characters', () => {
    expect(messages(scriptInput({ opening: [step('a', 'x'.repeat(4_001))] }))).toEqual([
      'text is longer than 4000 characters',
    ]);
    expect(messages(scriptInput({ opening: [{ id: 'a', text: { en: '  ', 'zh-Hant': '' } }] }))).toEqual([
      'text is needed in at least one language (zh-Hant, zh-Hans or en)',
    ]);
    expect(messages(scriptInput({ opening: [step('a', 'bell\u0007')] }))).toEqual([
      'control characters are not allowed in script text',
    ]);
    expect(messages(scriptInput({ opening: [step('a', 'line one\nline two')] }))).toEqual([]);
  });

  it('refuses duplicate ids, next on a question, and unknown fields', () => {
    expect(messages(scriptInput({ opening: [step('a', 'A'), step('a', 'B')] }))).toEqual([
      'step id "a" is used twice',
    ]);
    const q = scriptInput({
      opening: [step('a', 'A', { next: 'b', answers: [{ id: 'x', label: { en: 'X' }, goto: 'b' }] })],
      closing: [step('b', 'B')],
    });
    expect(messages(q)).toEqual([
      'step "a" is a question: its answers say where to go, not "next" or "ends"',
    ]);
    expect(
      GuidedScript.safeParse(scriptInput({ opening: [{ ...step('a', 'A'), html: '<b>' }] })).success,
    ).toBe(false);
  });
});

describe('ScriptDraft (what a lead publishes)', () => {
  const draftOf = (modules: Parameters<typeof scriptInput>[0]) => {
    const { team: _t, version: _v, publishedAt: _p, ...rest } = scriptInput(modules);
    return rest;
  };

  it('is a script without the fields the server assigns, checked exactly as one', () => {
    const { team: _t, version: _v, publishedAt: _p, ...draft } = complaintScript();
    expect(ScriptDraft.parse(draft)).toEqual(draft);
    // The server sets team, version and the publish time: a draft naming them is refused.
    expect(ScriptDraft.safeParse(complaintScript()).success).toBe(false);
  });

  it('refuses a cycle, HTML and too many steps with the GuidedScript messages', () => {
    const messages = (input: unknown) => {
      const r = ScriptDraft.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => i.message);
    };
    expect(
      messages(draftOf({ opening: [step('a', 'A', { next: 'b' }), step('b', 'B', { next: 'a' })] })),
    ).toEqual([expect.stringMatching(/cycle: a → b → a/)]);
    expect(messages(draftOf({ opening: [step('a', '<script>x</script>')] }))).toEqual([
      expect.stringMatching(/HTML is not allowed/),
    ]);
    const many = Array.from({ length: scriptLimits.steps / 2 + 1 }, (_, i) => step(`s${i}`, 'x'));
    expect(
      messages(draftOf({ opening: many, closing: many.map((s) => ({ ...s, id: `c${s.id}` })) })),
    ).toEqual([expect.stringMatching(/at most 2000 steps; this one has 2002/)]);
  });
});
