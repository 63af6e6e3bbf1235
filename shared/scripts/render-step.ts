import type { Locale } from '../domain/settings';
import {
  scriptVariables,
  stepsInOrder,
  variableNamePattern,
  type GuidedScript,
  type LocalizedText,
  type ScriptModule,
  type ScriptStep,
  type WrapUpSuggestion,
} from '../domain/script-template';

/** What the UI draws: text as text nodes (never HTML), a variable's value, or a visible placeholder. */
export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; name: string; value: string }
  | { kind: 'missing'; name: string };

/** Values for a call; null, undefined or blank values render as `missing`. */
export type ScriptVariableValues = Readonly<Record<string, string | null | undefined>>;

/** The language used, and whether it was a fallback from the one asked for (shown to the agent). */
export type PickedText = { text: string; lang: Locale; fallback: boolean };
export type RenderedText = { segments: Segment[]; lang: Locale; fallback: boolean };

/** Fallback order per asked-for language: the other Chinese script before English, and vice versa. */
export const languageFallbacks: Readonly<Record<Locale, readonly Locale[]>> = {
  'zh-Hant': ['zh-Hant', 'zh-Hans', 'en'],
  'zh-Hans': ['zh-Hans', 'zh-Hant', 'en'],
  en: ['en', 'zh-Hant', 'zh-Hans'],
};

export function pickText(text: LocalizedText, lang: Locale): PickedText {
  for (const l of languageFallbacks[lang]) {
    const t = text[l];
    if (t !== undefined && t.trim() !== '') return { text: t, lang: l, fallback: l !== lang };
  }
  // A validated script always has one language; an empty text renders as nothing, in the asked language.
  return { text: '', lang, fallback: false };
}

type Token = { kind: 'text'; text: string } | { kind: 'variable'; name: string };

/**
 * `{name}` is a variable; `{{` and `}}` are literal braces; anything else (a lone brace, `{not valid}`)
 * is literal text. Adjacent text is merged.
 */
export function tokenize(template: string): Token[] {
  const out: Token[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i];
    if ((c === '{' || c === '}') && template[i + 1] === c) {
      text += c;
      i += 2;
      continue;
    }
    if (c === '{') {
      const close = template.indexOf('}', i + 1);
      const name = close === -1 ? '' : template.slice(i + 1, close);
      if (close !== -1 && variableNamePattern.test(name)) {
        if (text) out.push({ kind: 'text', text });
        text = '';
        out.push({ kind: 'variable', name });
        i = close + 1;
        continue;
      }
    }
    text += c;
    i++;
  }
  if (text) out.push({ kind: 'text', text });
  return out;
}

export function renderTemplate(template: string, values: ScriptVariableValues): Segment[] {
  return tokenize(template).map((t): Segment => {
    if (t.kind === 'text') return t;
    const value = Object.hasOwn(values, t.name) ? values[t.name] : undefined;
    return typeof value === 'string' && value.trim() !== ''
      ? { kind: 'variable', name: t.name, value }
      : { kind: 'missing', name: t.name };
  });
}

export function renderText(text: LocalizedText, lang: Locale, values: ScriptVariableValues): RenderedText {
  const picked = pickText(text, lang);
  return { segments: renderTemplate(picked.text, values), lang: picked.lang, fallback: picked.fallback };
}

export type RenderedStep = {
  stepId: string;
  module: ScriptModule;
  body: RenderedText;
  /** Present on a question: each answer's label (no variables in labels) and where it leads. */
  answers: { id: string; label: PickedText; goto: string }[] | null;
  suggest: WrapUpSuggestion | null;
};

export function renderStep(
  step: ScriptStep,
  module: ScriptModule,
  lang: Locale,
  values: ScriptVariableValues,
): RenderedStep {
  return {
    stepId: step.id,
    module,
    body: renderText(step.text, lang, values),
    answers: step.answers?.map((a) => ({ id: a.id, label: pickText(a.label, lang), goto: a.goto })) ?? null,
    suggest: step.suggest ?? null,
  };
}

/** Plain text of segments, placeholders as `{name}` (for previews, logs and tests). */
export function segmentsToPlainText(segments: readonly Segment[]): string {
  return segments
    .map((s) => (s.kind === 'text' ? s.text : s.kind === 'variable' ? s.value : `{${s.name}}`))
    .join('');
}

/** Variable names a script uses that this app does not know: a warning in the lead's editor, not an error. */
export function unknownScriptVariables(script: GuidedScript): string[] {
  const known = new Set<string>(scriptVariables);
  const found = new Set<string>();
  for (const { step } of stepsInOrder(script.modules)) {
    for (const text of Object.values(step.text)) {
      for (const t of tokenize(text ?? ''))
        if (t.kind === 'variable' && !known.has(t.name)) found.add(t.name);
    }
  }
  return [...found].sort();
}
