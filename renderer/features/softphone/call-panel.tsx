import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useServices } from '../../app/services';

/** The ringing / in-call controls, and the element remote audio plays through. */
export function CallPanel() {
  const { t } = useTranslation();
  const { telephony } = useServices();
  const call = useApp((s) => s.call);
  const notice = useApp((s) => s.notice);
  const audio = useRef<HTMLAudioElement>(null);

  useEffect(() => {
    const attach = (s: MediaStream | null) => {
      if (audio.current) audio.current.srcObject = s;
    };
    telephony.onRemoteStream = attach;
    attach(telephony.remoteStream);
    return () => {
      telephony.onRemoteStream = () => {};
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
            <button className="answer" data-testid="answer-button" onClick={() => void telephony.answer()}>
              {t('call.answer')}
            </button>
            <button className="reject" data-testid="reject-button" onClick={() => void telephony.reject()}>
              {t('call.reject')}
            </button>
          </>
        ) : null}
        {call && (call.state === 'connecting' || call.state === 'established') ? (
          <>
            <button className="hangup" data-testid="hangup-button" onClick={() => void telephony.hangup()}>
              {t('call.hangup')}
            </button>
            <button
              data-testid="mute-button"
              aria-pressed={call.muted}
              onClick={() => telephony.toggleMute()}
            >
              {call.muted ? t('call.unmute') : t('call.mute')}
            </button>
          </>
        ) : null}
      </div>
      {notice ? <p className="notice">{t(notice.key, notice.values ?? {})}</p> : null}
    </section>
  );
}
