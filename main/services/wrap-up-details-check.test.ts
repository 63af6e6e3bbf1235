import { describe, expect, it } from 'vitest';
import type { TeamDispositionCode, WrapUp, WrapUpDetails } from '../../shared';
import { checkWrapUpDetails } from './wrap-up-details-check';

const id = '6f1c2b1e-1b2a-4c3d-8e9f-0a1b2c3d4e5f';
const filedAt = '2026-11-25T01:06:00.000Z';
const labels = { 'zh-Hant': 'x', 'zh-Hans': 'x', en: 'x' };
const codes: TeamDispositionCode[] = [
  { team: 'team-north', code: 'resolved', labels, active: true },
  { team: 'team-north', code: 'old-code', labels, active: false },
];
const details = (over: Partial<WrapUpDetails> = {}): WrapUpDetails => ({
  wrapUpId: id,
  filedAt,
  category: 'inquiry',
  priority: 'normal',
  dispositionCode: 'resolved',
  resolution: 'escalated',
  complaint: null,
  escalation: { target: { kind: 'tier2' }, handover: 'h', deadline: '2026-11-26T01:00:00.000Z' },
  followUp: null,
  surveyRequested: false,
  script: null,
  acwSeconds: 10,
  ...over,
});
const wrapUp = (d?: WrapUpDetails): WrapUp => ({
  id,
  callId: '7f1c2b1e-1b2a-4c3d-8e9f-0a1b2c3d4e5f',
  customerId: null,
  phone: '+886223456789',
  agent: 'Agent',
  startedAt: '2026-11-25T01:00:00.000Z',
  endedAt: '2026-11-25T01:05:00.000Z',
  category: 'inquiry',
  priority: 'normal',
  disposition: 'resolved',
  notes: '',
  details: d,
});

describe('checkWrapUpDetails', () => {
  it('passes a wrap-up without details, and a complete one', () => {
    expect(() => checkWrapUpDetails(wrapUp(), codes)).not.toThrow();
    expect(() => checkWrapUpDetails(wrapUp(details()), codes)).not.toThrow();
  });

  it('refuses details of another wrap-up', () => {
    const d = details({ wrapUpId: '8f1c2b1e-1b2a-4c3d-8e9f-0a1b2c3d4e5f' });
    expect(() => checkWrapUpDetails(wrapUp(d), codes)).toThrow(/wrapUpId differs from id/);
  });

  it('refuses a retired or unknown code and names each gap', () => {
    expect(() => checkWrapUpDetails(wrapUp(details({ dispositionCode: 'old-code' })), codes)).toThrow(
      /dispositionCode: wrapupGap\.retiredDisposition/,
    );
    expect(() => checkWrapUpDetails(wrapUp(details({ dispositionCode: 'nope' })), codes)).toThrow(
      /dispositionCode: wrapupGap\.unknownDisposition/,
    );
    // Judged at filedAt: a deadline before the filing moment is a gap.
    const late = details({ escalation: { target: { kind: 'tier2' }, handover: 'h', deadline: filedAt } });
    expect(() => checkWrapUpDetails(wrapUp(late), codes)).toThrow(
      /escalation\.deadline: wrapupGap\.deadlineInPast/,
    );
  });
});
