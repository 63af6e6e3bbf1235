import i18next from 'i18next';
import type { NewCall } from './call-snapshot';

/** A desktop notification when the window is not in front (clicking it brings the window back). */
export function notifyRing(call: NewCall): void {
  if (!('Notification' in window) || Notification.permission !== 'granted') return;
  if (document.visibilityState === 'visible' && document.hasFocus()) return;
  const n = new Notification(i18next.t('call.ringing'), {
    body: [call.displayName, call.number].filter(Boolean).join(' · ') || i18next.t('call.anonymous'),
    tag: call.callId,
    requireInteraction: true,
  });
  n.onclick = () => {
    window.focus();
    n.close();
  };
  setTimeout(() => n.close(), 60_000);
}
