import { z } from 'zod';
import { CallCategory } from './call-category';
import { Id, IsoTime, limits } from './customer';
import { supportedLocales } from './settings';

/**
 * A guided-call script (issue 11): one published version of a team's script template.
 * The server's older read shape (`ScriptTemplate` in server-api/reference.ts) is replaced by this one
 * when the routes are wired; the name differs so both can be exported from shared/ meanwhile.
 */

export const scriptLimits = {
  /** Steps in one script, all modules together: a 10,000-step script is refused. */
  steps: 2_000,
  stepText: 4_000,
  answers: 20,
  label: limits.name,
  rules: 50,
} as const;

export const scriptModules = ['opening', 'confirm-problem', 'solution', 'closing'] as const;
export const ScriptModule = z.enum(scriptModules);
export type ScriptModule = z.infer<typeof ScriptModule>;

/** The variables a step may use; others render as a visible placeholder (see scripts/render-step.ts). */
export const scriptVariables = [
  'customer.name',
  'customer.title',
  'agent.name',
  'company',
  'greeting',
  'lastContact',
  'openComplaint',
  'product',
] as const;
export type ScriptVariableName = (typeof scriptVariables)[number];

/** `{name}` or `{a.b}`: letters and digits, dot-separated. `{{` and `}}` are literal braces. */
export const variableNamePattern = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/;

/**
 * Text is always text. Anything that looks like markup (a tag, a comment, an entity) is refused at
 * the boundary with a clear message instead of being shown as literal tags; the renderer never
 * interprets text as HTML in any case. A lone "<" (as in "a < b") is plain text and allowed.
 */
