import { memo, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallLogEntry } from '../../../shared';
import { useApp, useServices } from '../../app/services';
import { hostErrorDetail } from '../../host/host-error';
import { formatCallTime, formatDuration } from './call-format';

const pageSize = 20;

/**
 * The seat's latest calls, newest first, reloaded each time a call is recorded. Each row can be
 * called back (the same rules as the dial pad: registered and no call in progress).
 */
export function RecentCallsPanel() {
  const { t } = useTranslation();
  const { host, history } = useServices();
  const [calls, setCalls] = useState<CallLogEntry[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    const load = () =>
      host['calls:recent']({ limit: pageSize }).then(
        (page) => {
          if (!alive) return;
          setCalls(page);
          setMore(page.length === pageSize);
          setError(null);
        },
        (err: unknown) => alive && setError(hostErrorDetail(err)),
      );
    void load();
    const unsubscribe = history.subscribe(() => void load());
    return () => {
      alive = false;
      unsubscribe();
    };
  }, [host, history]);

  const loadMore = async () => {
    const last = calls?.at(-1);
    if (!last) return;
    try {
      const page = await host['calls:recent']({
        limit: pageSize,
        before: { startedAt: last.startedAt, callId: last.callId },
      });
      setCalls((c) => [...(c ?? []), ...page]);
      setMore(page.length === pageSize);
    } catch (err) {
      setError(hostErrorDetail(err));
    }
  };

  return (
    <section className="panel recent-calls" data-testid="recent-calls" aria-labelledby="recent-calls-title">
      <h2 id="recent-calls-title">{t('history.title')}</h2>
      {error ? (
        <p className="error" data-testid="recent-calls-error">
          {t('history.loadFailed', { reason: error })}
        </p>
      ) : null}
      {calls && calls.length === 0 ? <p className="hint">{t('history.empty')}</p> : null}
      {calls && calls.length > 0 ? (
        <ol className="recent-calls-list">
          {calls.map((c) => (
            <RecentCallRow key={c.callId} call={c} />
          ))}
        </ol>
      ) : null}
      {more ? (
        <button type="button" data-testid="recent-calls-more" onClick={() => void loadMore()}>
          {t('history.more')}
        </button>
      ) : null}
    </section>
  );
}

/**
 * One row, rendered again only when its call changes: a ring flips "can dial", and only the
 * Call back buttons follow it (twenty full rows re-rendered cost ~1.5 ms on the ring path).
 */
const RecentCallRow = memo(function RecentCallRow({ call }: { call: CallLogEntry }) {
  const { t, i18n } = useTranslation();
  const who = call.displayName || call.number || t('call.anonymous');
  const missed = call.outcome === 'missed';
  return (
    <li
      className={`recent-call outcome-${call.outcome}`}
      data-testid="recent-call"
      data-call-id={call.callId}
      data-outcome={call.outcome}
      data-direction={call.direction}
      data-number={call.number}
    >
      <span className="when">{formatCallTime(call.startedAt, i18n.language)}</span>
      <span className="direction" title={t(`history.direction.${call.direction}`)}>
        <span aria-hidden="true">{call.direction === 'inbound' ? '↙' : '↗'}</span>
        <span className="visually-hidden">{t(`history.direction.${call.direction}`)}</span>
      </span>
      <span className="recent-who">
        {who}
        {call.displayName && call.number ? <span className="recent-number"> {call.number}</span> : null}
      </span>
      <span className={`chip chip-${call.outcome}`} data-testid="recent-call-outcome">
        {missed ? '⚠ ' : ''}
        {t(`history.outcome.${call.outcome}`)}
      </span>
      {call.durationSeconds > 0 ? (
        <span className="recent-duration" aria-label={t('history.duration')}>
          {formatDuration(call.durationSeconds)}
        </span>
      ) : null}
      {call.number ? (
        <CallBackButton
          number={call.number}
          label={t('history.callBackTo', { who })}
          text={t('history.callBack')}
        />
      ) : null}
    </li>
  );
});

function CallBackButton({ number, label, text }: { number: string; label: string; text: string }) {
  const { telephony } = useServices();
  const canDial = useApp((s) => s.registration.state === 'registered' && !s.lines.focused);
  return (
    <button
      type="button"
      data-testid="call-back"
      disabled={!canDial}
      aria-label={label}
      onClick={() => telephony.dial(number)}
    >
      {text}
    </button>
  );
}
