import { useTranslation } from 'react-i18next';
import { useApp, useServices } from '../../app/services';
import { useNow } from '../../app/use-now';
import { formatClock } from '../../../shared/util/clock-format';
import { acwRemainingSeconds, notReadyReasons, type NotReadyReason } from './agent-status-machine';

/**
 * The agent's availability, said once: one control that shows the state with its time (and the
 * after-call countdown) and changes it. During a call it reads "On call" and cannot be changed.
 */
export function AgentStatusSelector() {
  const { t } = useTranslation();
  const { agentStatus } = useServices();
  const agent = useApp((s) => s.agent);
  const now = useNow();
  // The clock ticks once a second from mount: read the time afresh so the countdown is never a second behind.
  const remaining = acwRemainingSeconds(agent, Math.max(now, Date.now()));
  const value = agent.state === 'not-ready' ? `not-ready:${agent.reason ?? 'other'}` : agent.state;
  const label =
    agent.state === 'not-ready'
      ? `${t('agent.not-ready')} · ${t(`agent.reason.${agent.reason ?? 'other'}`)}`
      : t(`agent.${agent.state}`);
  const choose = (v: string) => {
    if (v === 'ready') agentStatus.setReady();
    else if (v === 'logged-out') agentStatus.logout();
    else if (v.startsWith('not-ready:'))
      agentStatus.setNotReady(v.slice('not-ready:'.length) as NotReadyReason);
  };
  return (
    <div
      className={`agent-status agent-${agent.state}`}
      data-testid="agent-state"
      data-state={agent.state}
      data-reason={agent.reason ?? ''}
    >
      <span className="dot" aria-hidden="true" />
      <select
        data-testid="agent-state-select"
        aria-label={t('agent.choose')}
        value={value}
        disabled={agent.state === 'on-call'}
        onChange={(e) => choose(e.target.value)}
      >
        {agent.state === 'on-call' ? <option value="on-call">{label}</option> : null}
        {agent.state === 'acw' ? <option value="acw">{t('agent.acw')}</option> : null}
        <option value="ready">{t('agent.ready')}</option>
        {notReadyReasons.map((r) => (
          <option key={r} value={`not-ready:${r}`}>
            {`${t('agent.not-ready')} · ${t(`agent.reason.${r}`)}`}
          </option>
        ))}
        <option value="logged-out">{t('agent.logged-out')}</option>
      </select>
      {agent.state === 'acw' ? (
        <>
          <span className="timer" data-testid="acw-countdown" title={t('agent.acwTitle')}>
            {t('agent.acwLeft', { time: formatClock(remaining) })}
          </span>
          <button data-testid="acw-finish" onClick={() => agentStatus.setReady()}>
            {t('agent.readyNow')}
          </button>
        </>
      ) : (
        <span className="timer" data-testid="agent-state-time" title={t('agent.timeInState')}>
          {formatClock(Math.max(0, Math.floor((now - agent.since) / 1000)))}
        </span>
      )}
    </div>
  );
}
