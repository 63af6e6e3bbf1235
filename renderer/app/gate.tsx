import { useTranslation } from 'react-i18next';
import { SelfTestPanel } from '../features/self-test';

/** Between sign-in and the workspace: the pre-shift check (a ringing call goes past it). */
export function Gate({ onContinue }: { onContinue: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="gate" data-testid="gate">
      <h1>{t('selfTest.gateTitle')}</h1>
      <p className="hint">{t('selfTest.gateHint')}</p>
      <SelfTestPanel />
      <button data-testid="gate-continue" onClick={onContinue}>
        {t('selfTest.gateContinue')}
      </button>
    </main>
  );
}
