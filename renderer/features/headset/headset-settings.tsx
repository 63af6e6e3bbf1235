import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';

const problemKey = {
  'no-telephony': 'headset.noTelephony',
  'open-failed': 'headset.openFailed',
  'request-failed': 'headset.requestFailed',
} as const;

/** Settings: which headset's call buttons the app listens to, and a button to choose one. */
export function HeadsetSettingsSection() {
  const { t } = useTranslation();
  const { headset } = useServices();
  const status = useSyncExternalStore(headset.onStatus, headset.getStatus, headset.getStatus);
  const [busy, setBusy] = useState(false);

  async function connect() {
    setBusy(true);
    try {
      await headset.request();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel settings" data-testid="headset-settings">
      <h2>{t('headset.title')}</h2>
      <small>{t('headset.hint')}</small>
      {status.supported ? (
        <>
          <p data-testid="headset-device">
            {status.device ? t('headset.connected', { name: status.device }) : t('headset.none')}
          </p>
          <button type="button" data-testid="headset-connect" disabled={busy} onClick={() => void connect()}>
            {status.device ? t('headset.change') : t('headset.connect')}
          </button>
          {status.problem ? (
            <small className="error" data-testid="headset-problem">
              {t(problemKey[status.problem])}
            </small>
          ) : null}
        </>
      ) : (
        <p data-testid="headset-unsupported">{t('headset.unsupported')}</p>
      )}
    </section>
  );
}
