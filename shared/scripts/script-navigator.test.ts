import { describe, expect, it } from 'vitest';
import { GuidedScript } from '../domain/script-template';
import { IllegalTransitionError } from '../util/illegal-transition';
import {
  answerQuestion,
  canGoBack,
  currentStep,
  latestSuggestion,
  leaveScript,
  maxPathEntries,
  nextStep,
  scriptOutcome,
  startScript,
  stepBack,
} from './script-navigator';
import { complaintScript, scriptInput, step } from './test-scripts';

const script = GuidedScript.parse(complaintScript());

describe('script navigator', () => {
  it('starts at the first step of the opening', () => {
    const s = startScript(script);
    expect(s).toMatchObject({ status: 'running', current: 'hello', version: 3 });
    expect(canGoBack(s)).toBe(false);
  });

  it('follows next across modules, branches on an answer, and completes at the end', () => {
    let s = nextStep(script, startScript(script));
    expect(s.current).toBe('ask');
    expect(currentStep(script, s).answers).toHaveLength(2);
    s = answerQuestion(script, s, 'repair');
    expect(s.current).toBe('repair');
    s = nextStep(script, s);
    expect(s.current).toBe('bye');
    s = nextStep(script, s);
    expect(s.status).toBe('completed');
    expect(scriptOutcome(s)).toEqual({
      scriptId: 'complaint-std',
      version: 3,
      path: ['hello', 'ask', 'repair', 'bye'],
      exitStepId: 'bye',
      completed: true,
      pathTruncated: false,
    });
  });

  it('an `ends` step finishes the branch without falling into the next step', () => {
    let s = answerQuestion(script, nextStep(script, startScript(script)), 'refund');
    s = nextStep(script, s);
    expect(s).toMatchObject({ status: 'completed', current: 'refund' });
  });

  it('steps back through history and records it in the path', () => {
    let s = answerQuestion(script, nextStep(script, startScript(script)), 'refund');
    s = stepBack(s);
    expect(s.current).toBe('ask');
    s = answerQuestion(script, s, 'repair');
    expect(s.path).toEqual([
      { stepId: 'hello', via: 'start' },
      { stepId: 'ask', via: 'next' },
      { stepId: 'refund', via: 'answer', answerId: 'refund' },
      { stepId: 'ask', via: 'back' },
      { stepId: 'repair', via: 'answer', answerId: 'repair' },
    ]);
    s = stepBack(stepBack(s));
    expect(s.current).toBe('hello');
    expect(canGoBack(s)).toBe(false);
    expect(() => stepBack(s)).toThrow(IllegalTransitionError);
  });

  it('back from completed reopens the last step', () => {
    const done = nextStep(script, answerQuestion(script, nextStep(script, startScript(script)), 'refund'));
    expect(canGoBack(done)).toBe(true);
    expect(stepBack(done)).toMatchObject({ status: 'running', current: 'refund' });
  });

  it('leaving records the step where the call left the script', () => {
    const s = leaveScript(nextStep(script, startScript(script)));
    expect(scriptOutcome(s)).toMatchObject({ exitStepId: 'ask', completed: false, path: ['hello', 'ask'] });
  });

  it('refuses illegal moves', () => {
    const ask = nextStep(script, startScript(script));
    expect(() => nextStep(script, ask)).toThrow(IllegalTransitionError); // a question needs an answer
    expect(() => answerQuestion(script, ask, 'nope')).toThrow(IllegalTransitionError);
    expect(() => answerQuestion(script, startScript(script), 'refund')).toThrow(IllegalTransitionError);
    const left = leaveScript(ask);
    for (const move of [() => nextStep(script, left), () => stepBack(left), () => leaveScript(left)]) {
      expect(move).toThrow(IllegalTransitionError);
    }
    const done = nextStep(script, answerQuestion(script, ask, 'refund'));
    expect(() => nextStep(script, done)).toThrow(IllegalTransitionError);
  });

  it('does not mutate the state it was given', () => {
    const s = startScript(script);
    const copy = structuredClone(s);
    nextStep(script, s);
    expect(s).toEqual(copy);
  });

  it('gives the latest suggestion along the path for the agent to confirm', () => {
    let s = nextStep(script, startScript(script));
    expect(latestSuggestion(script, s)).toBeNull();
    s = answerQuestion(script, s, 'repair');
    expect(latestSuggestion(script, nextStep(script, s))).toEqual({
      stepId: 'repair',
      suggest: { dispositionCode: 'repair' },
    });
  });

  it('keeps the path within its cap when the agent goes back and forth', () => {
    const two = GuidedScript.parse(scriptInput({ opening: [step('a', 'A'), step('b', 'B')] }));
    let s = startScript(two);
    for (let i = 0; i < maxPathEntries; i++) s = stepBack(nextStep(two, s));
    expect(s.path).toHaveLength(maxPathEntries);
    expect(scriptOutcome(s)).toMatchObject({ pathTruncated: true, exitStepId: 'a' });
  });
});
