import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SipAccount } from '../../../shared';
import { useApp, useServices } from '../../app/services';
import { MediaRelaySettings } from './media-relay-settings';

type Field = 'wsUrl' | 'sipUri' | 'authUser' | 'displayName';

/** The SIP account form. Validated with the shared schema; the password goes to the secret store only. */
export function SettingsForm() {
  const { t } = useTranslation();
  const { host, store } = useServices();
  const settings = useApp((s) => s.settings);
  const canPersist = useApp((s) => s.info?.canPersistSecrets ?? false);
  const [form, setForm] = useState({
    wsUrl: settings?.sip?.wsUrl ?? '',
    sipUri: settings?.sip?.sipUri ?? '',
    authUser: settings?.sip?.authUser ?? '',
    displayName: settings?.sip?.displayName ?? '',
    agentName: settings?.agentName ?? '',
    password: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);

  async function save(e: FormEvent) {
    e.preventDefault();
    const parsed = SipAccount.safeParse({
      wsUrl: form.wsUrl.trim(),
      sipUri: form.sipUri.trim(),
      authUser: form.authUser.trim(),
      displayName: form.displayName,
    });
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    const next = await host['settings:update']({ sip: parsed.data, agentName: form.agentName.slice(0, 128) });
    if (form.password) await host['credentials:setSipPassword']({ password: form.password });
    store.getState().setSettings(next);
    setSaved(true);
  }

  const input = (name: Field | 'agentName' | 'password', testId: string, label: string, type = 'text') => (
    <label className="field">
      <span>{label}</span>
      <input
        data-testid={testId}
        type={type}
        value={form[name]}
        autoComplete="off"
        aria-invalid={!!errors[name]}
        onChange={(e) => {
          setSaved(false);
          setForm({ ...form, [name]: e.target.value });
        }}
      />
      {errors[name] ? <small className="error">{errors[name]}</small> : null}
    </label>
  );

  return (
    <form className="panel settings" data-testid="settings-form" onSubmit={(e) => void save(e)}>
      <h2>{t('settings.title')}</h2>
      {input('wsUrl', 'sip-ws-url', t('settings.wsUrl'))}
      {input('sipUri', 'sip-uri', t('settings.sipUri'))}
      {input('authUser', 'sip-auth-user', t('settings.authUser'))}
      {input('password', 'sip-password', t('settings.password'), 'password')}
      {input('displayName', 'sip-display-name', t('settings.displayName'))}
      {input('agentName', 'agent-name', t('settings.agentName'))}
      <label className="field">
        <span>{t('settings.dtmfMode')}</span>
        <select
          data-testid="settings-dtmf-mode"
          value={settings?.dtmfMode ?? 'rfc4733'}
          onChange={(e) => {
            // Takes effect at once (the next key pressed), no Save needed.
            const dtmfMode = e.target.value === 'info' ? 'info' : 'rfc4733';
            void host['settings:update']({ dtmfMode }).then((next) => store.getState().setSettings(next));
          }}
        >
          <option value="rfc4733">{t('settings.dtmfRfc4733')}</option>
          <option value="info">{t('settings.dtmfInfo')}</option>
        </select>
      </label>
      <MediaRelaySettings />
      {!canPersist ? <small className="hint">{t('settings.sessionOnly')}</small> : null}
      <button type="submit" data-testid="settings-save">
        {t('settings.save')}
      </button>
      {saved ? (
        <small className="ok" data-testid="settings-saved">
          {t('settings.saved')}
        </small>
      ) : null}
    </form>
  );
}
