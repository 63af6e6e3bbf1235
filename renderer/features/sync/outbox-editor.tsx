import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  callCategories,
  dispositions,
  limits,
  priorities,
  type CallCategory,
  type Disposition,
  type OutboxRecord,
  type Priority,
} from '../../../shared';
import { useServices } from '../../app/services';
import { hostErrorDetail } from '../../host/host-error';

interface Correction {
  category: CallCategory;
  priority: Priority;
  disposition: Disposition;
  notes: string;
}

/**
 * Corrects a wrap-up the server rejected and queues it again. Only the fields the agent chose
 * are editable; the id stays the same, so the server still files the call at most once.
 */
export function OutboxEditor({
  record,
  onDone,
  onCancel,
}: {
  record: OutboxRecord;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { host, sync } = useServices();
  const { payload } = record;
  const [form, setForm] = useState<Correction>({
    category: payload.category,
    priority: payload.priority,
    disposition: payload.disposition,
    notes: payload.notes,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function resend(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await host['outbox:resend']({ id: record.id, payload: { ...payload, ...form, id: record.id } });
      void sync.refresh(); // the status bar's rejected count drops now, not a second later
      onDone();
    } catch (err) {
      setError(t('outbox.resendFailed', { reason: hostErrorDetail(err) }));
      setBusy(false);
    }
  }

  const select = <K extends 'category' | 'priority' | 'disposition'>(
    name: K,
    testId: string,
    options: readonly Correction[K][],
  ) => (
    <label className="field">
      <span>{t(`wrapup.${name}`)}</span>
      <select
        data-testid={testId}
        value={form[name]}
        onChange={(e) => setForm({ ...form, [name]: e.target.value as Correction[K] })}
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {t(`${name}.${o}`)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <form className="outbox-editor" data-testid="outbox-editor" onSubmit={(e) => void resend(e)}>
      {select('category', 'outbox-edit-category', callCategories)}
      {select('priority', 'outbox-edit-priority', priorities)}
      {select('disposition', 'outbox-edit-disposition', dispositions)}
      <label className="field">
        <span>{t('wrapup.notes')}</span>
        <textarea
          data-testid="outbox-edit-notes"
          rows={4}
          maxLength={limits.note}
          value={form.notes}
          onChange={(e) => setForm({ ...form, notes: e.target.value })}
        />
      </label>
      {error ? (
        <p className="error" role="alert" data-testid="outbox-error">
          {error}
        </p>
      ) : null}
      <div className="buttons">
        <button type="submit" data-testid="outbox-resend" disabled={busy}>
          {busy ? t('outbox.resending') : t('outbox.resend')}
        </button>
        <button type="button" data-testid="outbox-edit-cancel" onClick={onCancel} disabled={busy}>
          {t('outbox.cancel')}
        </button>
      </div>
    </form>
  );
}
