import { useTranslation } from 'react-i18next';
import { AudioSettingsSection } from '../features/devices';
import { HeadsetSettingsSection } from '../features/headset';
import { SelfTestPanel } from '../features/self-test';
import { ServerForm, SettingsForm } from '../features/settings';
import { SyncQueueSection } from '../features/sync';

/** Everything set up once and seldom touched, away from the call: behind ⚙ in the top bar. */
export function SettingsView() {
  const { t } = useTranslation();
  return (
    <main className="settings-view" data-testid="settings-view" aria-label={t('app.settings')}>
      <div className="settings-col">
        <SettingsForm />
        <ServerForm />
      </div>
      <div className="settings-col">
        <AudioSettingsSection />
        <HeadsetSettingsSection />
        <SelfTestPanel />
        <SyncQueueSection />
      </div>
    </main>
  );
}
