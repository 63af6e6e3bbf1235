import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { composeServices, startServices } from './app/composition-root';
import { ServicesContext } from './app/services';
import { connectHost } from './host/host-client';
import { initI18n, setLocale } from './i18n';
import './styles.css';

async function boot() {
  const services = composeServices(connectHost());
  const { host, store, telephony, wrapUps, pops } = services;
  const [info, settings] = await Promise.all([host['app:info']({}), host['settings:get']({})]);
  store.getState().setInfo(info);
  store.getState().setSettings(settings);
  const locale = settings.locale === 'auto' ? info.systemLocale : settings.locale;
  await initI18n(locale);
  setLocale(locale);
  // Unfiled wrap-ups come back (crash, kill -9, closed window), each with its caller's card.
  for (const draft of await wrapUps.restore()) void pops.load(draft.callId, draft.phone);
  startServices(services);
  // Global shortcuts and wake-ups from the Electron shell; in a browser, the network coming back.
  const shell = (window as { seatdeskShell?: { onCommand(cb: (c: string) => void): () => void } })
    .seatdeskShell;
  shell?.onCommand((c) => {
    if (c === 'answer') void telephony.answer();
    else if (c === 'hangup') void telephony.hangup();
    else if (c === 'reconnect') services.telephony.reconnectNow();
  });
  window.addEventListener('online', () => telephony.reconnectNow());
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
