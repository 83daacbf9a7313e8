import { useCallback, useEffect, useState } from 'react';
import { useName, useNamesInText } from '../../i18n/useName';
import { useDayName } from '../../i18n/useDayName';
import { onActivateKey } from '../../components/onActivateKey';
import type { Alert, AlertKind } from '../../../../main/api/types';
import { ALERT_KIND_LABELS, ALERT_KINDS } from '../../../../main/api/alertKinds';
import { call, onEvent } from '../../api/genbaClient';
import { isMessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/appStore';
import { formatAgo, formatDateTime, formatSpeed, formatTime } from '../overview/format';
import { countFigure } from '../../../../main/api/figures';
import { useShallow } from 'zustand/react/shallow';
import { SiteTimelinePanel } from '../logs/SiteTimelinePanel';
import { DecisionNote } from '../../components/DecisionNote';
import { decisionHolds } from '../../../../main/api/floorDecision';

const KINDS: readonly AlertKind[] = ALERT_KINDS;

/** Kept out of the numbers: ids for scripts, and what is shown on its own below. */
const HIDDEN = new Set([
  'incidentId',
  'samples',
  'likelyCause',
  'likelyCauses',
  'affects',
  'anomalies',
  'score',
  'anomaly',
  'request',
  'dataAsOf',
  // Lists of records the title already names (each process past the end of the day, each series above its P90).
  'processes',
  'series',
  // A plan's id is for scripts; the title names its day.
  'planId',
]);

/** Alerts: filters, the list, and one alert's numbers with what to do about it. */
export function AlertsView() {
  const t = useT();
  const name = useName();
  const dayName = useDayName();
  const inText = useNamesInText();
  /** The name of one of an alert's numbers, as a manager reads it; the field's own name where none is written. */
  const detailLabel = (field: string): string => {
    const key = `alerts.detail.${field}`;
    return isMessageKey(key) ? t(key) : field;
  };
  const { lang, overview, status, selectedAlertId, openAlert, consult, showLogs } = useAppStore(
    useShallow((s) => ({
      lang: s.lang,
      overview: s.overview,
      status: s.status,
      selectedAlertId: s.selectedAlertId,
      openAlert: s.openAlert,
      consult: s.consult,
      showLogs: s.showLogs,
    })),
  );
  // A kind's name as the chat says it (declared once, in alertKinds.ts), as a heading: its first letter capital.
  const kindName = (k: AlertKind): string => {
    const name = ALERT_KIND_LABELS[k][lang];
    return name.charAt(0).toUpperCase() + name.slice(1);
  };
  const tz = overview?.timeZone ?? 'Asia/Tokyo';
  const [filter, setFilter] = useState<{ status?: 'open' | 'resolved'; kind?: AlertKind; site?: string; severity?: 'warning' | 'critical' }>({
    status: 'open',
  });
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const load = useCallback(
    () =>
      void call('alerts.list', filter)
        .then(setAlerts)
        .catch(() => {}),
    [filter],
  );
  useEffect(() => {
    load();
    return onEvent((e) => {
      if (e.type === 'alerts-changed' || e.type === 'alert') load();
    });
  }, [load]);
  const selected = alerts.find((a) => a.id === selectedAlertId) ?? alerts[0] ?? null;
  const now = status?.clock.now ?? Date.now();
  const select = <K extends keyof typeof filter>(key: K, value: string) => setFilter({ ...filter, [key]: value === '' ? undefined : value });

  return (
    <div className="alerts-view">
      <div className="view-header">
        <h1>{t('alerts.title')}</h1>
        <button type="button" data-testid="alerts-check" onClick={() => void call('alerts.check', {}).then(load)}>
          {t('alerts.check')}
        </button>
      </div>
      <div className="filters">
        <label>
          {t('alerts.filter.status')}
          <select value={filter.status ?? ''} onChange={(e) => select('status', e.target.value)} data-testid="filter-status">
            <option value="open">{t('alerts.open')}</option>
            <option value="resolved">{t('alerts.resolved')}</option>
            <option value="">{t('alerts.all')}</option>
          </select>
        </label>
        <label>
          {t('alerts.filter.kind')}
          <select value={filter.kind ?? ''} onChange={(e) => select('kind', e.target.value)} data-testid="filter-kind">
            <option value="">{t('alerts.all')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {kindName(k)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('alerts.filter.site')}
          <select value={filter.site ?? ''} onChange={(e) => select('site', e.target.value)} data-testid="filter-site">
            <option value="">{t('alerts.all')}</option>
            {overview?.sites.map((s) => (
              <option key={s.site} value={s.site}>
                {name(s.site)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('alerts.filter.severity')}
          <select value={filter.severity ?? ''} onChange={(e) => select('severity', e.target.value)} data-testid="filter-severity">
            <option value="">{t('alerts.all')}</option>
            <option value="critical">{t('alerts.severity.critical')}</option>
            <option value="warning">{t('alerts.severity.warning')}</option>
          </select>
        </label>
      </div>
      <div className="alerts-grid">
        <ul className="alert-list" data-testid="alert-list">
          {alerts.length === 0 && <li className="muted">{t('alerts.none')}</li>}
          {alerts.map((a) => (
            <li
              key={a.id}
              className={`sev-${a.severity} ${a.id === selected?.id ? 'selected' : ''} ${a.status}`}
              onClick={() => openAlert(a.id)}
              onKeyDown={onActivateKey(() => openAlert(a.id))}
              tabIndex={0}
              role="button"
              aria-pressed={a.id === selected?.id}
              data-testid={`alert-${a.id}`}
            >
              <span className={`chip sev-${a.severity}`}>{t(`alerts.severity.${a.severity}`)}</span> <strong>{kindName(a.kind)}</strong>
              <div>{a.title}</div>
              {a.decision && <DecisionNote d={a.decision} timeZone={tz} />}
              <small className="muted" data-testid="alert-started">
                {t(a.startKnown ? 'alerts.startedAt' : 'alerts.detectedAt', { time: formatTime(a.startedAt, tz, now), ago: formatAgo(a.startedAt, now, lang) })}
                {a.acknowledgedAt ? ` · ${t('alerts.acked')}` : ''}
              </small>
            </li>
          ))}
        </ul>
        {selected && (
          <section className="panel alert-detail" data-testid="alert-detail">
            <h2>{selected.title}</h2>
            <p className="muted">
              {kindName(selected.kind)} · {t(`alerts.severity.${selected.severity}`)} · {t(selected.startKnown ? 'alerts.firstSeen' : 'alerts.detected')}{' '}
              {t('alerts.when', { time: formatDateTime(selected.startedAt, tz, lang), ago: formatAgo(selected.startedAt, now, lang) })}
              {selected.dataAsOf !== null && (
                <>
                  {' '}
                  ·{' '}
                  <span data-testid="alert-freshness">
                    {t('alerts.dataAsOf')}{' '}
                    {t('alerts.when', { time: formatDateTime(selected.dataAsOf, tz, lang), ago: formatAgo(selected.dataAsOf, now, lang) })}
                  </span>
                </>
              )}
            </p>
            {selected.decision && <DecisionNote d={selected.decision} timeZone={tz} />}
            <dl className="numbers">
              {Object.entries(selected.detail)
                .filter(([k, v]) => v !== null && !HIDDEN.has(k) && (typeof v !== 'object' || (Array.isArray(v) && v.length > 0)))
                .map(([k, v]) => (
                  <div key={k}>
                    <dt>{detailLabel(k)}</dt>
                    <dd>
                      {k === 'businessId' && typeof v === 'string'
                        ? name(overview?.businessNames[v] ?? v)
                        : k === 'date' && typeof v === 'string'
                          ? dayName(v)
                          : Array.isArray(v)
                            ? v.map((x) => (typeof x === 'string' ? name(x) : String(x))).join(', ')
                            : typeof v === 'number' && /deadline|Finish|Seen|^start$|^end$/.test(k)
                              ? formatTime(v, tz, selected.dataAsOf ?? now)
                              : typeof v === 'number'
                                ? // Speeds as the overview writes them (one decimal): the same figure, written the same way.
                                  /PerMinute$/.test(k)
                                  ? formatSpeed(v)
                                  : Number.isInteger(v)
                                    ? countFigure(v)
                                    : v.toFixed(1)
                                : name(String(v))}
                    </dd>
                  </div>
                ))}
            </dl>
            {isText(selected.detail.likelyCause) && (
              <p className="likely-cause" data-testid="alert-cause">
                <strong>{t('alerts.likelyCause')}</strong> {selected.detail.likelyCause[lang]}
              </p>
            )}
            {Array.isArray(selected.detail.anomalies) && selected.detail.anomalies.length > 0 && (
              <ul className="incident-signals" data-testid="alert-signals">
                {(selected.detail.anomalies as { kind: string; service: string | null; template: string | null; count: number; counted?: unknown }[]).map(
                  (x, i) => (
                    <li key={i}>
                      <strong>{t(`logs.kind.${x.kind}` as Parameters<typeof t>[0])}</strong> {x.template ?? x.service ?? ''}{' '}
                      {/* A signal's count is of the anomaly window, not since the incident's start: it says its period. */}
                      <span className="muted">{isText(x.counted) ? x.counted[lang] : t('alerts.lines', { n: x.count })}</span>
                    </li>
                  ),
                )}
              </ul>
            )}
            {selected.kind === 'log_anomaly' && selected.site && <SiteTimelinePanel sites={[selected.site]} timeZone={tz} initialSite={selected.site} />}
            {Array.isArray(selected.detail.samples) && (
              <ul className="samples">
                {(selected.detail.samples as string[]).map((s, i) => (
                  <li key={i}>
                    <code>{s}</code>
                  </li>
                ))}
              </ul>
            )}
            <div className="buttons">
              {selected.status === 'open' && !selected.acknowledgedAt && (
                <button type="button" data-testid="alert-ack" onClick={() => void call('alerts.ack', { id: selected.id }).then(load)}>
                  {t('alerts.ack')}
                </button>
              )}
              {selected.status === 'open' && (
                <button type="button" onClick={() => void call('alerts.snooze', { id: selected.id, minutes: 60 }).then(load)}>
                  {selected.snoozedUntil && selected.snoozedUntil > now
                    ? t('alerts.snoozed', { time: formatTime(selected.snoozedUntil, tz) })
                    : t('alerts.snooze')}
                </button>
              )}
              {selected.kind === 'log_anomaly' && Array.isArray(selected.detail.services) && (
                <button
                  type="button"
                  data-testid="alert-show-logs"
                  onClick={() => showLogs({ service: String((selected.detail.services as unknown[])[0]), hours: 6 })}
                >
                  {t('alerts.showLogs')}
                </button>
              )}
              {/* A decision that holds is not offered another consultation (until it is measured to fall short). */}
              {selected.request && !decisionHolds(selected.decision) && (
                <button type="button" data-testid="alert-propose" onClick={() => consult({ ...selected.request!, text: inText(selected.request!.text) })}>
                  {t('alerts.propose')}
                </button>
              )}
            </div>
          </section>
        )}
      </div>
    </div>
  );
}

function isText(v: unknown): v is { ja: string; en: string } {
  return typeof v === 'object' && v !== null && typeof (v as { ja?: unknown }).ja === 'string' && typeof (v as { en?: unknown }).en === 'string';
}
