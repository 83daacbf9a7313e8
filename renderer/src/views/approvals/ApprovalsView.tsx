import { Fragment, useCallback, useEffect, useState } from 'react';
import { useBusinessName, useName } from '../../i18n/useName';
import type { ApprovalRow } from '../../../../main/api/assistantTypes';
import { call, onEvent } from '../../api/genbaClient';
import { useCore } from '../../api/useCore';
import { useDayName } from '../../i18n/useDayName';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/appStore';
import { formatDateTime } from '../overview/format';
import { useShallow } from 'zustand/react/shallow';
import { DecisionNote } from '../../components/DecisionNote';
import { countFigure } from '../../../../main/api/figures';

/** Every decision with its delivery to the company database, and a CSV export. */
/**
 * People's names in a row, each kept whole: a line breaks between people, never between a family and a given name (the
 * separator sits outside the name, where the line may break: "Sakamoto Satoshi, Suzuki Takuya" wrapped nowhere).
 */
function People({ names }: { names: readonly string[] }) {
  const name = useName();
  const lang = useAppStore((s) => s.lang);
  return names.map((person, i) => (
    <Fragment key={person}>
      <span className="person">{name(person)}</span>
      {i < names.length - 1 ? (lang === 'ja' ? '、' : ', ') : ''}
    </Fragment>
  ));
}

export function ApprovalsView() {
  const t = useT();
  const name = useName();
  const businessName = useBusinessName();
  const dayName = useDayName();
  const { lang, overview } = useAppStore(useShallow((s) => ({ lang: s.lang, overview: s.overview })));
  const tz = overview?.timeZone ?? 'Asia/Tokyo';
  const [rows, setRows] = useState<ApprovalRow[]>([]);
  const { error, run } = useCore();
  const load = useCallback(() => void run(async () => setRows(await call('approvals.list', {}))), [run]);
  useEffect(() => {
    load();
    // Delivery happens in the background: a finished sync may have delivered something.
    return onEvent((e) => {
      if (e.type === 'sync-finished' || (e.type === 'data-changed' && e.tables.includes('approval_outbox'))) load();
    });
  }, [load]);
  const [saved, setSaved] = useState<string | null>(null);
  // The core writes the file where the manager picks (downloads from the page are blocked).
  const exportCsv = () => run(async () => setSaved((await call('approvals.export', {})).savedTo));
  return (
    <div className="approvals-view">
      <div className="view-header">
        <h1>{t('approvals.title')}</h1>
        <button type="button" onClick={() => void exportCsv()} disabled={rows.length === 0} data-testid="approvals-csv">
          {t('approvals.csv')}
        </button>
      </div>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      {saved && (
        <div className="ok" data-testid="approvals-saved">
          {t('approvals.saved', { path: saved })}
        </div>
      )}
      <table className="approvals" data-testid="approvals-table">
        <thead>
          <tr>
            <th>{t('approvals.decidedAt')}</th>
            <th>{t('approvals.target')}</th>
            <th>{t('approvals.action')}</th>
            <th className="num">{t('approvals.moves')}</th>
            <th>{t('approvals.effect')}</th>
            <th>{t('approvals.outcome')}</th>
            <th>{t('approvals.reason')}</th>
            <th>{t('approvals.user')}</th>
            <th>{t('approvals.delivery')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={9} className="muted">
                {t('approvals.none')}
              </td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={r.suggestionId} data-testid={`approval-${r.suggestionId}`}>
              <td data-field="decided">{formatDateTime(r.decidedAt, tz, lang)}</td>
              {/* The id is for the CLI and the CSV: on hover of what was decided, not a column of its own. */}
              <td data-field="target" title={r.suggestionId}>
                {r.plan
                  ? t('approvals.planFor', { date: dayName(r.plan.date), sites: r.plan.sites.map(name).join(lang === 'ja' ? '・' : ', ') })
                  : `${name(r.site)} ${name(r.process)}${r.businessId === null ? '' : t('approvals.business', { business: businessName(r.businessId) })}`}
              </td>
              <td data-field="action">
                <span className={`chip status-${r.action}`}>{t(`proposal.status.${r.action}`)}</span>
              </td>
              <td className="num" data-field="moves" title={r.operators.map(name).join(lang === 'ja' ? '、' : ', ')}>
                {r.plan ? t('approvals.planLines', { n: r.plan.lines }) : r.moves}{' '}
                {r.operators.length > 0 && (
                  <div className="muted small">
                    <People names={r.operators} />
                  </div>
                )}
                {/* A rejection says who it would have moved: the next proposal for the same work leaves them out. */}
                {r.notMoved.length > 0 && (
                  <div className="muted small" data-testid="approval-not-moved">
                    {t('approvals.notMoved', { n: r.notMoved.length })} <People names={r.notMoved} />
                  </div>
                )}
              </td>
              <td data-testid="approval-effect" data-field="effect">
                {r.plan
                  ? t('approvals.planEffect', {
                      overtime: countFigure(r.plan.overtimeMinutes),
                      cross: r.plan.crossSiteBlocks,
                      short: countFigure(r.plan.shortfallItems),
                    }) + (r.plan.p90LateSeries ? t('approvals.planP90', { n: r.plan.p90LateSeries }) : '')
                  : r.impact
                    ? t('approvals.effectText', {
                        productivity: r.impact.productivity,
                        change:
                          r.impact.delayMinutes < 0
                            ? t('approvals.earlier', { n: -r.impact.delayMinutes })
                            : r.impact.delayMinutes > 0
                              ? t('approvals.later', { n: r.impact.delayMinutes })
                              : t('approvals.same'),
                      })
                    : '—'}
              </td>
              <td data-testid="approval-outcome" data-field="outcome">
                {r.outcome ? <DecisionNote d={r.outcome} timeZone={tz} head={false} /> : '—'}
              </td>
              <td data-field="reason">{r.reason ?? ''}</td>
              <td data-field="user">{r.user}</td>
              <td className={`delivery-${r.delivery}`} data-testid="delivery" title={r.lastError ?? ''}>
                {t(`approvals.delivery.${r.delivery}`)}
                {r.companyPlan && !r.companyPlan.kept && ` · ${t('approvals.companyLost', { plan: r.companyPlan.keptPlan ?? '—' })}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
