import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxRecord } from '../../../shared';
import { useServices } from '../../app/services';
import { hostErrorDetail } from '../../host/host-error';
import { OutboxEditor } from './outbox-editor';
import { formatTime } from './sync-format';

const listLimit = 50;
const refreshMs = 2000;

/**
 * The wrap-ups this seat filed and where each one is on its way to the server. Polled only while
 * the panel is mounted; a rejected record can be corrected and queued again from here.
 */
export function OutboxPanel() {
  const { t } = useTranslation();
  const { host } = useServices();
  const [records, setRecords] = useState<OutboxRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  /** Bumped after a resend so the list reloads at once instead of on the next tick. */
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const list = await host['outbox:list']({ limit: listLimit });
        if (!alive) return;
        // Newest first whatever order the host answers in: the latest call is what the agent looks for.
        setRecords([...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
        setError(null);
      } catch (err) {
        if (alive) setError(hostErrorDetail(err));
      }
      if (alive) timer = setTimeout(() => void tick(), refreshMs);
    };
    void tick();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [host, reload]);

  return (
    <div className="outbox" data-testid="outbox-panel">
      {error ? (
        <p className="error" data-testid="outbox-load-error">
          {t('outbox.loadFailed', { reason: error })}
        </p>
      ) : null}
      {records && records.length === 0 ? <p className="hint">{t('outbox.empty')}</p> : null}
      {records && records.length > 0 ? (
        <ol className="outbox-list">
          {records.map((r) => (
            <OutboxRow
              key={r.id}
              record={r}
              editing={editing === r.id && r.state === 'rejected'}
              onEdit={(open) => setEditing(open ? r.id : null)}
              onResent={() => {
                setEditing(null);
                setReload((n) => n + 1);
              }}
            />
          ))}
        </ol>
      ) : null}
    </div>
  );
}

function OutboxRow({
  record,
  editing,
  onEdit,
  onResent,
}: {
  record: OutboxRecord;
  editing: boolean;
  onEdit: (open: boolean) => void;
  onResent: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { payload, state } = record;
  return (
    <li className={`outbox-record state-${state}`} data-testid="outbox-record" data-id={record.id}>
      <div className="outbox-line">
        <span className="when">{formatTime(record.createdAt, i18n.language)}</span>
        <span className="outbox-phone">{payload.phone || t('outbox.noPhone')}</span>
        <span className="tag">{t(`category.${payload.category}`)}</span>
        <span className={`chip chip-${state}`} data-testid="outbox-state" data-state={state}>
          {t(`outbox.state.${state}`)}
        </span>
        {record.waitingForOwner ? (
          // Another account's record (or nobody's): it goes up only under its owner's session.
          <span className="chip chip-waiting" data-testid="outbox-waiting-owner">
            {record.owner ? t('outbox.waitingFor', { who: record.owner.username }) : t('outbox.noOwner')}
          </span>
        ) : null}
      </div>
      {state === 'rejected' ? (
        <>
          {record.rejectReason ? (
            <p className="error outbox-reason" data-testid="outbox-reason">
              {t('outbox.reason', { reason: record.rejectReason })}
            </p>
          ) : null}
          {editing ? (
            <OutboxEditor record={record} onDone={onResent} onCancel={() => onEdit(false)} />
          ) : (
            <button type="button" data-testid="outbox-edit" onClick={() => onEdit(true)}>
              {t('outbox.edit')}
            </button>
          )}
        </>
      ) : null}
    </li>
  );
}
