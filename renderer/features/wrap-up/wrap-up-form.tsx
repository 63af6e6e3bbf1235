import { useTranslation } from 'react-i18next';
import { callCategories, dispositions, priorities } from '../../../shared';
import { useApp, useServices } from '../../app/services';

/** The archive record of the call: appears on hang-up, autosaves on every change. */
export function WrapUpForm() {
  const { t } = useTranslation();
  const { wrapUps } = useServices();
  const w = useApp((s) => s.wrapUp);
  const agent = useApp((s) => s.settings?.agentName ?? '');
  if (!w) return null;
  if (w.status === 'filed') {
    return (
      <section className="panel wrapup filed">
        <p data-testid="wrapup-saved" className="ok">
          {t('wrapup.saved')}
        </p>
        <button onClick={() => wrapUps.close()}>OK</button>
      </section>
    );
  }
  const { draft } = w;
  const select = <T extends string>(
    testId: string,
    label: string,
    value: T | null,
    options: readonly T[],
    ns: string,
    onChange: (v: T) => void,
  ) => (
    <label className="field">
      <span>{label}</span>
      <select data-testid={testId} value={value ?? ''} onChange={(e) => onChange(e.target.value as T)}>
        <option value="" disabled>
          {t('wrapup.choose')}
        </option>
        {options.map((o) => (
          <option key={o} value={o}>
            {t(`${ns}.${o}`)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form
      className="panel wrapup"
      data-testid="wrapup-form"
      onSubmit={(e) => {
        e.preventDefault();
        void wrapUps.submit(agent);
      }}
    >
      <h2>{t('wrapup.title')}</h2>
      {w.restored ? <p className="hint">{t('wrapup.restored')}</p> : null}
      <p className="number">{draft.phone}</p>
      {select(
        'wrapup-category',
        t('wrapup.category'),
        draft.category,
        callCategories,
        'category',
        (category) => wrapUps.edit({ category }),
      )}
      {select('wrapup-priority', t('wrapup.priority'), draft.priority, priorities, 'priority', (priority) =>
        wrapUps.edit({ priority }),
      )}
      {select(
        'wrapup-disposition',
        t('wrapup.disposition'),
        draft.disposition,
        dispositions,
        'disposition',
        (disposition) => wrapUps.edit({ disposition }),
      )}
      <label className="field">
        <span>{t('wrapup.notes')}</span>
        <textarea
          data-testid="wrapup-notes"
          rows={5}
          maxLength={10_000}
          value={draft.notes}
          onChange={(e) => wrapUps.edit({ notes: e.target.value })}
        />
      </label>
      {w.status === 'error' ? (
        <p className="error" role="alert">
          {w.error === 'required' ? t('wrapup.required') : t('wrapup.failed', { reason: w.error ?? '' })}
        </p>
      ) : null}
      <button type="submit" data-testid="wrapup-submit" disabled={w.status === 'saving'}>
        {t('wrapup.submit')}
      </button>
    </form>
  );
}
