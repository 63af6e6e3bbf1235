import { memo, useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { KnownCallerPop, ScreenPop } from '../../../shared';
import { useApp, useServices } from '../../app/services';

/**
 * The card of one call's customer (the call in the workspace). Everything from the cache is
 * rendered as text (React escapes it).
 */
export function ScreenPopCard({ callId }: { callId: string | null }) {
  const { t } = useTranslation();
  const pop = useApp((s) => (callId ? (s.pops[callId] ?? null) : null));

  useLayoutEffect(() => {
    if (pop?.status === 'ready')
      performance.mark('seatdesk:pop-committed', { detail: { callId: pop.callId } });
  }, [pop]);

  if (!pop)
    return (
      <section className="panel pop none" data-testid="no-pop">
        <p className="hint">{t('pop.none')}</p>
      </section>
    );
  if (pop.status === 'loading') return <section className="panel pop">{t('pop.loading')}</section>;
  if (pop.status === 'error' || !pop.data)
    return <section className="panel pop error">{t('pop.lookupFailed')}</section>;
  return <PopBody data={pop.data} />;
}

const PopBody = memo(function PopBody({ data }: { data: ScreenPop }) {
  const { t } = useTranslation();
  if (data.kind === 'new') {
    return (
      <section className="panel pop new" data-testid="screen-pop" data-kind="new" data-customer-id="">
        <h2>{t('pop.newCaller')}</h2>
        <p className="number">{data.phone ?? data.rawNumber}</p>
        <p className="hint">{t('pop.newCallerHint')}</p>
      </section>
    );
  }
  return <KnownCard data={data} />;
});

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Building an Intl formatter costs about a millisecond: one per locale, reused (call path). */
function dateFormatter(locale: string): Intl.DateTimeFormat {
  let f = formatters.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    formatters.set(locale, f);
  }
  return f;
}

function KnownCard({ data }: { data: KnownCallerPop }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string) => dateFormatter(i18n.language).format(new Date(iso));
  const { customer } = data;
  // Follow-ups carry no number of their own: they are made to the customer's primary phone.
  const followUpNumber = customer.phones[0] ?? data.phone;
  return (
    <section
      className="panel pop known"
      data-testid="screen-pop"
      data-kind="known"
      data-customer-id={customer.id}
    >
      <h2>
        <span className="customer-name">{customer.name}</span>
        {customer.vip ? (
          <span className="badge vip" data-testid="vip-badge">
            {t('pop.vip')}
          </span>
        ) : null}
      </h2>
      <ul className="phones">
        {customer.phones.map((phone) => (
          <li key={phone} data-testid="customer-phone" data-phone={phone}>
            {phone}
            <DialButton number={phone} label={t('pop.callNumber', { number: phone })} testId="dial-phone" />
          </li>
        ))}
      </ul>
      {customer.products.length ? (
        <p className="products">
          {t('pop.products')}: {customer.products.join('、')}
        </p>
      ) : null}
      {data.complaints.length ? (
        <div className="block complaints">
          <h3>{t('pop.complaints')}</h3>
          <ul>
            {data.complaints.map((c) => (
              <li key={c.id} data-testid="complaint-item" className={`sev-${c.severity}`}>
                {c.summary} · {t(`complaintStatus.${c.status}`)} · {date(c.openedAt)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {data.followUps.length ? (
        <div className="block followups">
          <h3>{t('pop.followUps')}</h3>
          <ul>
            {data.followUps.map((f) => (
              <li key={f.id} data-testid="followup-item">
                {f.note} · {t('pop.due', { date: date(f.dueAt) })} · {t('pop.by', { name: f.owner })}
                {followUpNumber ? (
                  <DialButton
                    number={followUpNumber}
                    label={t('pop.callFollowUp', { number: followUpNumber })}
                    testId="dial-followup"
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="block history">
        <h3>{t('pop.history')}</h3>
        {data.interactions.length === 0 ? <p className="hint">{t('pop.noHistory')}</p> : null}
        <ol>
          {data.interactions.map((i) => (
            <li key={i.id} data-testid="history-item" className={`cat-${i.category}`}>
              <span className="when">{date(i.occurredAt)}</span>{' '}
              <span className="tag">{t(`category.${i.category}`)}</span>{' '}
              <span className="tag">{t(`priority.${i.priority}`)}</span>{' '}
              <span className="tag">{t(`disposition.${i.disposition}`)}</span>{' '}
              <span className="agent">{i.agent}</span>
              <div className="notes">{i.notes}</div>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}

/**
 * Click-to-dial beside a number on the card: the same rules as the dial pad (registered, no call
 * in progress), and the call goes through Telephony.dial like any other.
 */
function DialButton({ number, label, testId }: { number: string; label: string; testId: string }) {
  const { t } = useTranslation();
  const { telephony } = useServices();
  const canDial = useApp((s) => s.registration.state === 'registered' && !s.lines.focused);
  return (
    <button
      type="button"
      className="dial-phone"
      data-testid={testId}
      data-number={number}
      disabled={!canDial}
      aria-label={label}
      onClick={() => telephony.dial(number)}
    >
      {t('pop.call')}
    </button>
  );
}
