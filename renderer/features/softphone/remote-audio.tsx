import { useEffect, useRef } from 'react';
import { useServices } from '../../app/services';

/**
 * The element the caller's voice plays through, on the headset the agent chose. Mounted once for
 * the life of the window, whatever screen is in front: opening settings mid-call keeps the voice.
 */
export function RemoteAudio() {
  const { telephony } = useServices();
  const audio = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    // The caller's voice plays on the headset the agent chose (setSinkId; '' = system default).
    const route = (id: string) => {
      const el = audio.current;
      if (el && typeof el.setSinkId === 'function')
        void el.setSinkId(id === 'default' ? '' : id).catch(() => undefined);
    };
    const attach = (s: MediaStream | null) => {
      if (audio.current) audio.current.srcObject = s;
      if (s) route(telephony.outputId());
    };
    telephony.remoteAudio = attach;
    const stopRouting = telephony.onOutputChanged(route);
    attach(telephony.remoteStream);
    return () => {
      telephony.remoteAudio = () => {};
      stopRouting();
    };
  }, [telephony]);
  return <audio data-testid="remote-audio" ref={audio} autoPlay />;
}
