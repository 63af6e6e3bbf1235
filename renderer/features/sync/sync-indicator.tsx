import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/services';
import { clampPercent, formatCount, formatProgress, formatTime, type Translate } from './sync-format';

/**
 * The central server at a glance, in the status bar: connection, wrap-ups still queued or
 * rejected, and the first full sync's progress. The agent keeps working whatever it says
 * (pops read the local cache, wrap-ups go to the local outbox), so it informs and never blocks.
 */
export function SyncIndicator({ onOpenQueue }: { onOpenQueue?: () => void }) {
  const { t, i18n } = useTranslation();
  const sync = useApp((s) => s.sync);
  if (!sync) return null; // until the first poll answers: nothing rather than a guess
  const locale = i18n.language;
  const translate: Translate = (key, values) => t(key, values);
  // The host's error is English detail for whoever troubleshoots; the pill itself is localised.
  const title =
    sync.error ??
    (sync.lastSyncAt
      ? t('sync.lastSync', { time: formatTime(sync.lastSyncAt, locale) })
      : t('sync.neverSynced'));
  const { pending, rejected } = sync.outbox;
  const waiting = sync.outbox.waitingForOwner ?? 0;
  const progress = sync.phase === 'initial' ? sync.progress : null;
  return (
    <span className="sync-indicator">
      <span
        className={`pill sync-${sync.connection}`}
        data-testid="sync-state"
        data-connection={sync.connection}
        title={title}
        role="status"
      >
        {t(`sync.${sync.connection}`)}
      </span>
      {progress ? (
        <span className="sync-progress">
          <progress data-testid="sync-progress" max={100} value={clampPercent(progress.percent)} />
          <span data-testid="sync-progress-text">{formatProgress(progress, locale, translate)}</span>
        </span>
      ) : null}
      {pending > 0 ? (
        <button
          type="button"
          className="pill outbox-count"
          data-testid="outbox-pending"
          title={t('sync.pendingTitle')}
          onClick={onOpenQueue}
        >
          {t('sync.pending', { n: formatCount(pending, locale) })}
        </button>
      ) : null}
      {waiting > 0 ? (
        <button
          type="button"
          className="pill outbox-count waiting"
          data-testid="outbox-waiting-owner"
          title={t('sync.waitingOwnerTitle')}
          onClick={onOpenQueue}
        >
          {t('sync.waitingOwner', { n: formatCount(waiting, locale) })}
        </button>
      ) : null}
      {rejected > 0 ? (
        <button
          type="button"
          className="pill outbox-count rejected"
          data-testid="outbox-rejected"
          title={t('sync.rejectedTitle')}
          onClick={onOpenQueue}
        >
          {t('sync.rejected', { n: formatCount(rejected, locale) })}
        </button>
      ) : null}
    </span>
  );
}
