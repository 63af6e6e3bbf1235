import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useServices } from '../../app/services';
import { overrideReasons, type OverrideReason } from './self-test-checks';

/**
 * The pre-shift self-test's result: each check with its figures, a re-run, and — when it failed —
 * an override with a reason, so an agent is never stuck, but never Ready unchecked by accident.
 */
export function SelfTestPanel() {
  const { t } = useTranslation();
  const { selfTest } = useServices();
  const state = useApp((s) => s.selfTest);
  const [reason, setReason] = useState<OverrideReason | ''>('');
  if (state.status === 'idle') return null;
  return (
    <section className="panel self-test" data-testid="self-test" data-status={state.status}>
      <h2>{t('selfTest.title')}</h2>
      <p className="hint">{t(`selfTest.status.${state.status}`)}</p>
      <ul>
        {state.checks.map((c) => (
          <li
            key={c.id}
            data-testid={`self-test-${c.id}`}
            data-status={c.status}
            className={`check-${c.status}`}
          >
            <span className="mark" aria-hidden>
              {c.status === 'pass' ? '✓' : c.status === 'fail' ? '✗' : '…'}
            </span>
            <span>{t(`selfTest.check.${c.id}`)}</span>
            <small>
              {Object.entries(c.detail)
                .map(([k, v]) =>
                  t(`selfTest.detail.${k}`, { value: t(`selfTest.value.${v}`, { defaultValue: v }) }),
                )
                .join(' · ')}
            </small>
            {c.problem ? <small className="error">{t(c.problem)}</small> : null}
          </li>
        ))}
      </ul>
      {state.status === 'running' &&
      state.checks.some((c) => c.id === 'microphone' && c.status === 'running') ? (
        <p className="hint">{t('selfTest.speakNow')}</p>
      ) : null}
      <div className="buttons">
        <button
          data-testid="self-test-rerun"
          disabled={state.status === 'running'}
          onClick={() => void selfTest.run()}
        >
          {t('selfTest.rerun')}
        </button>
        {state.status === 'failed' ? (
          <>
            <select
              data-testid="self-test-override-reason"
              aria-label={t('selfTest.overrideReason')}
              value={reason}
              onChange={(e) => setReason(e.target.value as OverrideReason | '')}
            >
              <option value="">{t('selfTest.overrideReason')}</option>
              {overrideReasons.map((r) => (
                <option key={r} value={r}>
                  {t(`selfTest.reason.${r}`)}
                </option>
              ))}
            </select>
            <button
              data-testid="self-test-override"
              disabled={!reason}
              onClick={() => reason && selfTest.override(reason)}
            >
              {t('selfTest.override')}
            </button>
          </>
        ) : null}
      </div>
      {state.override ? (
        <small className="hint" data-testid="self-test-overridden">
          {t('selfTest.overriddenBy', { reason: t(`selfTest.reason.${state.override.reason}`) })}
        </small>
      ) : null}
    </section>
  );
}
