import type { Overview } from '../../../../main/api/types';
import { useName } from '../../i18n/useName';
import { DecisionNote } from '../../components/DecisionNote';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/appStore';
import { formatLateness, formatSpeed, formatTime, formatToDeadline } from './format';

/**
 * 要対応: every late, stalled or at-risk row of every site, most urgent first (the core's
 * order), each with what it needs and a button that opens the chat with the proposal computed.
 */
export function UrgentStrip({ overview, nameOf }: { overview: Overview; nameOf: (id: string) => string }) {
  const t = useT();
  const name = useName();
  const lang = useAppStore((s) => s.lang);
  const consult = useAppStore((s) => s.consult);
  const at = overview.dataAsOf ?? overview.now;
  return (
    <section className={`urgent-strip${overview.urgent.length === 0 ? ' calm' : ''}`} data-testid="urgent" aria-label={t('overview.urgent')}>
      <h2>
        {t('overview.urgent')} <span className="count">{t('overview.urgentCount', { n: overview.urgent.length })}</span>
      </h2>
      {overview.urgent.length === 0 ? (
        <p className="muted">{t('overview.urgentNone')}</p>
      ) : (
        <ol>
          {overview.urgent.map((p) => (
            <li key={`${p.site}-${p.businessId}-${p.process}`} className={`status-${p.status}`} data-testid={`urgent-${p.site}-${p.businessId}-${p.process}`}>
              <span className={`dot status-${p.status}`} />
              <strong className="where">
                {name(p.site)} {name(p.process)}
              </strong>
              <span className="business" title={p.businessId}>
                {nameOf(p.businessId)}
              </span>
              <span className="fig" data-field="remaining">
                {t('overview.itemsLeft', { n: p.remaining.toLocaleString() })}
              </span>
              <span className={`fig lateness status-${p.status}`} data-field="late">
                {p.status === 'stalled' ? t('status.stalled') : formatLateness(p.minutesLate, lang)}
              </span>
              <span className="fig" data-field="left">
                {t('overview.toDeadline', { span: formatToDeadline(p.deadline, at, lang), time: formatTime(p.deadline, overview.timeZone, at) })}
              </span>
              <span className="fig muted" data-field="speed">
                {t('overview.speedVsNeeded', { speed: formatSpeed(p.speedPerMinute), needed: formatSpeed(p.requiredPerMinute) })}
              </span>
              {/* Decided and not yet shown to fall short: the decision, not another consultation. */}
              {p.decision && p.decision.verdict !== 'short' ? null : (
                <button
                  type="button"
                  className="primary"
                  data-testid="urgent-consult"
                  onClick={() =>
                    consult(t('overview.consultRequest', { site: p.site, process: p.process, business: overview.businessNames[p.businessId] ?? p.businessId }))
                  }
                >
                  {t(p.decision ? 'overview.consultAgain' : 'overview.consult')}
                </button>
              )}
              {p.decision && <DecisionNote d={p.decision} timeZone={overview.timeZone} />}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
