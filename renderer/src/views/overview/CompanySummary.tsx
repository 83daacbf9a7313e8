import type { Overview } from '../../../../main/api/types';
import { useName } from '../../i18n/useName';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/appStore';
import { formatTime, formatToDeadline } from './format';
import { decisionHolds } from '../../../../main/api/floorDecision';
import { countFigure } from '../../../../main/api/figures';

/**
 * The whole company in one row above everything else: items left, how many processes need
 * action out of those with work left, and the next deadline with work left (where, how long
 * to go, how many items). Each figure says what it counts; all are as of the data's time.
 */
export function CompanySummary({ overview, nameOf }: { overview: Overview; nameOf: (id: string) => string }) {
  const t = useT();
  const name = useName();
  const lang = useAppStore((s) => s.lang);
  const s = overview.summary;
  // Lines whose decision holds are handled, not work to act on (as the 要対応 strip counts them).
  const toAct = overview.urgent.filter((p) => !decisionHolds(p.decision)).length;
  const at = overview.dataAsOf ?? overview.now;
  const next = s.nextDeadline;
  return (
    <section className="company-summary" data-testid="company-summary" aria-label={t('summary.label')}>
      <div data-field="items-left">
        <span className="muted">{t('summary.itemsLeft')}</span> <strong>{t('summary.items', { n: countFigure(s.itemsLeft) })}</strong>
      </div>
      <div data-field="at-risk" className={toAct > 0 ? 'alarm' : ''}>
        <span className="muted">{t('summary.atRisk')}</span> <strong>{t('summary.processes', { n: toAct, of: s.open })}</strong>
      </div>
      <div data-field="next-deadline">
        <span className="muted">{t('summary.nextDeadline')}</span>{' '}
        {next ? (
          <strong>
            {t('summary.next', {
              time: formatTime(next.at, overview.timeZone, at),
              left: formatToDeadline(next.at, at, lang),
              site: name(next.site),
              process: name(next.process),
              business: nameOf(next.businessId),
              n: countFigure(next.remaining),
            })}
          </strong>
        ) : (
          <strong>—</strong>
        )}
      </div>
    </section>
  );
}
