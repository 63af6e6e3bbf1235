import { useTranslation } from 'react-i18next';
import { shortcutLabel } from '../../app/shortcuts';
import { useApp, useServices } from '../../app/services';
import { callTitle } from './call-title';

/**
 * The second line: a call waiting to be answered (answer puts the current call on hold, or send
 * it away busy), or the call on hold behind the one in focus (swap between them; after a
 * consultation, join them: the attended transfer).
 */
export function OtherLine() {
  const { t } = useTranslation();
  const { telephony } = useServices();
  const call = useApp((s) => s.lines.focused);
  const other = useApp((s) => s.lines.other);
  const pop = useApp((s) => (s.lines.other ? (s.pops[s.lines.other.callId]?.data ?? null) : null));
  if (!other) return null;
  const who = callTitle(other, pop) || t('call.anonymous');
  return (
    <div
      className={`other-line other-${other.state}`}
      data-testid="other-line"
      data-state={other.state}
      data-line={other.line}
    >
      <span className="line-tag">{t('call.line', { n: other.line })}</span>
      {other.state === 'ringing' ? (
        <>
          <span className="other-who">{t('call.waiting', { who })}</span>
          <span className="other-actions">
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
          </span>
        </>
      ) : (
        <>
          <span className="other-who">{t('call.onHoldLine', { who })}</span>
          <span className="other-actions">
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
          </span>
        </>
      )}
    </div>
  );
}
