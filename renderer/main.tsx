import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { runCommand } from './app/commands';
import { ServicesContext, type Services } from './app/services';
import { HeadsetControl, navigatorHid } from './features/headset';
import { publishAgentStates } from './features/agent-status/agent-state-publishing';
import { SelfTestRunner } from './features/self-test/self-test-runner';
import { Telephony } from './features/softphone/telephony';
import { SyncStatusPoller } from './features/sync/sync-status';
import { WrapUpController } from './features/wrap-up/wrap-up-controller';
import { connectHost } from './host/host-client';
import { initI18n, setLocale } from './i18n';
import { createAppStore } from './store/app-store';
import './styles.css';

async function boot() {
  const host = connectHost();
  const store = createAppStore();
  const wrapUps = new WrapUpController(store, host);
  const telephony = new Telephony(store, host, wrapUps);
  const [info, settings] = await Promise.all([host['app:info']({}), host['settings:get']({})]);
  store.setState({ info, settings });
  const locale = settings.locale === 'auto' ? info.systemLocale : settings.locale;
  await initI18n(locale);
  setLocale(locale);
  await wrapUps.restore();
  // Every change of the agent's state goes to the central server through the host (issue 4).
  publishAgentStates(store, host);
  // Runs for the life of the window: the status bar always shows the server's state.
  const sync = new SyncStatusPoller(store, host);
  sync.start();
  // Global shortcuts and wake-ups from the Electron shell; in a browser, the network coming back.
  const shell = (window as { seatdeskShell?: { onCommand(cb: (c: string) => void): () => void } })
    .seatdeskShell;
  shell?.onCommand((c) => {
    if (c === 'answer') void telephony.answer();
    else if (c === 'hangup') void telephony.hangup();
    else if (c === 'reconnect') telephony.phone.reconnectNow();
  });
  window.addEventListener('online', () => telephony.phone.reconnectNow());
  // The pre-shift self-test runs at log-in (the first registration); Ready waits for it.
  const selfTest = new SelfTestRunner({
    store,
    devices: telephony.devices,
    sipPing: () => telephony.phone.ping(),
    ice: () => telephony.ice,
  });
  // Each sync with the central server (sign-in, then every poll) may have brought fresh TURN
  // credentials: the softphone picks them up then (a local host call, never on the call path).
  store.subscribe((s, prev) => {
    const synced = s.sync?.lastSyncAt !== prev.sync?.lastSyncAt;
    if (synced && s.registration.state !== 'unregistered') void telephony.refreshIce();
  });
  store.subscribe((s, prev) => {
    const loggedIn = s.registration.state === 'registered' && prev.registration.state !== 'registered';
    if (loggedIn && s.selfTest.status === 'idle') void selfTest.run();
  });
  // Headset buttons (WebHID) run the same commands as the keyboard shortcuts.
  const headset = new HeadsetControl({
    hid: navigatorHid(),
    store,
    commands: {
      answer: () => runCommand('answer', services),
      hangup: () => runCommand('hangup', services),
      toggleMute: () => runCommand('mute', services),
      toggleHold: () => runCommand('hold', services),
    },
  });
  const services: Services = {
    host,
    store,
    telephony,
    wrapUps,
    sync,
    agentStatus: telephony.agentStatus,
    selfTest,
    headset,
  };
  void headset.start();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ServicesContext.Provider value={services}>
        <App />
      </ServicesContext.Provider>
    </StrictMode>,
  );
}

boot().catch((err: unknown) => {
  const el = document.getElementById('root');
  if (el) el.textContent = `Seatdesk could not start: ${err instanceof Error ? err.message : String(err)}`;
});
