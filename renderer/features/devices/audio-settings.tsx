import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AudioSettings } from '../../../shared';
import { useApp, useServices } from '../../app/services';
import { choiceFor, resolveDevice, type DeviceInfo } from './device-choice';
import { playTestTone, watchMicLevel } from './test-tone';

type Role = 'microphone' | 'output' | 'ringer';

/**
 * Microphone, headset and ringer choice (remembered by id and label), "ring on both", a test tone
 * on the headset and a live microphone meter. Changes apply at once, even mid-call.
 */
export function AudioSettingsSection() {
  const { t } = useTranslation();
  const { host, store, devices } = useServices();
  const audio = useApp((s) => s.settings?.audio ?? null);
  const lists = useApp((s) => s.devices);
  const [level, setLevel] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stopMeter = useRef<(() => void) | null>(null);

  useEffect(() => {
    void devices.start();
    return () => stopMeter.current?.();
  }, [devices]);

  if (!audio) return null;

  async function update(patch: Partial<AudioSettings>) {
    if (!audio) return;
    const next = await host['settings:update']({ audio: { ...audio, ...patch } });
    store.getState().setSettings(next);
    devices.chosen();
  }

  // Without microphone permission the browser hides labels; asking once reveals them.
  async function reveal() {
    try {
      const s = await navigator.mediaDevices.getUserMedia({ audio: true });
      for (const tr of s.getTracks()) tr.stop();
      await devices.refresh();
    } catch (e) {
      setError(t('devices.micFailed', { reason: e instanceof Error ? e.message : String(e) }));
    }
  }

  async function toggleMeter() {
    if (stopMeter.current) {
      stopMeter.current();
      stopMeter.current = null;
      setLevel(null);
      return;
    }
    try {
      stopMeter.current = await watchMicLevel(devices.micConstraints(), setLevel);
    } catch (e) {
      setError(t('devices.micFailed', { reason: e instanceof Error ? e.message : String(e) }));
    }
  }

  const select = (role: Role, devices: DeviceInfo[], testId: string) => {
    const current = resolveDevice(devices, audio[role]);
    return (
      <label className="field">
        <span>{t(`devices.${role}`)}</span>
        <select
          data-testid={testId}
          value={audio[role] ? current.deviceId : 'default'}
          onChange={(e) => void update({ [role]: choiceFor(devices, e.target.value) })}
        >
          <option value="default">{t('devices.systemDefault')}</option>
          {devices
            .filter((d) => d.deviceId !== 'default' && d.deviceId !== '')
            .map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label || t('devices.unnamed', { n: i + 1 })}
              </option>
            ))}
        </select>
        {current.fellBack ? (
          <small className="error" data-testid={`${testId}-missing`}>
            {t('devices.missing', { label: audio[role]?.label ?? '' })}
          </small>
        ) : null}
      </label>
    );
  };

  const unlabeled = lists.inputs.some((d) => d.label === '');
  return (
    <section className="panel settings" data-testid="audio-settings">
      <h2>{t('devices.title')}</h2>
      {unlabeled ? (
        <button type="button" data-testid="devices-reveal" onClick={() => void reveal()}>
          {t('devices.reveal')}
        </button>
      ) : null}
      {select('microphone', lists.inputs, 'device-microphone')}
      <div className="meter-row">
        <button type="button" data-testid="mic-meter-toggle" onClick={() => void toggleMeter()}>
          {level === null ? t('devices.meterStart') : t('devices.meterStop')}
        </button>
        <meter
          data-testid="mic-meter"
          min={0}
          max={0.3}
          low={0.01}
          value={level ?? 0}
          aria-label={t('devices.meter')}
        />
      </div>
      {select('output', lists.outputs, 'device-output')}
      <button
        type="button"
        data-testid="test-tone"
        onClick={() => void playTestTone(devices.outputId()).catch(() => undefined)}
      >
        {t('devices.testTone')}
      </button>
      {select('ringer', lists.outputs, 'device-ringer')}
      <label className="check">
        <input
          type="checkbox"
          data-testid="ring-both"
          checked={audio.ringBoth}
          onChange={(e) => void update({ ringBoth: e.target.checked })}
        />
        <span>{t('devices.ringBoth')}</span>
      </label>
      {error ? <small className="error">{error}</small> : null}
    </section>
  );
}
