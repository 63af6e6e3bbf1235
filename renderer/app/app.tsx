import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../shared';
import { NoticeLine } from '../features/notices';
import { RemoteAudio } from '../features/softphone';
import { setLocale } from '../i18n';
import { commandFor, dtmfKeyFor, runCommand } from './commands';
import { Gate } from './gate';
import { useApp, useServices } from './services';
import { SettingsView } from './settings-view';
import { TopBar } from './top-bar';
import { Workspace } from './workspace';
import { gateShown } from './workspace-selectors';

export function App() {
  const { t } = useTranslation();
  const services = useServices();
  const view = useApp((s) => s.workspace.view);
  const gate = useApp(gateShown);
  const [pastGate, setPastGate] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const cmd = commandFor(e);
      if (cmd) {
        e.preventDefault();
        cmd.run(services);
        return;
      }
      const tone = dtmfKeyFor(e);
      if (tone && services.store.getState().lines.focused?.state === 'established') {
        e.preventDefault();
        void services.telephony.sendDtmf(tone);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [services]);

  async function changeLocale(choice: Locale | 'auto') {
    const settings = await services.host['settings:update']({ locale: choice });
    services.store.getState().setSettings(settings);
    setLocale(choice === 'auto' ? (services.store.getState().info?.systemLocale ?? 'en') : choice);
  }

  const screen =
    view === 'settings' ? (
      <SettingsView />
    ) : gate && !pastGate ? (
      <Gate onContinue={() => setPastGate(true)} />
    ) : (
      <Workspace />
    );
  return (
    <div className="app">
      <a
        className="skip-link"
        href="#call-notes"
        data-testid="skip-to-notes"
        onClick={(e) => {
          e.preventDefault();
          runCommand('focusNotes', services);
        }}
      >
        {t('app.skipToNotes')}
      </a>
      <TopBar onLocale={(l) => void changeLocale(l)} />
      <RemoteAudio />
      <NoticeLine />
      {screen}
    </div>
  );
}
