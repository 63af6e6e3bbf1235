import { describe, expect, it } from 'vitest';
import type { TeamDispositionCode, WrapUpDetailsDraft } from './wrap-up-details';
import { completeWrapUp, wrapUpGaps, type WrapUpGap, type WrapUpRulesContext } from './wrap-up-rules';

const now = Date.parse('2026-12-02T06:00:00Z');
const later = '2026-12-03T06:00:00Z';
const earlier = '2026-12-01T06:00:00Z';

const code = (c: string, active = true, team = 'team-a'): TeamDispositionCode => ({
  team,
  code: c,
  labels: { 'zh-Hant': c, 'zh-Hans': c, en: c },
  active,
});
const ctx: WrapUpRulesContext = {
  nowMs: now,
  team: 'team-a',
  codes: [code('resolved'), code('refund'), code('old-code', false), code('b-only', true, 'team-b')],
};

const base: WrapUpDetailsDraft = {
  wrapUpId: '0b6f8c1e-2f7a-4c1b-9d3e-5a6b7c8d9e0f',
  category: 'inquiry',
  priority: 'normal',
  dispositionCode: 'resolved',
  resolution: 'first-contact',
  surveyRequested: false,
  acwSeconds: 42,
};
const complaint = {
  complaintId: null,
  complainant: '王小明',
  contact: '+886223456789',
  content: 'The heater broke twice.',
  occurredAt: earlier,
  nature: 'product',
  severity: 'high',
  handler: 'lead-1',
};
const escalation = { target: { kind: 'tier2' as const }, handover: 'Needs a technician.', deadline: later };
const followUp = { owner: 'agent-7', dueAt: later, method: 'phone' };

const g = (field: string, code: WrapUpGap['code']): WrapUpGap => ({ field, code });

