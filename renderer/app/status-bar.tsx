import { useTranslation } from 'react-i18next';
import type { Locale } from '../../shared';
import { SyncIndicator } from '../features/sync/sync-indicator';
import { AgentStatusSelector } from '../features/agent-status/agent-status-selector';
import { useApp, useServices } from './services';

export function StatusBar({ onLocale }: { onLocale: (l: Locale | 'auto') => void }) {
  const { t } = useTranslation();
  const { telephony } = useServices();
  const reg = useApp((s) => s.registration);
  const callState = useApp((s) => s.call?.state ?? 'idle');
  const locale = useApp((s) => s.settings?.locale ?? 'auto');
  const problem = reg.problem
    ? t(
        reg.problem === 'wrong-password'
          ? 'reg.wrongPassword'
          : reg.problem === 'dropped'
            ? 'reg.dropped'
            : 'reg.unreachable',
      )
    : null;
  return (
    <header className="status-bar">
      <strong className="brand">{t('app.title')}</strong>
      <span
        className={`pill reg-${reg.state}`}
        data-testid="registration-state"
        data-state={reg.state}
        role="status"
      >
        {t(`reg.${reg.state}`)}
        {problem ? ` — ${problem}` : ''}
      </span>
      <span className={`pill call-${callState}`} data-testid="call-state" data-state={callState}>
        {t(`call.${callState}`)}
      </span>
      <AgentStatusSelector />
      <SyncIndicator />
      <span className="spacer" />
      {reg.state === 'unregistered' || reg.state === 'failed' ? (
        <button data-testid="register-button" onClick={() => void telephony.register()}>
          {t('reg.register')}
        </button>
      ) : null}
      {reg.state !== 'unregistered' ? (
        <button data-testid="unregister-button" onClick={() => void telephony.unregister()}>
          {t('reg.unregister')}
        </button>
      ) : null}
      <label className="locale">
        {t('app.language')}{' '}
        <select
          data-testid="locale-select"
          value={locale}
          onChange={(e) => onLocale(e.target.value as Locale | 'auto')}
        >
          <option value="auto">{t('app.auto')}</option>
          <option value="zh-Hant">繁體中文</option>
          <option value="zh-Hans">简体中文</option>
          <option value="en">English</option>
        </select>
      </label>
    </header>
  );
}
