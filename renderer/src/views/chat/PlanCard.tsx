import type { StoredPlan } from '../../../../main/api/planTypes';
import { useDayName } from '../../i18n/useDayName';
import { useName } from '../../i18n/useName';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/appStore';

/**
 * The staffing plan an answer made, as a card: the day, the people, overtime and cross-site
 * help, each site's headcount, and what falls short. It is decided in the Plan view, where
 * every line can be seen and changed.
 */
export function PlanCard({ plan }: { plan: StoredPlan }) {
  const t = useT();
  const name = useName();
  const dayName = useDayName();
  const lang = useAppStore((s) => s.lang);
  const setView = useAppStore((s) => s.setView);
  const sites = [...new Set(plan.demands.map((d) => d.site))];
  return (
    <div className="proposal-card plan-card" data-testid="plan-card">
      <div className="card-head">
        <strong title={plan.planId}>{t('plan.forDay', { date: dayName(plan.date) })}</strong>{' '}
        <span className={`badge status-${plan.status}`}>{t(`plan.status.${plan.status}`)}</span>
      </div>
      <ul className="plan-card-sites">
        {sites.map((site) => {
          const short = plan.demands.filter((d) => d.site === site && d.shortfallItems >= 1).length;
          return (
            <li key={site}>
              {t('plan.site', {
                site: name(site),
                people: new Set(plan.lines.filter((l) => l.site === site).map((l) => l.operatorId)).size,
                off: plan.offBySite[site] ?? 0,
              })}
              {short > 0 && <span className="badge late"> {t('plan.cardShort', { n: short })}</span>}
            </li>
          );
        })}
      </ul>
      {plan.shortfalls.length > 0 && (
        <ul className="plan-card-short">
          {plan.shortfalls.map((s, i) => (
            <li key={i}>{s.text[lang]}</li>
          ))}
        </ul>
      )}
      {(plan.finalCheck ?? []).length > 0 && (
        <ul className="plan-card-short" data-testid="plan-card-final-check">
          {plan.finalCheck!.map((s, i) => (
            <li key={i}>{s.text[lang]}</li>
          ))}
        </ul>
      )}
      <button type="button" className="primary" onClick={() => setView('plan')} data-testid="plan-card-open">
        {t('plan.open')}
      </button>
    </div>
  );
}
