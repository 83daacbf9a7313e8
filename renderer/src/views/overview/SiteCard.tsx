import { Fragment, useMemo, useState } from 'react';
import { useName } from '../../i18n/useName';
import { DecisionNote } from '../../components/DecisionNote';
import type { ProcessProgress, SiteOverview } from '../../../../main/api/types';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/appStore';
import { BurnDownChart, keyOf } from './BurnDownChart';
import { formatLateness, formatSpeed, formatTime } from './format';
import { decisionHolds } from '../../../../main/api/floorDecision';
import { countFigure } from '../../../../main/api/figures';

/** A row's status as the screens read it: a line whose decision holds reads as decided (decisionHolds), whatever it measured before. */
const shownStatus = (p: ProcessProgress): ProcessProgress['status'] | 'decided' => (p.status !== 'done' && decisionHolds(p.decision) ? 'decided' : p.status);

function Row({ p, timeZone, dataDay, nameOf }: { p: ProcessProgress; timeZone: string; dataDay: number; nameOf: (id: string) => string }) {
  const t = useT();
  const name = useName();
  const lang = useAppStore((s) => s.lang);
  const shown = shownStatus(p);
  return (
    <tr className={`status-${shown}`} data-testid={`row-${p.site}-${p.businessId}-${p.process}`}>
      <td title={p.businessId}>{nameOf(p.businessId)}</td>
      <td>{name(p.process)}</td>
      <td className="num" data-field="remaining">
        {countFigure(p.remaining)}
      </td>
      <td data-field="deadline">{formatTime(p.deadline, timeZone, dataDay)}</td>
      <td data-field="projected">{formatTime(p.projectedFinish, timeZone, dataDay)}</td>
      <td className="num" data-field="speed">
        {formatSpeed(p.speedPerMinute)}
      </td>
      <td className="num" data-field="required">
        {formatSpeed(p.requiredPerMinute)}
      </td>
      <td data-field="status">
        <span className={`dot status-${shown}`} />
        {t(`status.${shown}`)} <small data-field="late">{shown === 'done' || shown === 'decided' ? '' : formatLateness(p.minutesLate, lang)}</small>
      </td>
    </tr>
  );
}

/** Under a row with a move decided today: the decision and, once measurable, its promise against what happened. */
function DecisionRow({ p, timeZone }: { p: ProcessProgress; timeZone: string }) {
  if (!p.decision) return null;
  return (
    <tr className="decision-row" data-testid={`decision-${p.site}-${p.businessId}-${p.process}`}>
      <td colSpan={8}>
        <DecisionNote d={p.decision} timeZone={timeZone} />
      </td>
    </tr>
  );
}

/** One site: its open work most urgent first, finished rows folded into one line, and the day's burn-down per business. */
export function SiteCard({ site, timeZone, now, nameOf }: { site: SiteOverview; timeZone: string; now: number; nameOf: (id: string) => string }) {
  const t = useT();
  const name = useName();
  const [showDone, setShowDone] = useState(false);
  const open = site.processes.filter((p) => p.status !== 'done');
  const done = site.processes.filter((p) => p.status === 'done');
  const dataDay = site.processes[0]?.snapshotTime ?? now;
  // The site reads as handled when every line that made it late or at risk has a decision that holds.
  const troubled = site.processes.filter((p) => p.status === 'late' || p.status === 'at_risk' || p.status === 'stalled');
  const siteStatus = troubled.length > 0 && troubled.every((p) => decisionHolds(p.decision)) ? 'decided' : site.status;
  const decided = useMemo(() => new Map(site.processes.flatMap((p) => (p.decision ? [[keyOf(p), p.decision] as const] : []))), [site.processes]);
  return (
    <section className={`site-card status-${siteStatus}`} data-testid={`site-${site.site}`}>
      <header>
        <h2>{name(site.site)}</h2>
        <span className={`chip status-${siteStatus}`}>{t(`status.${siteStatus}`)}</span>
      </header>
      {/* A site with nothing left says so, and when, instead of an empty table and a chart with no line. */}
      {open.length === 0 && done.length > 0 && (
        <p className="site-done" data-testid={`site-done-${site.site}`}>
          {site.finishedAt === null
            ? t('overview.allDone', { n: done.length })
            : t('overview.allDoneAt', { n: done.length, time: formatTime(site.finishedAt, timeZone, dataDay) })}
        </p>
      )}
      <table className={open.length === 0 && !showDone && !done.some((p) => p.decision) ? 'folded-only' : undefined}>
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
          {open.map((p) => (
            <Fragment key={`${p.businessId}-${p.process}`}>
              <Row p={p} timeZone={timeZone} dataDay={dataDay} nameOf={nameOf} />
              <DecisionRow p={p} timeZone={timeZone} />
            </Fragment>
          ))}
          {done.length > 0 && (
            <tr className="folded">
              <td colSpan={8}>
                <button type="button" className="link" aria-expanded={showDone} data-testid={`done-${site.site}`} onClick={() => setShowDone(!showDone)}>
                  {showDone ? '▾' : '▸'} {t('overview.doneRows', { n: done.length })}
                </button>
              </td>
            </tr>
          )}
          {/* Work a decision finished stays in view with its outcome; other finished rows fold away. */}
          {done
            .filter((p) => showDone || p.decision)
            .map((p) => (
              <Fragment key={`${p.businessId}-${p.process}`}>
                <Row p={p} timeZone={timeZone} dataDay={dataDay} nameOf={nameOf} />
                <DecisionRow p={p} timeZone={timeZone} />
              </Fragment>
            ))}
        </tbody>
      </table>
      {open.length > 0 && (
        <BurnDownChart
          trend={site.trend}
          decided={decided}
          timeZone={timeZone}
          now={dataDay}
          label={`${name(site.site)} ${t('overview.trend')}`}
          labels={{
            items: t('unit.items'),
            now: t('overview.now'),
            deadline: t('overview.deadline'),
            projected: t('overview.projected'),
            promised: t('overview.promisedFinish'),
            nameOf,
            name,
          }}
        />
      )}
    </section>
  );
}
