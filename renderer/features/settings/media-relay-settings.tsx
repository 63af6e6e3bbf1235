import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IceUrl, maxIceServers } from '../../../shared';
import { useApp, useServices } from '../../app/services';

/**
 * STUN servers of this seat and the media path (direct or relay-only). Each takes effect for
 * the next call, no Save needed. TURN is not typed here: the central server issues it with
 * short-lived credentials, so no relay secret is ever stored on a seat.
 */
export function MediaRelaySettings() {
  const { t } = useTranslation();
  const { host, store, telephony } = useServices();
  const settings = useApp((s) => s.settings);
  const [stun, setStun] = useState((settings?.iceServers ?? []).join('\n'));
  const [invalid, setInvalid] = useState(false);

  const apply = async (patch: Parameters<(typeof host)['settings:update']>[0]) => {
    const next = await host['settings:update'](patch);
    store.getState().setSettings(next);
    await telephony.refreshIce();
  };

  const saveStun = () => {
    const urls = stun
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const ok =
      urls.length <= maxIceServers && urls.every((u) => u.startsWith('stun:') && IceUrl.safeParse(u).success);
    setInvalid(!ok);
    if (ok) void apply({ iceServers: urls });
  };

  return (
    <>
      <label className="field">
        <span>{t('settings.stunServers')}</span>
        <textarea
          data-testid="settings-stun"
          rows={2}
          value={stun}
          aria-invalid={invalid}
          onChange={(e) => setStun(e.target.value)}
          onBlur={saveStun}
        />
        {invalid ? <small className="error">{t('settings.stunInvalid')}</small> : null}
        <small className="hint">{t('settings.stunHint')}</small>
      </label>
      <label className="field">
        <span>{t('settings.relayPolicy')}</span>
        <select
          data-testid="settings-relay-policy"
          value={settings?.iceTransportPolicy ?? 'all'}
          onChange={(e) => void apply({ iceTransportPolicy: e.target.value === 'relay' ? 'relay' : 'all' })}
        >
          <option value="all">{t('settings.relayAll')}</option>
          <option value="relay">{t('settings.relayOnly')}</option>
        </select>
      </label>
    </>
  );
}
