import { useEffect, useMemo, useState } from 'react';
import { useName, useNamesInText } from '../../i18n/useName';
import {
  P90_NAMED,
  p90Late,
  p90LateFirst,
  shortItems,
  type PlanBlock,
  type PlanDemandView,
  type PlanDecided,
  type PlanLine,
  type StoredPlan,
  type StoreForecast,
} from '../../../../main/api/planTypes';
import { call } from '../../api/genbaClient';
import { countFigure } from '../../../../main/api/figures';
import { useDayName } from '../../i18n/useDayName';
import { useT } from '../../i18n/useT';
import type { MessageKey } from '../../i18n/messages';
import type { Lang } from '../../../../main/api/localized';
import { useAppStore } from '../../store/appStore';
import { PlanChart, type PlanChartLabels } from './PlanChart';
import { PlanMoves } from './PlanMoves';

type Edit = { operatorId: number; block: PlanBlock } & ({ site: string; businessId: string; process: string } | { off: true });

const hm = (m: number | null): string | null => (m === null ? null : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
const workKey = (d: Pick<PlanDemandView, 'site' | 'businessId' | 'process'>): string => `${d.site}|${d.businessId}|${d.process}`;

/**
 * The staffing plan of the coming working days: per site, people per process in the morning
 * and the afternoon against the forecast, the finish at P50 and P90 against the deadline, what
 * falls short (urgent first), and who works what, editable before approving. Approval writes
 * the day's assignments to the company database through the outbox.
 */
export function PlanView() {
  const t = useT();
  const name = useName();
  const inText = useNamesInText();
  const lang = useAppStore((s) => s.lang);
  const [forecast, setForecast] = useState<StoreForecast | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [plans, setPlans] = useState<StoredPlan[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [edits, setEdits] = useState<Map<string, Edit>>(new Map());
  const [reason, setReason] = useState('');
  const [delivery, setDelivery] = useState<Pick<PlanDecided, 'delivered' | 'reason' | 'company'> | null>(null);

  const dayName = useDayName();

  useEffect(() => {
    void (async () => {
      try {
        const f = await call('forecast.get', { days: 5 });
        setForecast(f);
        setDate((d) => d ?? f.dates[0] ?? null);
        setPlans(await call('plan.recent', {}));
      } catch (e) {
        setError((e as Error).message);
      }
    })();
  }, []);

  const plan = useMemo(() => plans.find((p) => p.date === date && p.status !== 'superseded') ?? null, [plans, date]);

  const make = async (): Promise<void> => {
    if (!date) return;
    setBusy(true);
    setError(null);
    setDelivery(null);
    setEdits(new Map());
    try {
      const made = await call('plan.make', { date });
      setPlans((ps) => [made, ...ps.filter((p) => p.planId !== made.planId)]);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const decide = async (action: 'approved' | 'rejected' | 'modified'): Promise<void> => {
    if (!plan) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('plan.decide', {
        id: plan.planId,
        action,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        ...(action === 'modified' ? { edits: [...edits.values()] } : {}),
      });
      // The day's earlier approval, if any, is superseded by this one in the same decision.
      setPlans((ps) => ps.map((p) => (p.planId === r.plan.planId ? r.plan : p.planId === r.replaced ? { ...p, status: 'superseded' as const } : p)));
      setDelivery(r);
      setEdits(new Map());
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const nameOf = (d: PlanDemandView): string => `${name(d.businessName ?? d.businessId)} ${name(d.process)}`;
  const chartLabels: PlanChartLabels = useMemo(
    () => ({
      items: t('plan.chartByDeadline'),
      am: t('plan.capAm'),
      pm: t('plan.capPm'),
      total: t('plan.capTotal'),
      forecast: t('plan.forecast'),
      interval: t('plan.interval'),
      people: (n) => t('plan.peopleN', { n }),
      work: (d) => `${name(d.businessName ?? d.businessId)}\n${name(d.process)}`,
    }),
    [t, name],
  );

  const whyNot = (operatorId: number, block: PlanBlock): string | null => {
    const u = plan?.unassigned?.find((x) => x.operatorId === operatorId && x.block === block);
    return u ? t(`plan.why.${u.why}`) : null;
  };

  // Series met at P50 but late at P90, latest first: the summary's count and names.
  const risky = useMemo(() => (plan ? p90LateFirst(plan.demands) : []), [plan]);

  // Sites with a shortfall first, then the tightest finish against its deadline.
  const sites = useMemo(() => {
    if (!plan) return [];
    const slack = (site: string): number =>
      Math.min(
        ...plan.demands
          .filter((d) => d.site === site)
          .map((d) => (shortItems(d) > 0 ? -1e6 - d.shortfallItems : d.deadlineMinute - (d.finishP90Minute ?? 1e5))),
      );
    return [...new Set(plan.demands.map((d) => d.site))].sort((a, b) => slack(a) - slack(b));
  }, [plan]);

  const lineOf = (l: PlanLine): string => {
    const e = edits.get(`${l.operatorId}|${l.block}`);
    if (!e) return workKey(l);
    return 'off' in e ? 'off' : workKey(e);
  };
  const setLine = (l: PlanLine, value: string): void => {
    const next = new Map(edits);
    const k = `${l.operatorId}|${l.block}`;
    if (value === workKey(l)) next.delete(k);
    else if (value === 'off') next.set(k, { operatorId: l.operatorId, block: l.block, off: true });
    else {
      const [site, businessId, process] = value.split('|') as [string, string, string];
      next.set(k, { operatorId: l.operatorId, block: l.block, site, businessId, process });
    }
    setEdits(next);
  };

  const open = plan?.status === 'open';
  return (
    <div className="plan-view">
      <div className="view-header">
        <h1>{t('plan.title')}</h1>
        {plan && (
          // The id is for `genba plan decide` and the approvals CSV: on hover, not in the manager's line.
          <span className="muted" data-testid="plan-id" data-plan-id={plan.planId} title={plan.planId}>
            {t('plan.forDay', { date: dayName(plan.date) })}
          </span>
        )}
      </div>
      <div className="plan-dates" role="group">
        {(forecast?.dates ?? []).map((d) => (
          <button key={d} type="button" className={d === date ? 'active' : ''} aria-pressed={d === date} onClick={() => setDate(d)}>
            {dayName(d)}
          </button>
        ))}
        <button type="button" className="primary" disabled={busy || !date} onClick={() => void make()} data-testid="plan-make">
          {busy ? t('plan.making') : t('plan.make', { date: date ? dayName(date) : '' })}
        </button>
      </div>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      {!plan ? (
        <p className="muted">{t('plan.none')}</p>
      ) : (
        <>
          <p className="plan-summary" data-testid="plan-summary">
            <span className={`badge status-${plan.status}`}>{t(`plan.status.${plan.status}`)}</span>{' '}
            {t('plan.summary', {
              date: dayName(plan.date),
              rostered: plan.rostered,
              off: plan.onLeave,
              overtime: countFigure(plan.objective.overtimeMinutes),
              cross: plan.objective.crossSiteBlocks,
              asOf: dayName(plan.forecastAsOf),
            })}
          </p>
          {plan.quality && (
            <p className="plan-quality muted" data-testid="plan-quality">
              {inText(plan.quality[lang])}
            </p>
          )}
          <section className="plan-shortfalls" aria-label={t('plan.shortfalls')}>
            <h2>{t('plan.shortfalls')}</h2>
            {risky.length > 0 && (
              <p className="plan-p90" data-testid="plan-p90-late">
                {t('plan.p90Late', { n: risky.length })}{' '}
                {risky
                  .slice(0, P90_NAMED)
                  .map((d) => `${name(d.site)} ${nameOf(d)} ${hm(d.deadlineMinute)} → ${hm(d.finishP90Minute) ?? t('plan.notWithinDay')}`)
                  .join(t('plan.listSep'))}
                {risky.length > P90_NAMED && t('plan.p90More', { n: risky.length - P90_NAMED })}
              </p>
            )}
            {plan.shortfalls.length === 0 ? (
              <p className="muted">{t('plan.noShortfall')}</p>
            ) : (
              <ul>
                {plan.shortfalls.map((s, i) => (
                  <li key={i}>{inText(s.text[lang])}</li>
                ))}
              </ul>
            )}
          </section>
          {(plan.finalCheck ?? []).length > 0 && (
            <section className="plan-shortfalls" aria-label={t('plan.finalCheck')} data-testid="plan-final-check">
              <h2>{t('plan.finalCheck')}</h2>
              <ul>
                {plan.finalCheck!.map((s, i) => (
                  <li key={i}>{inText(s.text[lang])}</li>
                ))}
              </ul>
            </section>
          )}
          <PlanMoves plan={plan} />
          {sites.map((site) => {
            const demands = plan.demands.filter((d) => d.site === site);
            const people = new Set(plan.lines.filter((l) => l.site === site).map((l) => l.operatorId)).size;
            const lines = plan.lines
              .filter((l) => l.homeSite === site || l.site === site)
              .sort((a, b) => a.operatorId - b.operatorId || a.block.localeCompare(b.block));
            return (
              <section key={site} className="plan-site" data-testid="plan-site">
                <h2>{t('plan.site', { site: name(site), people, off: plan.offBySite[site] ?? 0 })}</h2>
                {(plan.offPeople ?? []).some((o) => o.site === site) && (
                  <p className="plan-off" data-testid="plan-off">
                    {t('plan.offList')}{' '}
                    {(plan.offPeople ?? [])
                      .filter((o) => o.site === site)
                      .map((o) => t('plan.offPerson', { name: name(o.name), why: t(o.status === 'paid_leave' ? 'plan.paidLeave' : 'plan.absent') }))
                      .join(t('plan.listSep'))}
                  </p>
                )}
                {(plan.unassigned ?? []).some((u) => u.site === site) && (
                  <p className="plan-off" data-testid="plan-unassigned">
                    {t('plan.unassigned')}{' '}
                    {(plan.unassigned ?? [])
                      .filter((u) => u.site === site)
                      .map((u) => t('plan.unassignedPerson', { name: name(u.name), block: t(`plan.${u.block}`), why: t(`plan.why.${u.why}`) }))
                      .join(t('plan.listSep'))}
                  </p>
                )}
                <PlanChart demands={demands} labels={chartLabels} label={t('plan.site', { site: name(site), people, off: plan.offBySite[site] ?? 0 })} />
                <table className="plan-table">
                  <thead>
                    <tr>
                      <th>{t('plan.col.work')}</th>
                      <th>{t('plan.col.am')}</th>
                      <th>{t('plan.col.pm')}</th>
                      <th>{t('plan.col.forecast')}</th>
                      <th>{t('plan.col.planned')}</th>
                      <th>{t('plan.col.deadline')}</th>
                      <th>{t('plan.col.finish')}</th>
                      <th>{t('plan.col.short')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {demands.map((d) => (
                      <tr key={workKey(d)} className={shortItems(d) > 0 ? 'late' : p90Late(d) ? 'risky' : ''}>
                        <td>{nameOf(d)}</td>
                        <td className="num">{d.people.am}</td>
                        <td className="num">{d.people.pm}</td>
                        <td className="num">
                          {countFigure(d.p50)}
                          {d.p10 !== undefined && d.p90 !== undefined ? ` (${countFigure(d.p10)}–${countFigure(d.p90)})` : ''}
                          {d.company !== undefined && (
                            <div className="muted small" data-testid="plan-company-forecast">
                              {t('plan.companyForecast', { n: countFigure(d.company) })}
                            </div>
                          )}
                        </td>
                        <td className="num">{countFigure(Math.round(d.plannedItems))}</td>
                        <td>{hm(d.deadlineMinute)}</td>
                        <td>
                          {hm(d.finishP50Minute) ?? t('plan.notWithinDay')} / {hm(d.finishP90Minute) ?? t('plan.notWithinDay')}
                          {p90Late(d) && <span className="flag">⚠ {t('plan.p90Flag')}</span>}
                        </td>
                        <td className="num">{shortItems(d) > 0 ? countFigure(shortItems(d)) : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {open && (
                  <details className="plan-lines">
                    <summary>{t('plan.lines', { n: new Set(lines.map((l) => l.operatorId)).size })}</summary>
                    <table className="plan-table">
                      <thead>
                        <tr>
                          <th>{t('plan.col.person')}</th>
                          <th>{t('plan.am')}</th>
                          <th>{t('plan.pm')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {[...new Set(lines.map((l) => l.operatorId))].map((id) => {
                          const mine = lines.filter((l) => l.operatorId === id);
                          return (
                            <tr key={id}>
                              <td>{name(mine[0]!.name)}</td>
                              {(['am', 'pm'] as const).map((block) => {
                                const l = mine.find((x) => x.block === block);
                                if (!l)
                                  return (
                                    <td key={block} className="muted">
                                      {whyNot(id, block) ?? '—'}
                                    </td>
                                  );
                                return (
                                  <td key={block}>
                                    <select value={lineOf(l)} onChange={(e) => setLine(l, e.target.value)} aria-label={`${name(l.name)} ${t(`plan.${block}`)}`}>
                                      {plan.demands
                                        .filter((d) => (d.site === l.site || d.site === l.homeSite) && l.able.includes(d.process))
                                        .map((d) => (
                                          <option key={workKey(d)} value={workKey(d)}>
                                            {d.site === l.homeSite ? '' : `${name(d.site)} `}
                                            {nameOf(d)}
                                          </option>
                                        ))}
                                      <option value="off">{t('plan.off')}</option>
                                    </select>
                                  </td>
                                );
                              })}
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </details>
                )}
              </section>
            );
          })}
          {open && (
            <div className="plan-decision">
              {edits.size > 0 && <span className="badge">{t('plan.edited', { n: edits.size })}</span>}
              <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('plan.reason')} aria-label={t('plan.reason')} />
              <button
                type="button"
                className="primary"
                disabled={busy || (edits.size > 0 && !reason.trim())}
                onClick={() => void decide(edits.size > 0 ? 'modified' : 'approved')}
                data-testid="plan-approve"
              >
                {edits.size > 0 ? t('plan.approveEdited') : t('plan.approve')}
              </button>
              <button type="button" disabled={busy || !reason.trim()} onClick={() => void decide('rejected')}>
                {t('plan.reject')}
              </button>
            </div>
          )}
          {/* The decision's result takes the pinned bar's place, in view where the buttons were (not at the page's foot). */}
          {!open && delivery !== null && (
            <div className="plan-decision">
              <p role="status">{deliveryText(delivery, t, lang)}</p>
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** What the company did with the decision, as it said so: the day's plan is the one the company received last. */
function deliveryText(
  d: Pick<PlanDecided, 'delivered' | 'reason' | 'company'>,
  t: (key: MessageKey, vars?: Record<string, string | number>) => string,
  lang: Lang,
): string {
  if (!d.delivered) return `${t('plan.queued')} ${d.reason?.[lang] ?? ''}`;
  if (d.company && !d.company.kept) return `${t('plan.delivered')} ${t('plan.companyLost', { plan: d.company.keptPlan ?? '—' })}`;
  if (d.company && d.company.replaced.length > 0) return `${t('plan.delivered')} ${t('plan.companyReplaced', { plans: d.company.replaced.join(', ') })}`;
  return t('plan.delivered');
}
