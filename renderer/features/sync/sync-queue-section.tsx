import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OutboxPanel } from './outbox-panel';

/**
 * The sync queue under the wrap-up area, collapsible so it stays out of the way during calls.
 * Open by default (rejected wrap-ups need the agent's eye); closed, the panel unmounts and stops
 * polling the host.
 */
export function SyncQueueSection() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(true);
  return (
    <details
      className="panel sync-queue"
      data-testid="outbox-section"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary data-testid="outbox-toggle">{t('outbox.title')}</summary>
      {open ? <OutboxPanel /> : null}
    </details>
  );
}
