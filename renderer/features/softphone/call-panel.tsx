import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { shortcutLabel } from '../../app/shortcuts';
import { useApp, useServices } from '../../app/services';
import { useNow } from '../../app/use-now';
import { formatClock } from '../../../shared/util/clock-format';
import { QualityIndicator } from '../quality';
import { callTitle } from './call-title';
import { OtherLine } from './other-line';

const inCall = ['connecting', 'dialing', 'established', 'held'];

/** The line in focus: who it is, how long, its controls; the other line under it. */
export function CallPanel() {
  const { t } = useTranslation();
  const { telephony, store } = useServices();
  const call = useApp((s) => s.lines.focused);
  const pop = useApp((s) => (s.lines.focused ? (s.pops[s.lines.focused.callId]?.data ?? null) : null));
  const [transferTo, setTransferTo] = useState('');

  const title = call ? callTitle(call, pop) : '';
  return (
    <section className="panel call-panel" aria-label={t('call.lines')}>
      {call ? (
        <div
          className={`call-box ring-${call.state}`}
          data-testid="incoming-call"
          data-call-id={call.callId}
          data-line={call.line}
          onClick={() => store.getState().pinCall(null)}
        >
          <div className="call-line-head">
            <span className="line-tag">{t('call.line', { n: call.line })}</span>
            <span className={`state-tag state-${call.state}`}>{t(`call.${call.state}`)}</span>
            <CallTimer since={call.answeredAt ?? call.startedAt} />
          </div>
          <div className="caller-name" data-testid="caller-title" title={title}>
            {title || t('call.anonymous')}
          </div>
          {title !== call.number ? (
            <div className="caller-number">{call.number || t('call.anonymous')}</div>
          ) : null}
          {call.consult ? <div className="hint">{t('call.consultLeg')}</div> : null}
        </div>
      ) : (
        <div className="call-box idle">{t('call.idle')}</div>
      )}
      <div className="buttons">
        {call?.state === 'ringing' ? (
          <>
            <button
              className="answer"
              data-testid="answer-button"
              title={shortcutLabel('answer')}
              onClick={() => void telephony.answer()}
            >
              {t('call.answer')} <kbd>{shortcutLabel('answer')}</kbd>
            </button>
            <button
              className="reject"
              data-testid="reject-button"
              title={shortcutLabel('reject')}
              onClick={() => void telephony.reject()}
            >
              {t('call.reject')}
            </button>
          </>
        ) : null}
        {call && inCall.includes(call.state) ? (
          <>
            <button
              className="hangup"
              data-testid="hangup-button"
              title={shortcutLabel('hangup')}
              onClick={() => void telephony.hangup()}
            >
              {t('call.hangup')} <kbd>{shortcutLabel('hangup')}</kbd>
            </button>
            {call.state === 'established' || call.state === 'held' ? (
              <button
                data-testid="hold-button"
                title={shortcutLabel('hold')}
                aria-pressed={call.state === 'held'}
                onClick={() => void telephony.toggleHold()}
              >
                {call.state === 'held' ? t('call.resume') : t('call.hold')}
              </button>
            ) : null}
            <button
              data-testid="mute-button"
              title={shortcutLabel('mute')}
              aria-pressed={call.muted}
              onClick={() => telephony.toggleMute()}
            >
              {call.muted ? t('call.unmute') : t('call.mute')}
            </button>
          </>
        ) : null}
      </div>
      {call?.state === 'established' ? <QualityIndicator /> : null}
      {call?.state === 'established' ? (
        <form
          className="transfer-row"
          onSubmit={(e) => {
            e.preventDefault();
            void telephony.transfer(transferTo);
          }}
        >
          <input
            data-testid="transfer-target"
            inputMode="tel"
            value={transferTo}
            aria-label={t('call.transferPlaceholder')}
            placeholder={t('call.transferPlaceholder')}
            title={shortcutLabel('focusTransfer')}
            onChange={(e) => setTransferTo(e.target.value.slice(0, 40))}
          />
          <button type="submit" data-testid="transfer-button" disabled={!transferTo}>
            {t('call.transfer')}
          </button>
          {call.consult ? null : (
            <button
              type="button"
              data-testid="consult-button"
              disabled={!transferTo}
              title={t('call.consultTitle')}
              onClick={() => void telephony.consult(transferTo)}
            >
              {t('call.consult')}
            </button>
          )}
        </form>
      ) : null}
      <OtherLine />
    </section>
  );
}

function CallTimer({ since }: { since: string }) {
  const now = useNow();
  return (
    <span className="call-timer" data-testid="call-timer">
      {formatClock((now - Date.parse(since)) / 1000)}
    </span>
  );
}
