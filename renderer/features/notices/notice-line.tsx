import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/services';

/** The latest notice, read out by screen readers as it changes. */
export function NoticeLine() {
  const { t } = useTranslation();
  const notice = useApp((s) => s.notice);
  return (
    <p className="notice" data-testid="call-notice" role="status" hidden={!notice}>
      {notice ? t(notice.key, notice.values ?? {}) : ''}
    </p>
  );
}
