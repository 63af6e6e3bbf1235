import { useTranslation } from 'react-i18next';
import { callCategories, dispositions, priorities } from '../../../shared';
import { shortcutLabel } from '../../app/shortcuts';
import { useApp, useServices } from '../../app/services';
import { wrapUpTime } from './wrap-up-format';
import type { WrapUpEntry } from './wrap-up-slice';

/**
 * Notes and wrap-up for exactly one call, open from the answer: its header names the call, the
 * notes are typed while the caller speaks, and the record is filed once the call has ended.
 * Below it, every wrap-up still waiting to be filed, each naming its call.
 */
export function NotesColumn({ callId }: { callId: string | null }) {
  const { t } = useTranslation();
  const entry = useApp((s) => (callId ? (s.wrapUps.entries[callId] ?? null) : null));
  const ringing = useApp((s) => s.lines.focused?.callId === callId && s.lines.focused?.state === 'ringing');
  return (
    <aside className="notes-column" aria-label={t('wrapup.column')}>
      <FiledNote />
      {entry ? (
        <WrapUpForm entry={entry} />
      ) : (
        <section className="panel wrapup empty" data-testid="wrapup-empty">
          <h2>{t('wrapup.column')}</h2>
          <p className="hint">{ringing ? t('wrapup.opensOnAnswer') : t('wrapup.noCall')}</p>
        </section>
      )}
      <WrapUpQueue current={callId} />
    </aside>
  );
}

function WrapUpForm({ entry }: { entry: WrapUpEntry }) {
  const { t, i18n } = useTranslation();
  const { wrapUps } = useServices();
  const agent = useApp((s) => s.settings?.agentName ?? '');
  const { draft } = entry;
  const who = draft.label || draft.phone || t('call.anonymous');
  const header = (
    <header className="wrapup-head" data-testid="wrapup-call" data-call-id={draft.callId}>
      <h2>{t('wrapup.forCall', { who })}</h2>
      <p className="hint">
        {[
          draft.label && draft.phone ? draft.phone : null,
          wrapUpTime(draft.startedAt, i18n.language),
          draft.line ? t('call.line', { n: draft.line }) : null,
          draft.endedAt ? t('wrapup.ended') : t('wrapup.live'),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
    </header>
  );
  const edit = wrapUps.edit.bind(wrapUps, draft.callId);
  const missing = entry.status === 'error' && entry.error === 'required';
  const select = <T extends string>(
    testId: string,
    label: string,
    value: T | null,
    options: readonly T[],
    ns: string,
    onChange: (v: T) => void,
  ) => {
    const gap = missing && !value;
    return (
      <label className={`field${gap ? ' invalid' : ''}`}>
        <span>{label}</span>
        <select
          data-testid={testId}
          value={value ?? ''}
          aria-invalid={gap || undefined}
          onChange={(e) => onChange(e.target.value as T)}
        >
          <option value="" disabled>
            {t('wrapup.choose')}
          </option>
          {options.map((o) => (
            <option key={o} value={o}>
              {t(`${ns}.${o}`)}
            </option>
          ))}
        </select>
        {gap ? (
          <small className="error" data-testid={`${testId}-missing`}>
            {t('wrapup.fieldRequired', { field: label })}
          </small>
        ) : null}
      </label>
    );
  };
  return (
    <form
      className="panel wrapup"
      data-testid="wrapup-form"
      data-call-id={draft.callId}
      onSubmit={(e) => {
        e.preventDefault();
        void wrapUps.submit(draft.callId, agent);
      }}
    >
      {header}
      {entry.restored ? <p className="hint">{t('wrapup.restored')}</p> : null}
      <label className="field notes-field">
        <span>
          {t('wrapup.notes')} <kbd>{shortcutLabel('focusNotes')}</kbd>
        </span>
        <textarea
          id="call-notes"
          data-testid="wrapup-notes"
          rows={6}
          maxLength={10_000}
          value={draft.notes}
          placeholder={t('wrapup.notesHint')}
          onChange={(e) => edit({ notes: e.target.value })}
        />
      </label>
      <div className="field-row">
        {select(
          'wrapup-category',
          t('wrapup.category'),
          draft.category,
          callCategories,
          'category',
          (category) => edit({ category }),
        )}
        {select('wrapup-priority', t('wrapup.priority'), draft.priority, priorities, 'priority', (priority) =>
          edit({ priority }),
        )}
      </div>
      {select(
        'wrapup-disposition',
        t('wrapup.disposition'),
        draft.disposition,
        dispositions,
        'disposition',
        (disposition) => edit({ disposition }),
      )}
      {entry.status === 'error' && entry.error !== 'required' ? (
        <p className="error" role="alert">
          {entry.error === 'inCall'
            ? t('wrapup.fileAfterCall')
            : t('wrapup.failed', { reason: entry.error ?? '' })}
        </p>
      ) : null}
      <div className="wrapup-actions">
        <button
          type="submit"
          className="primary"
          data-testid="wrapup-submit"
          disabled={entry.status === 'saving' || !draft.endedAt}
          title={draft.endedAt ? undefined : t('wrapup.fileAfterCall')}
        >
          {t('wrapup.submit')} <kbd>{shortcutLabel('fileWrapUp')}</kbd>
        </button>
        {draft.endedAt ? null : <span className="hint">{t('wrapup.fileAfterCall')}</span>}
      </div>
    </form>
  );
}

/** The record just filed, named, until the next call: the form itself has moved on. */
function FiledNote() {
  const { t } = useTranslation();
  const { store } = useServices();
  const last = useApp((s) => s.lastFiled);
  if (!last) return null;
  return (
    <p className="panel filed-note ok" data-testid="wrapup-saved" data-call-id={last.callId} role="status">
      <span>{t('wrapup.savedFor', { who: last.label || t('call.anonymous') })}</span>
      <button type="button" className="fold" onClick={() => store.getState().clearLastFiled()}>
        {t('wrapup.dismiss')}
      </button>
    </p>
  );
}

/** Wrap-ups waiting to be filed, oldest first; each opens its call's card and notes. */
function WrapUpQueue({ current }: { current: string | null }) {
  const { t, i18n } = useTranslation();
  const { store } = useServices();
  const order = useApp((s) => s.wrapUps.order);
  const entries = useApp((s) => s.wrapUps.entries);
  // Calls that ended and wait for their record (a call still up is on the lines already).
  const queued = order.map((id) => entries[id]!).filter((e) => e.draft.endedAt);
  if (queued.length === 0) return null;
  return (
    <section className="panel wrapup-queue" data-testid="wrapup-queue" aria-label={t('wrapup.queued')}>
      <h3>{t('wrapup.queuedCount', { n: queued.length })}</h3>
      <ul>
        {queued.map(({ draft }) => (
          <li key={draft.callId}>
            <button
              type="button"
              data-testid="wrapup-queue-item"
              data-call-id={draft.callId}
              aria-current={draft.callId === current || undefined}
              onClick={() => store.getState().pinCall(draft.callId)}
            >
              <span className="queue-who">{draft.label || draft.phone || t('call.anonymous')}</span>
              <span className="hint">
                {[
                  wrapUpTime(draft.startedAt, i18n.language),
                  draft.line ? t('call.line', { n: draft.line }) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
