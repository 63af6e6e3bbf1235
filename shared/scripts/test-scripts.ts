import type { GuidedScript, ScriptStep } from '../domain/script-template';

/** Test helpers: a script shape (before validation) and a small complaint script with a branch. */
export function scriptInput(
  modules: Partial<Record<'opening' | 'confirm-problem' | 'solution' | 'closing', unknown[]>>,
  over: Record<string, unknown> = {},
) {
  return {
    id: 'complaint-std',
    team: 'team-a',
    name: 'Complaint',
    version: 1,
    publishedAt: '2026-12-01T08:00:00Z',
    rules: [{ category: 'complaint' }],
    modules: { opening: [], 'confirm-problem': [], solution: [], closing: [], ...modules },
    ...over,
  };
}

export function step(id: string, en: string, extra: Partial<ScriptStep> = {}): ScriptStep {
  return { id, text: { en }, ...extra };
}

/** hello → ask (question: refund → refund, repair → repair) ; refund ends ; repair → bye. */
export function complaintScript(): GuidedScript {
  return {
    id: 'complaint-std',
    team: 'team-a',
    name: 'Complaint',
    version: 3,
    publishedAt: '2026-12-01T08:00:00Z',
    rules: [{ category: 'complaint', priority: 0 }],
    modules: {
      opening: [step('hello', '{greeting}, {customer.title} {customer.name}. This is {agent.name}.')],
      'confirm-problem': [
        step('ask', 'Refund or repair?', {
          answers: [
            { id: 'refund', label: { en: 'Refund', 'zh-Hant': '退款' }, goto: 'refund' },
            { id: 'repair', label: { en: 'Repair' }, goto: 'repair' },
          ],
        }),
      ],
      solution: [
        step('refund', 'The refund takes 5 days.', {
          ends: true,
          suggest: { category: 'complaint', dispositionCode: 'refund' },
        }),
        step('repair', 'We will collect it.', { suggest: { dispositionCode: 'repair' } }),
      ],
      closing: [step('bye', 'Thank you for calling {company}.')],
    },
  };
}
