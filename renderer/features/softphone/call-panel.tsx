import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useServices } from '../../app/services';
import { QualityIndicator } from '../quality/quality-indicator';
import { OtherLine } from './other-line';
import { shortcutLabel } from '../../app/commands';

/** The ringing / in-call controls, and the element remote audio plays through. */
export function CallPanel() {
  const { t } = useTranslation();
  const { telephony } = useServices();
  const call = useApp((s) => s.call);
  const notice = useApp((s) => s.notice);
  const audio = useRef<HTMLAudioElement>(null);
  const [transferTo, setTransferTo] = useState('');

  useEffect(() => {
    // The caller's voice plays on the headset the agent chose (setSinkId; '' = system default).
    const route = (id: string) => {
      const el = audio.current;
      if (el && typeof el.setSinkId === 'function')
        void el.setSinkId(id === 'default' ? '' : id).catch(() => undefined);
    };
    const attach = (s: MediaStream | null) => {
      if (audio.current) audio.current.srcObject = s;
      if (s) route(telephony.devices.outputId());
    };
    telephony.onRemoteStream = attach;
    telephony.devices.onOutputChanged = route;
    attach(telephony.remoteStream);
    return () => {
      telephony.onRemoteStream = () => {};
      telephony.devices.onOutputChanged = () => {};
    };
  }, [telephony]);

  return (
    <section className="panel call-panel">
      <audio data-testid="remote-audio" ref={audio} autoPlay />
      {call ? (
        <div className={`call-box ring-${call.state}`} data-testid="incoming-call">
          <div className="caller-name">{call.displayName || t('call.anonymous')}</div>
          <div className="caller-number">{call.number || t('call.anonymous')}</div>
        </div>
      ) : (
        <div className="call-box">{t('call.idle')}</div>
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
              {t('call.answer')}
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
        {call && ['connecting', 'dialing', 'established', 'held'].includes(call.state) ? (
          <>
            <button
              className="hangup"
              data-testid="hangup-button"
              title={shortcutLabel('hangup')}
              onClick={() => void telephony.hangup()}
            >
              {t('call.hangup')}
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
            placeholder={t('call.transferPlaceholder')}
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
      {notice ? (
        <p className="notice" data-testid="call-notice">
          {t(notice.key, notice.values ?? {})}
        </p>
      ) : null}
    </section>
  );
}
