import type { SiteOverview } from '../../../../main/api/types';
import { useT } from '../../i18n/useT';
import { formatSpeed, formatTime } from './format';
import { SiteTrendChart } from './SiteTrendChart';

function lateness(minutesLate: number | null, t: ReturnType<typeof useT>): string {
  if (minutesLate === null) return '';
  return minutesLate > 0 ? t('late.minutes', { n: minutesLate }) : t('slack.minutes', { n: -minutesLate });
}

export function SiteCard({ site, timeZone }: { site: SiteOverview; timeZone: string }) {
  const t = useT();
  return (
    <section className={`site-card status-${site.status}`} data-testid={`site-${site.site}`}>
      <header>
        <h2>{site.site}</h2>
        <span className={`chip status-${site.status}`}>{t(`status.${site.status}`)}</span>
      </header>
      <table>
        <thead>
          <tr>
            <th>{t('overview.business')}</th>
            <th>{t('overview.process')}</th>
            <th className="num">{t('overview.remaining')}</th>
            <th>{t('overview.deadline')}</th>
            <th>{t('overview.projected')}</th>
            <th className="num">{t('overview.speed')}</th>
            <th className="num">{t('overview.required')}</th>
            <th>{t('overview.status')}</th>
          </tr>
        </thead>
        <tbody>
          {site.processes.map((p) => (
            <tr key={`${p.businessId}-${p.process}`} className={`status-${p.status}`} data-testid={`row-${p.site}-${p.businessId}-${p.process}`}>
              <td>{p.businessId}</td>
              <td>{p.process}</td>
              <td className="num" data-field="remaining">
                {p.remaining.toLocaleString()}
              </td>
              <td data-field="deadline">{formatTime(p.deadline, timeZone)}</td>
              <td data-field="projected">{formatTime(p.projectedFinish, timeZone)}</td>
              <td className="num" data-field="speed">
                {formatSpeed(p.speedPerMinute)}
              </td>
              <td className="num" data-field="required">
                {formatSpeed(p.requiredPerMinute)}
              </td>
              <td data-field="status">
                <span className={`dot status-${p.status}`} />
                {t(`status.${p.status}`)} <small data-field="late">{p.status === 'done' ? '' : lateness(p.minutesLate, t)}</small>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <SiteTrendChart trend={site.trend} timeZone={timeZone} label={`${site.site} ${t('overview.trend')}`} />
    </section>
  );
}
