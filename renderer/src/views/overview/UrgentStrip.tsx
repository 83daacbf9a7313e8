import type { Overview } from '../../../../main/api/types';
import { useName } from '../../i18n/useName';
import { DecisionNote } from '../../components/DecisionNote';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/appStore';
import { formatLateness, formatSpeed, formatTime, formatToDeadline } from './format';
import { lineFixReading } from '../../../../main/api/consultReading';
import { decisionHolds } from '../../../../main/api/floorDecision';
import { countFigure } from '../../../../main/api/figures';

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
  // What needs action first; a line whose decision holds follows, read as decided (its promise, not its lateness).
  const rows = [...overview.urgent.filter((p) => !decisionHolds(p.decision)), ...overview.urgent.filter((p) => decisionHolds(p.decision))];
  const toAct = rows.filter((p) => !decisionHolds(p.decision)).length;
  return (
    <section className={`urgent-strip${toAct === 0 ? ' calm' : ''}`} data-testid="urgent" aria-label={t('overview.urgent')}>
      <h2>
        {t('overview.urgent')} <span className="count">{t('overview.urgentCount', { n: toAct })}</span>
      </h2>
      {rows.length === 0 ? (
        <p className="muted">{t('overview.urgentNone')}</p>
      ) : (
        <ol>
          {rows.map((p) => {
            const shown = decisionHolds(p.decision) ? 'decided' : p.status;
            return (
              <li key={`${p.site}-${p.businessId}-${p.process}`} className={`status-${shown}`} data-testid={`urgent-${p.site}-${p.businessId}-${p.process}`}>
                <span className={`dot status-${shown}`} />
                <strong className="where">
                  {name(p.site)} {name(p.process)}
                </strong>
                <span className="business" title={p.businessId}>
                  {nameOf(p.businessId)}
                </span>
                <span className="fig" data-field="remaining">
                  {t('overview.itemsLeft', { n: countFigure(p.remaining) })}
                </span>
                <span className={`fig lateness status-${shown}`} data-field="late">
                  {shown === 'decided' ? t('status.decided') : p.status === 'stalled' ? t('status.stalled') : formatLateness(p.minutesLate, lang)}
                </span>
                <span className="fig" data-field="left">
                  {t('overview.toDeadline', { span: formatToDeadline(p.deadline, at, lang), time: formatTime(p.deadline, overview.timeZone, at) })}
                </span>
                <span className="fig muted" data-field="speed">
                  {t('overview.speedVsNeeded', { speed: formatSpeed(p.speedPerMinute), needed: formatSpeed(p.requiredPerMinute) })}
                </span>
                {/* Decided and not yet shown to fall short: the decision, not another consultation. */}
                {shown === 'decided' ? null : (
                  <button
                    type="button"
                    className="primary"
                    data-testid="urgent-consult"
                    onClick={() =>
                      consult({
                        text: t('overview.consultRequest', { site: name(p.site), process: name(p.process), business: nameOf(p.businessId) }),
                        reading: lineFixReading(p),
                      })
                    }
                  >
                    {t(p.decision ? 'overview.consultAgain' : 'overview.consult')}
                  </button>
                )}
                {p.decision && <DecisionNote d={p.decision} timeZone={overview.timeZone} />}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
