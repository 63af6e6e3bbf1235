import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/services';

/** The live call-quality line under the call, with sustained warnings as pills. */
export function QualityIndicator() {
  const { t } = useTranslation();
  const q = useApp((s) => s.quality);
  if (!q?.sample) return null;
  const { sample, warnings } = q;
  const fmt = (v: number | null, d = 0) => (v === null ? '–' : v.toFixed(d));
  return (
    <div className="call-quality" data-testid="call-quality" data-mos={sample.mos ?? ''}>
      <span>
        {t('quality.line', {
          mos: fmt(sample.mos, 1),
          rtt: fmt(sample.rttMs),
          jitter: fmt(sample.jitterMs),
          loss: fmt(sample.lossPct, 1),
        })}
      </span>
      {warnings.map((w) => (
        <span key={w} className="pill warn" data-testid="quality-warning" data-warning={w}>
          {t(`quality.${w}`)}
        </span>
      ))}
    </div>
  );
}
