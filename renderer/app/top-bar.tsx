import { useTranslation } from 'react-i18next';
import type { Locale } from '../../shared';
import { AgentStatusSelector } from '../features/agent-status';
import { CallChip } from '../features/softphone';
import { SyncIndicator } from '../features/sync';
import { useApp, useServices } from './services';

/**
 * The state that rules the shift, always in view: availability with its time (and the after-call
 * countdown), the call, the phone's registration, the server and the sync queue, then language,
 * settings and sign-in / sign-out.
 */
export function TopBar({ onLocale }: { onLocale: (l: Locale | 'auto') => void }) {
  const { t } = useTranslation();
  const { telephony, agentStatus, store } = useServices();
  const reg = useApp((s) => s.registration);
  const locale = useApp((s) => s.settings?.locale ?? 'auto');
  const view = useApp((s) => s.workspace.view);
  const problem = reg.problem
    ? t(
        reg.problem === 'wrong-password'
          ? 'reg.wrongPassword'
          : reg.problem === 'dropped'
            ? 'reg.dropped'
            : 'reg.unreachable',
      )
    : null;
  const signOut = async () => {
    if (store.getState().agent.state !== 'on-call') agentStatus.logout();
    await telephony.unregister();
  };
  return (
    <header className="top-bar">
      <strong className="brand">{t('app.title')}</strong>
      <AgentStatusSelector />
      <CallChip />
      <span
        className={`pill reg-${reg.state}`}
        data-testid="registration-state"
        data-state={reg.state}
        role="status"
        title={problem ?? t(`reg.${reg.state}`)}
      >
        <span className="pill-label">{t('reg.phone')}</span> {t(`reg.${reg.state}`)}
        {problem ? ` — ${problem}` : ''}
      </span>
      <SyncIndicator onOpenQueue={() => store.getState().showView('settings')} />
      <span className="spacer" />
      <label className="locale">
        <span className="visually-hidden">{t('app.language')}</span>
        <select
          data-testid="locale-select"
          aria-label={t('app.language')}
          value={locale}
          onChange={(e) => onLocale(e.target.value as Locale | 'auto')}
        >
          <option value="auto">{t('app.auto')}</option>
          <option value="zh-Hant">繁體中文</option>
          <option value="zh-Hans">简体中文</option>
          <option value="en">English</option>
        </select>
      </label>
      <button
        data-testid="open-settings"
        aria-pressed={view === 'settings'}
        onClick={() => store.getState().showView(view === 'settings' ? 'workspace' : 'settings')}
      >
        {view === 'settings' ? t('app.backToWork') : t('app.settings')}
      </button>
      {reg.state === 'unregistered' || reg.state === 'failed' ? (
        <button className="primary" data-testid="register-button" onClick={() => void telephony.register()}>
          {t('reg.register')}
        </button>
      ) : null}
      {reg.state !== 'unregistered' ? (
        <button data-testid="unregister-button" onClick={() => void signOut()}>
          {t('reg.unregister')}
        </button>
      ) : null}
    </header>
  );
}
