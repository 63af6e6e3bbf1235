import { describe, expect, it } from 'vitest';
import {
  initialSelfTest,
  mediaPathVerdict,
  microphoneVerdict,
  readyAllowed,
  verdict,
  type SelfTestCheck,
} from './self-test-checks';

const check = (status: SelfTestCheck['status']): SelfTestCheck => ({
  id: 'sip',
  status,
  detail: {},
  problem: null,
});

describe('self-test verdicts', () => {
  it('passes only when every check passed', () => {
    expect(verdict([check('pass'), check('pass')])).toBe('passed');
    expect(verdict([check('pass'), check('fail')])).toBe('failed');
    expect(verdict([check('pass'), check('running')])).toBe('running');
  });

  it('offers Ready only after a pass or an override', () => {
    expect(readyAllowed(initialSelfTest)).toBe(false);
    expect(readyAllowed({ ...initialSelfTest, status: 'failed' })).toBe(false);
    expect(readyAllowed({ ...initialSelfTest, status: 'passed' })).toBe(true);
    expect(
      readyAllowed({ ...initialSelfTest, status: 'overridden', override: { reason: 'other', at: '' } }),
    ).toBe(true);
  });

  it('media path: some candidate is needed, and a relay one when TURN is configured', () => {
    expect(mediaPathVerdict([], []).pass).toBe(false);
    expect(mediaPathVerdict([{ type: 'host' }], [])).toEqual({
      pass: true,
      problem: null,
      detail: { host: '1', srflx: '0', relay: '0' },
    });
    expect(mediaPathVerdict([{ type: 'host' }], ['turn:turn.example.com']).problem).toBe(
      'selfTest.problem.noRelay',
    );
    expect(mediaPathVerdict([{ type: 'relay' }], ['turns:turn.example.com']).pass).toBe(true);
  });

  it('microphone: silence fails, a voice passes', () => {
    expect(microphoneVerdict(0).pass).toBe(false);
    expect(microphoneVerdict(0.05).pass).toBe(true);
  });
});
