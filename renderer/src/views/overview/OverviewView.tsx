import { useAppStore } from '../../store/appStore';
import { useName } from '../../i18n/useName';
import { useT } from '../../i18n/useT';
import { formatAgo, formatDateTime } from './format';
import { SiteCard } from './SiteCard';
import { UrgentStrip } from './UrgentStrip';
import { CompanySummary } from './CompanySummary';
import { useShallow } from 'zustand/react/shallow';

/** 要対応 first, then the sites most urgent first (the core's order), finished work folded away. */
export function OverviewView() {
  const t = useT();
  const name = useName();
  const { overview, status, lang } = useAppStore(useShallow((s) => ({ overview: s.overview, status: s.status, lang: s.lang })));
  if (!overview || !status) return <p className="muted">{t('loading')}</p>;
  const clockNote = status.clock.mode === 'demo' ? t('overview.demoClock') : status.clock.mode === 'fixed' ? t('overview.fixedClock') : null;
  // A business as the screen names it (the company's name, in Latin letters on English screens).
  const nameOf = (id: string): string => name(overview.businessNames[id] ?? id);
  return (
    <div className="overview">
      <div className="view-header">
        <h1>{t('overview.title')}</h1>
        <div className="freshness" data-testid="freshness">
          {overview.dataAsOf !== null && <span>{t('overview.dataAsOf', { time: formatDateTime(overview.dataAsOf, overview.timeZone, lang) })}</span>}
          <span>{t('overview.lastSync', { ago: formatAgo(status.lastSync, status.clock.now, lang) })}</span>
          {clockNote && <span className="badge">{clockNote}</span>}
        </div>
      </div>
      {overview.sites.length === 0 ? (
        <p className="muted">{t('overview.noData')}</p>
      ) : (
        <>
          <CompanySummary overview={overview} nameOf={nameOf} />
          <UrgentStrip overview={overview} nameOf={nameOf} />
          <div className="site-grid">
            {overview.sites.map((s) => (
              <SiteCard key={s.site} site={s} timeZone={overview.timeZone} now={overview.dataAsOf ?? overview.now} nameOf={nameOf} />
            ))}
          </div>
        </>
      )}
    </div>
  );
}
