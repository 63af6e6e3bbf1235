import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { shortcutLabel } from '../../app/shortcuts';
import { useApp, useServices } from '../../app/services';

const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/**
 * One pad, two uses: with no call it composes a number to dial; during a call each key sends
 * DTMF (RFC 4733, or SIP INFO per settings) — menus and account numbers for the caller's IVR.
 */
export function DialPad() {
  const { t } = useTranslation();
  const { telephony } = useServices();
  const call = useApp((s) => s.lines.focused);
  const registered = useApp((s) => s.registration.state === 'registered');
  const [number, setNumber] = useState('');
  // Folded by default: the lines and the recent calls get the room; digits also work from the keyboard.
  const [open, setOpen] = useState(false);
  const inCall = call?.state === 'established';

  const press = (k: string) => {
    if (inCall) void telephony.sendDtmf(k);
    else setNumber((n) => (n + k).slice(0, 32));
  };
  const dial = () => {
    if (telephony.dial(number)) setNumber('');
  };

  return (
    <section className="panel dial-pad" aria-label={t('call.dialpad')}>
      {inCall ? null : (
        <form
          className="dial-row"
          onSubmit={(e) => {
            e.preventDefault();
            dial();
          }}
        >
          <input
            data-testid="dial-input"
            inputMode="tel"
            value={number}
            placeholder={t('call.dialPlaceholder')}
            aria-label={t('call.dialPlaceholder')}
            title={shortcutLabel('focusDial')}
            onChange={(e) => setNumber(e.target.value.slice(0, 40))}
          />
          <button type="submit" data-testid="dial-button" disabled={!registered || !!call || !number}>
            {t('call.dial')}
          </button>
        </form>
      )}
      <button
        type="button"
        className="fold"
        data-testid="dialpad-toggle"
        aria-expanded={open}
        aria-controls="dialpad-keys"
        onClick={() => setOpen((o) => !o)}
      >
        {t('call.dialpad')} {open ? '▾' : '▸'}
      </button>
      <div className="keys" id="dialpad-keys" hidden={!open}>
        {keys.map((k) => (
          <button
            key={k}
            type="button"
            data-testid={`dialpad-${k === '*' ? 'star' : k === '#' ? 'hash' : k}`}
            onClick={() => press(k)}
          >
            {k}
          </button>
        ))}
      </div>
    </section>
  );
}
