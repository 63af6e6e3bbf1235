import { HostHandlerError, wrapUpGaps, type TeamDispositionCode, type WrapUp } from '../../shared';

/**
 * The host boundary's check of a complete wrap-up (issue 11), before anything is stored: the
 * details must be this wrap-up's, and pass the rules (wrap-up-rules.ts) against the team's cached
 * codes at the moment the agent filed (`filedAt`). A wrap-up without details passes as before.
 * Throws invalid-input naming every gap; the caller then changes nothing.
 */
export function checkWrapUpDetails(w: WrapUp, codes: readonly TeamDispositionCode[]): void {
  const d = w.details;
  if (!d) return;
  if (d.wrapUpId !== w.id) {
    throw new HostHandlerError(
      'invalid-input',
      'the wrap-up details belong to another wrap-up (wrapUpId differs from id)',
    );
  }
  // The cache holds the signed-in team's codes only.
  const team = codes[0]?.team ?? '';
  const gaps = wrapUpGaps(d, { nowMs: Date.parse(d.filedAt), team, codes });
  if (gaps.length > 0) {
    throw new HostHandlerError(
      'invalid-input',
      `the wrap-up is incomplete: ${gaps.map((g) => `${g.field}: ${g.code}`).join('; ')}`,
    );
  }
}
