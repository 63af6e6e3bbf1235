import { nextStepId, stepsInOrder, type GuidedScript, type ScriptStep } from '../domain/script-template';
import { IllegalTransitionError } from '../util/illegal-transition';

/**
 * The agent's walk through one script: a pure state machine (style.md §7). Every move returns a new
 * state; a move the table does not allow throws IllegalTransitionError.
 *
 *   running   --next/answer--> running | completed
 *   running   --back--------> running          (not on the first step)
 *   completed --back--------> running
 *   running | completed --leave--> left        (left is final)
 */
export type NavigatorStatus = 'running' | 'completed' | 'left';
export type NavigatorMove = 'next' | 'answer' | 'back' | 'leave';

export type PathEntry = { stepId: string; via: 'start' | 'next' | 'answer' | 'back'; answerId?: string };

export type NavigatorState = {
  scriptId: string;
  version: number;
  status: NavigatorStatus;
  current: string;
  /** Steps to go Back to (navigation history, not branches). */
  history: readonly string[];
  /** Every step shown, in order, with how the agent got there: kept with the wrap-up. */
  path: readonly PathEntry[];
  /** The oldest path entries were dropped to stay within `maxPathEntries`. */
  pathTruncated: boolean;
};

export const maxPathEntries = 500;

const allowed: Readonly<Record<NavigatorStatus, readonly NavigatorMove[]>> = {
  running: ['next', 'answer', 'back', 'leave'],
  completed: ['back', 'leave'],
  left: [],
};

function check(state: NavigatorState, move: NavigatorMove, to: NavigatorStatus) {
  if (!allowed[state.status].includes(move)) throw new IllegalTransitionError('script', state.status, to);
}

function append(state: NavigatorState, entry: PathEntry): Pick<NavigatorState, 'path' | 'pathTruncated'> {
  const path = [...state.path, entry];
  if (path.length <= maxPathEntries) return { path, pathTruncated: state.pathTruncated };
  return { path: path.slice(path.length - maxPathEntries), pathTruncated: true };
}

function indexOf(script: GuidedScript) {
  const ordered = stepsInOrder(script.modules);
  return { ordered, at: new Map(ordered.map((o, i) => [o.step.id, i])) };
}

export function currentStep(script: GuidedScript, state: NavigatorState): ScriptStep {
  const { ordered, at } = indexOf(script);
  const i = at.get(state.current);
  const step = i === undefined ? undefined : ordered[i]?.step;
  if (!step) throw new Error(`script ${script.id}: no step "${state.current}"`);
  return step;
}

export function startScript(script: GuidedScript): NavigatorState {
  const first = stepsInOrder(script.modules)[0];
  if (!first) throw new Error(`script ${script.id} has no steps`);
  return {
    scriptId: script.id,
    version: script.version,
    status: 'running',
    current: first.step.id,
    history: [],
    path: [{ stepId: first.step.id, via: 'start' }],
    pathTruncated: false,
  };
}

function goTo(state: NavigatorState, to: string, entry: PathEntry): NavigatorState {
  return { ...state, current: to, history: [...state.history, state.current], ...append(state, entry) };
}

/** "Next" on a step that is not a question: its `next`, the following step, or the end of the script. */
export function nextStep(script: GuidedScript, state: NavigatorState): NavigatorState {
  check(state, 'next', 'running');
  const { ordered, at } = indexOf(script);
  const i = at.get(state.current) ?? -1;
  if (currentStep(script, state).answers) throw new IllegalTransitionError('script', 'question', 'next');
  const target = nextStepId(ordered, i);
  if (target === null) return { ...state, status: 'completed' };
  return goTo(state, target, { stepId: target, via: 'next' });
}

export function answerQuestion(
  script: GuidedScript,
  state: NavigatorState,
  answerId: string,
): NavigatorState {
  check(state, 'answer', 'running');
  const answer = currentStep(script, state).answers?.find((a) => a.id === answerId);
  if (!answer) throw new IllegalTransitionError('script', state.current, `answer ${answerId}`);
  return goTo(state, answer.goto, { stepId: answer.goto, via: 'answer', answerId });
}

export function canGoBack(state: NavigatorState): boolean {
  return state.status === 'completed' || (state.status === 'running' && state.history.length > 0);
}

export function stepBack(state: NavigatorState): NavigatorState {
  check(state, 'back', 'running');
  if (state.status === 'completed') return { ...state, status: 'running' };
  const previous = state.history.at(-1);
  if (previous === undefined) throw new IllegalTransitionError('script', 'first step', 'back');
  return {
    ...state,
    current: previous,
    history: state.history.slice(0, -1),
    ...append(state, { stepId: previous, via: 'back' }),
  };
}

/** The agent leaves the script (or picks another one): the step shown now is the exit step. */
export function leaveScript(state: NavigatorState): NavigatorState {
  check(state, 'leave', 'left');
  return { ...state, status: 'left' };
}

/** What the wrap-up keeps: script, version, path taken and the exit step (WrapUpScriptRecord). */
export function scriptOutcome(state: NavigatorState) {
  return {
    scriptId: state.scriptId,
    version: state.version,
    path: state.path.map((p) => p.stepId),
    exitStepId: state.current,
    completed: state.status === 'completed',
    pathTruncated: state.pathTruncated,
  };
}

/** The latest wrap-up suggestion along the path, for the agent to confirm. */
export function latestSuggestion(script: GuidedScript, state: NavigatorState) {
  const { ordered, at } = indexOf(script);
  for (const { stepId } of [...state.path].reverse()) {
    const suggest = ordered[at.get(stepId) ?? -1]?.step.suggest;
    if (suggest) return { stepId, suggest };
  }
  return null;
}
