import { describe, expect, it } from 'vitest';
import { scriptVariablesFor } from './call-variables';
import { dayPart, greetingFor } from './greeting';
import {
  pickText,
  renderStep,
  renderTemplate,
  segmentsToPlainText,
  tokenize,
  unknownScriptVariables,
} from './render-step';
import { complaintScript, step } from './test-scripts';

describe('renderTemplate', () => {
  it('fills variables as their own segments', () => {
    expect(
      renderTemplate('Hello {customer.name}, this is {agent.name}.', {
        'customer.name': '王小明',
        'agent.name': 'Amy',
      }),
    ).toEqual([
      { kind: 'text', text: 'Hello ' },
      { kind: 'variable', name: 'customer.name', value: '王小明' },
      { kind: 'text', text: ', this is ' },
      { kind: 'variable', name: 'agent.name', value: 'Amy' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('shows unknown, null, undefined and blank variables as visible placeholders', () => {
    const segments = renderTemplate('{nope} {customer.title} {product} {company}', {
      'customer.title': null,
      product: '   ',
      company: undefined,
    });
    expect(segments.filter((s) => s.kind === 'missing').map((s) => s.name)).toEqual([
      'nope',
      'customer.title',
      'product',
      'company',
    ]);
    expect(segmentsToPlainText(segments)).toBe('{nope} {customer.title} {product} {company}');
  });

  it('does not read inherited properties as values', () => {
    expect(renderTemplate('{constructor} {toString}', {})).toEqual([
      { kind: 'missing', name: 'constructor' },
      { kind: 'text', text: ' ' },
      { kind: 'missing', name: 'toString' },
    ]);
  });

  it('keeps HTML-looking text and values as text, never markup', () => {
    const segments = renderTemplate('Dear {customer.name} <b>', {
      'customer.name': '<img src=x onerror=alert(1)>',
    });
    expect(segments).toEqual([
      { kind: 'text', text: 'Dear ' },
      { kind: 'variable', name: 'customer.name', value: '<img src=x onerror=alert(1)>' },
      { kind: 'text', text: ' <b>' },
    ]);
    // Not escaped either: the UI puts the string in a text node, so "&" stays "&".
    expect(segmentsToPlainText(renderTemplate('A & B {x}', { x: '&lt;' }))).toBe('A & B &lt;');
  });

  it('treats {{ }} as literal braces and malformed braces as text', () => {
    expect(tokenize('{{company}} {company} { company } {a..b} {1x} {unclosed')).toEqual([
      { kind: 'text', text: '{company} ' },
      { kind: 'variable', name: 'company' },
      { kind: 'text', text: ' { company } {a..b} {1x} {unclosed' },
    ]);
    expect(tokenize('}} and }')).toEqual([{ kind: 'text', text: '} and }' }]);
    expect(tokenize('')).toEqual([]);
  });

  it('does not re-expand a value that looks like a variable', () => {
    expect(
      segmentsToPlainText(
        renderTemplate('{customer.name}', { 'customer.name': '{agent.name}', 'agent.name': 'X' }),
      ),
    ).toBe('{agent.name}');
  });
});

describe('language fallback', () => {
  it.each([
    [{ 'zh-Hant': '您好', 'zh-Hans': '您好s', en: 'Hi' }, 'zh-Hans', '您好s', 'zh-Hans', false],
    [{ 'zh-Hant': '您好', en: 'Hi' }, 'zh-Hans', '您好', 'zh-Hant', true],
    [{ 'zh-Hans': '您好s', en: 'Hi' }, 'zh-Hant', '您好s', 'zh-Hans', true],
    [{ en: 'Hi' }, 'zh-Hant', 'Hi', 'en', true],
    [{ 'zh-Hant': '您好', 'zh-Hans': '您好s' }, 'en', '您好', 'zh-Hant', true],
    [{ 'zh-Hans': '您好s' }, 'en', '您好s', 'zh-Hans', true],
    [{ 'zh-Hant': '  ', en: 'Hi' }, 'zh-Hant', 'Hi', 'en', true],
  ] as const)('%j in %s → %s (%s, fallback %s)', (text, lang, expected, used, fallback) => {
    expect(pickText(text, lang)).toEqual({ text: expected, lang: used, fallback });
  });

  it('renders a step with its body and answer labels, each saying its language', () => {
    const script = complaintScript();
    const ask = script.modules['confirm-problem'][0]!;
    const r = renderStep(ask, 'confirm-problem', 'zh-Hant', {});
    expect(r.body).toEqual({
      segments: [{ kind: 'text', text: 'Refund or repair?' }],
      lang: 'en',
      fallback: true,
    });
    expect(r.answers).toEqual([
      { id: 'refund', label: { text: '退款', lang: 'zh-Hant', fallback: false }, goto: 'refund' },
      { id: 'repair', label: { text: 'Repair', lang: 'en', fallback: true }, goto: 'repair' },
    ]);
    expect(r.suggest).toBeNull();
    const refund = renderStep(script.modules.solution[0]!, 'solution', 'en', {});
    expect(refund).toMatchObject({
      answers: null,
      suggest: { category: 'complaint', dispositionCode: 'refund' },
    });
  });
});

describe('greeting and call variables', () => {
  const at = (iso: string) => Date.parse(iso);

  it.each([
    ['2026-12-02T21:00:00Z', 480, 'morning'], // 05:00 in Taipei
    ['2026-12-02T20:59:00Z', 480, 'evening'], // 04:59
    ['2026-12-02T03:59:00Z', 480, 'morning'], // 11:59
    ['2026-12-02T04:00:00Z', 480, 'afternoon'], // 12:00
    ['2026-12-02T09:59:00Z', 480, 'afternoon'], // 17:59
    ['2026-12-02T10:00:00Z', 480, 'evening'], // 18:00
    ['2026-12-02T12:00:00Z', 0, 'afternoon'],
    ['2026-12-02T12:00:00Z', -300, 'morning'], // 07:00 in New York
    ['2026-12-02T02:00:00Z', -300, 'evening'], // 21:00 the day before
  ] as const)('%s at UTC%+d is %s', (iso, offset, part) => {
    expect(dayPart(at(iso), offset)).toBe(part);
  });

  it('says the greeting in each language', () => {
    const morning = at('2026-12-02T01:00:00Z');
    expect(greetingFor(morning, 480, 'zh-Hant')).toBe('早安');
    expect(greetingFor(morning, 480, 'zh-Hans')).toBe('早上好');
    expect(greetingFor(morning, 480, 'en')).toBe('Good morning');
    expect(greetingFor(at('2026-12-02T12:00:00Z'), 480, 'zh-Hans')).toBe('晚上好');
  });

  it('fills the opening of a script for a call, leaving unknown facts visible', () => {
    const values = scriptVariablesFor(
      { customerName: '王小明', agentName: 'Amy', nowMs: at('2026-12-02T06:00:00Z'), utcOffsetMinutes: 480 },
      'en',
    );
    const hello = complaintScript().modules.opening[0]!;
    const r = renderStep(hello, 'opening', 'en', values);
    expect(segmentsToPlainText(r.body.segments)).toBe(
      'Good afternoon, {customer.title} 王小明. This is Amy.',
    );
    expect(r.body.segments.filter((s) => s.kind === 'missing')).toEqual([
      { kind: 'missing', name: 'customer.title' },
    ]);
  });
});

describe('unknownScriptVariables', () => {
  it('lists names the app does not know, ignoring escaped braces', () => {
    const script = complaintScript();
    script.modules.closing.push(step('x', '{customer.name} {orderNo} {{literal}} {orderNo} {agent.nick}'));
    expect(unknownScriptVariables(script)).toEqual(['agent.nick', 'orderNo']);
  });
});
