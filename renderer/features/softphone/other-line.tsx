import { useTranslation } from 'react-i18next';
import { shortcutLabel } from '../../app/commands';
import { useApp, useServices } from '../../app/services';

/**
 * The second line: a call waiting to be answered (answer puts the current call on hold, or send
 * it away busy), or the call on hold behind the one in focus (swap between them; after a
 * consultation, join them: the attended transfer).
 */
export function OtherLine() {
  const { t } = useTranslation();
  const { telephony } = useServices();
  const call = useApp((s) => s.call);
  const other = useApp((s) => s.otherCall);
  if (!other) return null;
  const who = other.displayName || other.number || t('call.anonymous');
  return (
    <div className={`other-line other-${other.state}`} data-testid="other-line" data-state={other.state}>
      {other.state === 'ringing' ? (
        <>
          <span>{t('call.waiting', { who })}</span>
          <button
            className="answer"
            data-testid="waiting-answer"
            title={shortcutLabel('answer')}
            onClick={() => void telephony.answerWaiting()}
          >
            {t('call.answerWaiting')}
          </button>
          <button
            className="reject"
            data-testid="waiting-reject"
            title={shortcutLabel('rejectWaiting')}
            onClick={() => void telephony.rejectWaiting()}
          >
            {t('call.rejectWaiting')}
          </button>
        </>
      ) : (
        <>
          <span>{t('call.onHoldLine', { who })}</span>
          {other.state === 'held' && call && ['established', 'held'].includes(call.state) ? (
            <button
              data-testid="swap-button"
              title={shortcutLabel('swap')}
              onClick={() => void telephony.swap()}
            >
              {t('call.swap')}
            </button>
          ) : null}
          {other.state === 'held' && call?.consult && call.state === 'established' ? (
            <button
              data-testid="complete-transfer-button"
              title={shortcutLabel('completeTransfer')}
              onClick={() => void telephony.completeTransfer()}
            >
              {t('call.completeTransfer')}
            </button>
          ) : null}
        </>
      )}
    </div>
  );
}
