/** The pre-shift self-test: what is checked, and how a run's results read. */
export const selfTestChecks = ['microphone', 'speaker', 'sip', 'media'] as const;
export type SelfTestCheckId = (typeof selfTestChecks)[number];

export interface SelfTestCheck {
  id: SelfTestCheckId;
  status: 'pending' | 'running' | 'pass' | 'fail';
  /** Numbers for the agent and support: level, round-trip ms, candidate counts. */
  detail: Record<string, string>;
  /** A translation key saying why it failed. */
  problem: string | null;
}

export const overrideReasons = ['supervisor-approved', 'known-issue', 'other'] as const;
export type OverrideReason = (typeof overrideReasons)[number];

export interface SelfTestState {
  status: 'idle' | 'running' | 'passed' | 'failed' | 'overridden';
  checks: SelfTestCheck[];
  override: { reason: OverrideReason; at: string } | null;
}

export const initialSelfTest: SelfTestState = {
  status: 'idle',
  checks: selfTestChecks.map((id) => ({ id, status: 'pending', detail: {}, problem: null })),
  override: null,
};

/** Ready is offered only after the self-test passed, or the agent overrode it with a reason. */
export const readyAllowed = (s: SelfTestState): boolean => s.status === 'passed' || s.status === 'overridden';

/** The run's verdict from its checks: every one must pass. */
export function verdict(checks: readonly SelfTestCheck[]): 'passed' | 'failed' | 'running' {
  if (checks.some((c) => c.status === 'pending' || c.status === 'running')) return 'running';
  return checks.every((c) => c.status === 'pass') ? 'passed' : 'failed';
}

/** ICE candidates gathered → the media-path verdict: TURN configured means a relay is required. */
export function mediaPathVerdict(
  candidates: ReadonlyArray<{ type: string | null }>,
  iceServers: readonly string[],
): { pass: boolean; problem: string | null; detail: Record<string, string> } {
  const count = (t: string) => candidates.filter((c) => c.type === t).length;
  const detail = {
    host: String(count('host')),
    srflx: String(count('srflx')),
    relay: String(count('relay')),
  };
  if (candidates.length === 0) return { pass: false, problem: 'selfTest.problem.noCandidates', detail };
  if (iceServers.some((u) => u.startsWith('turn')) && count('relay') === 0)
    return { pass: false, problem: 'selfTest.problem.noRelay', detail };
  return { pass: true, problem: null, detail };
}

/** Microphone levels seen while listening → verdict (RMS; about 0.3 is a loud voice). */
export function microphoneVerdict(peak: number): { pass: boolean; problem: string | null } {
  return peak >= 0.005
    ? { pass: true, problem: null }
    : { pass: false, problem: 'selfTest.problem.silentMic' };
}
