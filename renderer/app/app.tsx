import { useEffect } from 'react';
import type { Locale } from '../../shared';
import { setLocale } from '../i18n';
import { AudioSettingsSection } from '../features/devices/audio-settings';
import { HeadsetSettingsSection } from '../features/headset';
import { ServerForm } from '../features/settings/server-form';
import { SettingsForm } from '../features/settings/settings-form';
import { SelfTestPanel } from '../features/self-test/self-test-panel';
import { RecentCallsPanel } from '../features/call-history';
import { CallPanel } from '../features/softphone/call-panel';
import { DialPad } from '../features/softphone/dial-pad';
import { ScreenPopCard } from '../features/screen-pop/screen-pop-card';
import { SyncQueueSection } from '../features/sync/sync-queue-section';
import { WrapUpForm } from '../features/wrap-up/wrap-up-form';
import { commandFor, dtmfKeyFor } from './commands';
import { useServices } from './services';
import { StatusBar } from './status-bar';

export function App() {
  const services = useServices();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const cmd = commandFor(e);
      if (cmd) {
        e.preventDefault();
        cmd.run(services);
        return;
      }
      const tone = dtmfKeyFor(e);
      if (tone && services.store.getState().call?.state === 'established') {
        e.preventDefault();
        void services.telephony.sendDtmf(tone);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [services]);

  async function changeLocale(choice: Locale | 'auto') {
    const settings = await services.host['settings:update']({ locale: choice });
    services.store.setState({ settings });
    setLocale(choice === 'auto' ? (services.store.getState().info?.systemLocale ?? 'en') : choice);
  }

  return (
    <div className="app">
      <StatusBar onLocale={(l) => void changeLocale(l)} />
      <main className="columns">
        <div className="left">
          <CallPanel />
          <SelfTestPanel />
          <DialPad />
          <SettingsForm />
          <AudioSettingsSection />
          <HeadsetSettingsSection />
          <ServerForm />
        </div>
        <div className="right">
          <ScreenPopCard />
          <WrapUpForm />
          <RecentCallsPanel />
          <SyncQueueSection />
        </div>
      </main>
    </div>
  );
}
