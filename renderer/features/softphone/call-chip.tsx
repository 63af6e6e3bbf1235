import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/services';
import { useNow } from '../../app/use-now';
import { formatClock } from '../../../shared/util/clock-format';
import { callTitle } from './call-title';

/** The call in focus at a glance, in the top bar (visible from settings too). */
export function CallChip() {
  const { t } = useTranslation();
  const call = useApp((s) => s.lines.focused);
  const pop = useApp((s) => (s.lines.focused ? (s.pops[s.lines.focused.callId]?.data ?? null) : null));
  const state = call?.state ?? 'idle';
  return (
    <span className={`pill call-${state}`} role="status">
      {/* "On call" is already the agent's state beside it: said once, for screen readers only. */}
      <span
        data-testid="call-state"
        data-state={state}
        className={state === 'established' ? 'visually-hidden' : ''}
      >
        {t(`call.${state}`)}
      </span>
      {call ? <CallDetail since={call.answeredAt ?? call.startedAt} who={callTitle(call, pop)} /> : null}
    </span>
  );
}

function CallDetail({ since, who }: { since: string; who: string }) {
  const now = useNow();
  return (
    <>
      {' '}
      <span className="call-chip-time">{formatClock((now - Date.parse(since)) / 1000)}</span>
      {who ? <span className="call-chip-who"> · {who}</span> : null}
    </>
  );
}
