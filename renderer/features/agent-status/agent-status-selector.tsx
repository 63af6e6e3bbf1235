import { useTranslation } from 'react-i18next';
import { useApp, useServices } from '../../app/services';
import { acwRemainingSeconds, notReadyReasons, type NotReadyReason } from './agent-status-machine';

/** The agent's status, always visible in the status bar, and the choice of it. */
export function AgentStatusSelector() {
  const { t } = useTranslation();
  const { agentStatus } = useServices();
  const agent = useApp((s) => s.agent);
  const remaining = acwRemainingSeconds(agent, Date.now());
  const value = agent.state === 'not-ready' ? `not-ready:${agent.reason ?? 'other'}` : agent.state;
  const choose = (v: string) => {
    if (v === 'ready') agentStatus.setReady();
    else if (v === 'logged-out') agentStatus.logout();
    else if (v.startsWith('not-ready:'))
      agentStatus.setNotReady(v.slice('not-ready:'.length) as NotReadyReason);
  };
  return (
    <span className="agent-status">
      <span
        className={`pill agent-${agent.state}`}
        data-testid="agent-state"
        data-state={agent.state}
        data-reason={agent.reason ?? ''}
      >
        {agent.state === 'not-ready'
          ? `${t('agent.not-ready')} · ${t(`agent.reason.${agent.reason ?? 'other'}`)}`
          : t(`agent.${agent.state}`)}
      </span>
      {agent.state === 'acw' ? (
        <>
          <span data-testid="acw-countdown">
            {t('agent.acwLeft', {
              time: `${Math.floor(remaining / 60)}:${String(remaining % 60).padStart(2, '0')}`,
            })}
          </span>
          <button data-testid="acw-finish" onClick={() => agentStatus.setReady()}>
            {t('agent.readyNow')}
          </button>
        </>
      ) : null}
      {agent.state === 'on-call' ? null : (
        <select
          data-testid="agent-state-select"
          aria-label={t('agent.choose')}
          value={value}
          onChange={(e) => choose(e.target.value)}
        >
          {agent.state === 'acw' ? <option value="acw">{t('agent.acw')}</option> : null}
          <option value="ready">{t('agent.ready')}</option>
          {notReadyReasons.map((r) => (
            <option key={r} value={`not-ready:${r}`}>
              {`${t('agent.not-ready')} · ${t(`agent.reason.${r}`)}`}
            </option>
          ))}
          <option value="logged-out">{t('agent.logged-out')}</option>
        </select>
      )}
    </span>
  );
}