describe('wrapUpGaps', () => {
  it.each<[string, WrapUpDetailsDraft, WrapUpGap[]]>([
    ['a complete inquiry resolved on first contact', base, []],
    [
      'an empty form names every always-mandatory field',
      {},
      [
        g('category', 'wrapupGap.required'),
        g('priority', 'wrapupGap.required'),
        g('dispositionCode', 'wrapupGap.required'),
        g('resolution', 'wrapupGap.required'),
        g('surveyRequested', 'wrapupGap.required'),
        g('acwSeconds', 'wrapupGap.required'),
      ],
    ],
    [
      'an unknown category value',
      { ...base, category: 'gossip' as never },
      [g('category', 'wrapupGap.invalid')],
    ],
    [
      'a code not in the team’s list',
      { ...base, dispositionCode: 'made-up' },
      [g('dispositionCode', 'wrapupGap.unknownDisposition')],
    ],
    [
      'another team’s code',
      { ...base, dispositionCode: 'b-only' },
      [g('dispositionCode', 'wrapupGap.unknownDisposition')],
    ],
    [
      'a retired code on a new record',
      { ...base, dispositionCode: 'old-code' },
      [g('dispositionCode', 'wrapupGap.retiredDisposition')],
    ],
    [
      'urgent with normal priority',
      { ...base, category: 'urgent' },
      [g('priority', 'wrapupGap.urgentNeedsHighPriority')],
    ],
    ['urgent with high priority', { ...base, category: 'urgent', priority: 'high' }, []],
    ['negative ACW', { ...base, acwSeconds: -1 }, [g('acwSeconds', 'wrapupGap.invalid')]],
    ['fractional ACW', { ...base, acwSeconds: 1.5 }, [g('acwSeconds', 'wrapupGap.invalid')]],
    [
      'a complaint without its block',
      { ...base, category: 'complaint' },
      [
        'complaint.complainant',
        'complaint.contact',
        'complaint.content',
        'complaint.occurredAt',
        'complaint.nature',
        'complaint.severity',
        'complaint.handler',
      ].map((f) => g(f, 'wrapupGap.requiredForComplaint')),
    ],
    ['a complete complaint', { ...base, category: 'complaint', complaint }, []],
    [
      'a complaint with blank names and a bad severity',
      {
        ...base,
        category: 'complaint',
        complaint: { ...complaint, complainant: '  ', handler: '', severity: 'huge' },
      },
      [
        g('complaint.complainant', 'wrapupGap.requiredForComplaint'),
        g('complaint.severity', 'wrapupGap.invalid'),
        g('complaint.handler', 'wrapupGap.requiredForComplaint'),
      ],
    ],
    [
      'a complaint time in the future, and one that is not a time',
      { ...base, category: 'complaint', complaint: { ...complaint, occurredAt: later } },
      [g('complaint.occurredAt', 'wrapupGap.timeInFuture')],
    ],
    [
      'a complaint time that is not a time',
      { ...base, category: 'complaint', complaint: { ...complaint, occurredAt: 'yesterday' } },
      [g('complaint.occurredAt', 'wrapupGap.invalidTime')],
    ],
    [
      'complaint content over the cap',
      { ...base, category: 'complaint', complaint: { ...complaint, content: 'x'.repeat(10_001) } },
      [{ field: 'complaint.content', code: 'wrapupGap.tooLong', params: { max: 10_000 } }],
    ],
    [
      'a complaint block left on an inquiry',
      { ...base, complaint },
      [g('complaint', 'wrapupGap.complaintNotChosen')],
    ],
    [
      'escalated without the escalation',
      { ...base, resolution: 'escalated' },
      [
        g('escalation.target', 'wrapupGap.requiredForEscalation'),
        g('escalation.handover', 'wrapupGap.requiredForEscalation'),
        g('escalation.deadline', 'wrapupGap.requiredForEscalation'),
      ],
    ],
    ['escalated to tier 2 with a future deadline', { ...base, resolution: 'escalated', escalation }, []],
    [
      'escalated with a deadline in the past',
      { ...base, resolution: 'escalated', escalation: { ...escalation, deadline: earlier } },
      [g('escalation.deadline', 'wrapupGap.deadlineInPast')],
    ],
    [
      'escalated with a deadline of exactly now',
      {
        ...base,
        resolution: 'escalated',
        escalation: { ...escalation, deadline: new Date(now).toISOString() },
      },
      [g('escalation.deadline', 'wrapupGap.deadlineInPast')],
    ],
    [
      'escalated to a department with no name',
      {
        ...base,
        resolution: 'escalated',
        escalation: { ...escalation, target: { kind: 'department', department: ' ' } },
      },
      [g('escalation.target.department', 'wrapupGap.requiredForEscalation')],
    ],
    [
      'escalated to a named department',
      {
        ...base,
        resolution: 'escalated',
        escalation: { ...escalation, target: { kind: 'department', department: 'billing' } },
      },
      [],
    ],
    [
      'an escalation block without resolution escalated',
      { ...base, escalation },
      [g('escalation', 'wrapupGap.escalationNotChosen')],
    ],
    [
      'follow-up needed without the follow-up',
      { ...base, resolution: 'follow-up-needed' },
      [
        g('followUp.owner', 'wrapupGap.requiredForFollowUp'),
        g('followUp.dueAt', 'wrapupGap.requiredForFollowUp'),
        g('followUp.method', 'wrapupGap.requiredForFollowUp'),
      ],
    ],
    ['follow-up needed, complete', { ...base, resolution: 'follow-up-needed', followUp }, []],
    [
      'a follow-up due in the past by an unknown method',
      { ...base, resolution: 'follow-up-needed', followUp: { ...followUp, dueAt: earlier, method: 'fax' } },
      [g('followUp.dueAt', 'wrapupGap.dueInPast'), g('followUp.method', 'wrapupGap.invalid')],
    ],
    ['a satisfaction follow-up after a first-contact resolution', { ...base, followUp }, []],
    [
      'a complaint escalated with a follow-up: every block at once',
      {
        ...base,
        category: 'complaint',
        priority: 'high',
        resolution: 'escalated',
        complaint,
        escalation,
        followUp,
      },
      [],
    ],
    [
      'an escalated complaint missing everything, all gaps at once',
      { ...base, category: 'complaint', resolution: 'escalated', dispositionCode: 'old-code' },
      [
        g('dispositionCode', 'wrapupGap.retiredDisposition'),
        ...[
          'complaint.complainant',
          'complaint.contact',
          'complaint.content',
          'complaint.occurredAt',
          'complaint.nature',
          'complaint.severity',
          'complaint.handler',
        ].map((f) => g(f, 'wrapupGap.requiredForComplaint')),
        ...['escalation.target', 'escalation.handover', 'escalation.deadline'].map((f) =>
          g(f, 'wrapupGap.requiredForEscalation'),
        ),
      ],
    ],
  ])('%s', (_, draft, gaps) => {
    expect(wrapUpGaps(draft, ctx)).toEqual(gaps);
  });

  it('allows a retired code when amending a record that already had it', () => {
    expect(
      wrapUpGaps({ ...base, dispositionCode: 'old-code' }, { ...ctx, originalDispositionCode: 'old-code' }),
    ).toEqual([]);
    expect(
      wrapUpGaps({ ...base, dispositionCode: 'old-code' }, { ...ctx, originalDispositionCode: 'resolved' }),
    ).toEqual([g('dispositionCode', 'wrapupGap.retiredDisposition')]);
  });

  it('judges time rules by the filing clock, so an offline wrap-up is not refused on arrival', () => {
    const draft = { ...base, resolution: 'escalated' as const, escalation };
    expect(wrapUpGaps(draft, ctx)).toEqual([]);
    expect(wrapUpGaps(draft, { ...ctx, nowMs: Date.parse(later) + 1 })).toEqual([
      g('escalation.deadline', 'wrapupGap.deadlineInPast'),
    ]);
  });
});

describe('completeWrapUp', () => {
  it('turns a complete draft into the archive record, trimmed and stamped', () => {
    const r = completeWrapUp(
      {
        ...base,
        category: 'complaint',
        resolution: 'escalated',
        complaint: { ...complaint, complainant: ' 王小明 ' },
        escalation,
        script: {
          scriptId: 'complaint-std',
          version: 3,
          path: ['hello', 'ask', 'refund'],
          exitStepId: 'refund',
          completed: true,
          pathTruncated: false,
        },
      },
      ctx,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      filedAt: '2026-12-02T06:00:00.000Z',
      complaint: { complainant: '王小明', complaintId: null },
      escalation: { target: { kind: 'tier2' }, deadline: later },
      followUp: null,
      script: { version: 3, exitStepId: 'refund' },
    });
  });

  it('returns the gaps instead of a record', () => {
    expect(completeWrapUp({ ...base, resolution: 'escalated' }, ctx)).toMatchObject({
      ok: false,
      gaps: { length: 3 },
    });
  });

  it('reports a schema failure the rules do not cover as a gap', () => {
    expect(completeWrapUp({ ...base, wrapUpId: 'not-a-uuid' }, ctx)).toEqual({
      ok: false,
      gaps: [g('wrapUpId', 'wrapupGap.invalid')],
    });
  });
});