const markupPattern = /<\/?[A-Za-z][^>]*>|<!--|<!\[CDATA\[|&(#\d+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);/;
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const controlPattern = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const ScriptText = z
  .string()
  .max(scriptLimits.stepText, `text is longer than ${scriptLimits.stepText} characters`)
  .refine((s) => !markupPattern.test(s), 'HTML is not allowed in script text: write plain text')
  .refine((s) => !controlPattern.test(s), 'control characters are not allowed in script text');

/** Text in each language; any may be missing, but not all. */
export const LocalizedText = z
  .object({ 'zh-Hant': ScriptText.optional(), 'zh-Hans': ScriptText.optional(), en: ScriptText.optional() })
  .strict()
  .refine(
    (t) => supportedLocales.some((l) => (t[l] ?? '').trim() !== ''),
    'text is needed in at least one language (zh-Hant, zh-Hans or en)',
  );
export type LocalizedText = z.infer<typeof LocalizedText>;

const LocalizedLabel = z
  .object({
    'zh-Hant': ScriptText.max(scriptLimits.label).optional(),
    'zh-Hans': ScriptText.max(scriptLimits.label).optional(),
    en: ScriptText.max(scriptLimits.label).optional(),
  })
  .strict()
  .refine(
    (t) => supportedLocales.some((l) => (t[l] ?? '').trim() !== ''),
    'a label is needed in at least one language (zh-Hant, zh-Hans or en)',
  );

export const StepId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'a step id is 1–64 letters, digits, "-" or "_"');
export type StepId = z.infer<typeof StepId>;

export const ScriptAnswer = z.object({ id: StepId, label: LocalizedLabel, goto: StepId }).strict();
export type ScriptAnswer = z.infer<typeof ScriptAnswer>;

/** A wrap-up value the step proposes; the agent confirms it (never applied silently). */
export const WrapUpSuggestion = z
  .object({ category: CallCategory.optional(), dispositionCode: z.string().min(1).max(64).optional() })
  .strict()
  .refine((s) => s.category !== undefined || s.dispositionCode !== undefined, 'a suggestion names a value');
export type WrapUpSuggestion = z.infer<typeof WrapUpSuggestion>;

export const ScriptStep = z
  .object({
    id: StepId,
    text: LocalizedText,
    /** A question: the agent picks an answer and the script branches to its `goto`. */
    answers: z.array(ScriptAnswer).min(1).max(scriptLimits.answers).optional(),
    /** Where "next" goes; default: the following step in module order. Not allowed on a question. */
    next: StepId.optional(),
    /** "Next" here finishes the script (e.g. the end of one branch). */
    ends: z.boolean().optional(),
    suggest: WrapUpSuggestion.optional(),
  })
  .strict();
export type ScriptStep = z.infer<typeof ScriptStep>;

const ScriptRule = z
  .object({
    queue: z.string().min(1).max(64).optional(),
    category: CallCategory.optional(),
    vip: z.boolean().optional(),
    /** Higher wins; ties go to the more specific rule, then to the script id (see scripts/choose-script.ts). */
    priority: z.number().int().min(-1000).max(1000).default(0),
  })
  .strict();
export type ScriptRule = z.infer<typeof ScriptRule>;
export { ScriptRule };

const moduleSteps = z
  .array(ScriptStep)
  .max(scriptLimits.steps, `at most ${scriptLimits.steps} steps in a script`);

const GuidedScriptShape = z
  .object({
    id: Id,
    team: Id,
    name: z.string().trim().min(1).max(limits.name),
    /** Every publish is a new version (1, 2, …); calls record the version they used. */
    version: z.number().int().min(1).max(1_000_000),
    publishedAt: IsoTime,
    /** No rules: the script is only opened by hand. */
    rules: z.array(ScriptRule).max(scriptLimits.rules),
    modules: z
      .object({
        opening: moduleSteps,
        'confirm-problem': moduleSteps,
        solution: moduleSteps,
        closing: moduleSteps,
      })
      .strict(),
  })
  .strict();

/** The steps in flow order: opening, then confirm-problem, solution, closing. */
export function stepsInOrder(
  modules: GuidedScriptShape['modules'],
): { step: ScriptStep; module: ScriptModule }[] {
  return scriptModules.flatMap((module) => modules[module].map((step) => ({ step, module })));
}
type GuidedScriptShape = z.infer<typeof GuidedScriptShape>;

/** Where "next" goes from step i of the ordered list: its `next`, the following step, or the end. */
export function nextStepId(ordered: readonly { step: ScriptStep }[], i: number): StepId | null {
  const step = ordered[i]?.step;
  if (!step || step.answers || step.ends) return null;
  return step.next ?? ordered[i + 1]?.step.id ?? null;
}

/**
 * The flow graph: an edge for each answer and for each step's "next". A cycle in it is refused:
 * every path through a script ends. Going back to an earlier step is the agent's navigation
 * history ("Back"), never a branch.
 */
function findCycle(ordered: readonly { step: ScriptStep }[]): StepId[] | null {
  const index = new Map(ordered.map((o, i) => [o.step.id, i]));
  const edges: number[][] = ordered.map((o, i) => {
    const targets = o.step.answers ? o.step.answers.map((a) => a.goto) : [nextStepId(ordered, i)];
    return targets.flatMap((t) => {
      const to = t === null ? undefined : index.get(t);
      return to === undefined ? [] : [to];
    });
  });
  const id = (node: number) => ordered[node]?.step.id ?? '';
  const colour = new Uint8Array(ordered.length); // 0 unseen, 1 on the stack, 2 done
  for (let root = 0; root < ordered.length; root++) {
    if (colour[root] !== 0) continue;
    // Iterative DFS: a 2,000-step chain must not overflow the stack.
    const stack: { node: number; edge: number }[] = [{ node: root, edge: 0 }];
    colour[root] = 1;
    for (let top = stack.at(-1); top !== undefined; top = stack.at(-1)) {
      const to = edges[top.node]?.[top.edge];
      if (to === undefined) {
        colour[top.node] = 2;
        stack.pop();
        continue;
      }
      top.edge++;
      if (colour[to] === 1) {
        const from = stack.findIndex((s) => s.node === to);
        return [...stack.slice(from).map((s) => id(s.node)), id(to)];
      }
      if (colour[to] === 0) {
        colour[to] = 1;
        stack.push({ node: to, edge: 0 });
      }
    }
  }
  return null;
}

/** The checks of a whole script (size, ids, targets, cycles), shared by GuidedScript and ScriptDraft. */
function refineScriptFlow(script: Pick<GuidedScriptShape, 'modules'>, ctx: z.RefinementCtx): void {
  const ordered = stepsInOrder(script.modules);
  if (ordered.length > scriptLimits.steps) {
    ctx.addIssue({
      code: 'custom',
      path: ['modules'],
      message: `a script has at most ${scriptLimits.steps} steps; this one has ${ordered.length}`,
    });
    return;
  }
  if (ordered.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['modules'], message: 'a script needs at least one step' });
    return;
  }
  const where = new Map<string, (string | number)[]>();
  for (const module of scriptModules) {
    script.modules[module].forEach((step, i) => {
      const path = ['modules', module, i];
      if (where.has(step.id)) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'id'],
          message: `step id "${step.id}" is used twice`,
        });
      }
      where.set(step.id, path);
    });
  }
  let dangling = false;
  for (const module of scriptModules) {
    script.modules[module].forEach((step, i) => {
      const path = ['modules', module, i];
      if (step.answers && (step.next !== undefined || step.ends)) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `step "${step.id}" is a question: its answers say where to go, not "next" or "ends"`,
        });
      }
      if (step.next !== undefined && !where.has(step.next)) {
        dangling = true;
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'next'],
          message: `step "${step.id}" goes next to "${step.next}", which is not a step of this script`,
        });
      }
      const answerIds = new Set<string>();
      step.answers?.forEach((answer, j) => {
        if (answerIds.has(answer.id)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'answers', j, 'id'],
            message: `answer id "${answer.id}" is used twice in step "${step.id}"`,
          });
        }
        answerIds.add(answer.id);
        if (!where.has(answer.goto)) {
          dangling = true;
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'answers', j, 'goto'],
            message: `answer "${answer.id}" of step "${step.id}" branches to "${answer.goto}", which is not a step of this script`,
          });
        }
      });
    });
  }
  if (dangling) return;
  const cycle = findCycle(ordered);
  if (cycle) {
    ctx.addIssue({
      code: 'custom',
      path: where.get(cycle[0] ?? '') ?? ['modules'],
      message: `the branches form a cycle: ${cycle.join(' → ')} (use Back to revisit a step, not a branch)`,
    });
  }
}

export const GuidedScript = GuidedScriptShape.superRefine(refineScriptFlow);
export type GuidedScript = z.infer<typeof GuidedScript>;

/**
 * What a lead publishes: a script without the fields the server assigns (team from the route,
 * the next version number, the publish time). Checked exactly as a GuidedScript is.
 */
export const ScriptDraft = GuidedScriptShape.omit({
  team: true,
  version: true,
  publishedAt: true,
}).superRefine(refineScriptFlow);
export type ScriptDraft = z.infer<typeof ScriptDraft>;
