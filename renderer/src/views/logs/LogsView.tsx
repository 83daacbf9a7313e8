import { useCallback, useEffect, useMemo, useState } from 'react';
import { onActivateKey } from '../../components/onActivateKey';
import type { LogAnomalyKind, LogSearchHit, LogTemplateDetail } from '../../../../main/api/types';
import { LOG_PERIOD_HOURS, type LogPeriodHours, type LogsScreen } from '../../../../main/api/logsScreen';
import { call, onEvent } from '../../api/genbaClient';
import { useCore } from '../../api/useCore';
import { visibleText } from '../../components/visibleText';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/appStore';
import { useShallow } from 'zustand/react/shallow';
import { formatDateTime } from '../overview/format';
import { SiteTimelinePanel } from './SiteTimelinePanel';
import { Sparkline } from './Sparkline';
import { TemplateScatter } from './TemplateScatter';
import { TemplateDrillPanel } from './TemplateDrillPanel';
import { LogVolumeChart } from './LogVolumeChart';
import { inPick, LogFamilies, type FamilyPick } from './LogFamilies';
import { LogFilterBar, NO_FILTER, periodText, toNarrowing, type FilterForm } from './LogFilterBar';
import { countFigure } from '../../../../main/api/figures';

/** Rows the template table shows at once; the note under it says when more matched. */
const SHOWN = 60;

const isPeriod = (h: number | undefined): h is LogPeriodHours => LOG_PERIOD_HOURS.some((x) => x === h);

/**
 * Log intelligence for one range and one narrowing, chosen at the top and said once: the volume,
 * the families, the incidents on the floor's time axis, the scatter, the anomalies and the
 * templates (what changed first), with semantic search and a template's detail. Every panel and
 * every count is of the lines of that range that match (one answer of the core, logs.screen).
 */
export function LogsView() {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const tz = useAppStore((s) => s.overview?.timeZone ?? 'Asia/Tokyo');
  const sites = useAppStore(useShallow((s) => s.overview?.sites.map((x) => x.site) ?? []));
  // Opened from an incident: its service's messages over the last 6 hours.
  const carried = useAppStore((s) => s.logsFilter);
  const takeCarried = useAppStore((s) => s.showLogs);
  const initial: FilterForm = carried
    ? { ...NO_FILTER, service: carried.service ?? '', host: carried.host ?? '', hours: isPeriod(carried.hours) ? carried.hours : NO_FILTER.hours }
    : NO_FILTER;
  const [form, setForm] = useState<FilterForm>(initial);
  const [applied, setApplied] = useState<FilterForm>(initial);
  useEffect(() => {
    if (carried) takeCarried(null);
  }, [carried, takeCarried]);
  const [screen, setScreen] = useState<LogsScreen | null>(null);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<LogSearchHit[] | null>(null);
  /** The template picked in the list, the scatter or the anomalies, and its detail over the screen's lines. */
  const [pickedId, setPickedId] = useState<number | null>(null);
  const [detail, setDetail] = useState<LogTemplateDetail | null>(null);
  /** The family picked in the list: it narrows the templates and the scatter. */
  const [family, setFamily] = useState<FamilyPick | null>(null);
  const { error, run } = useCore();

  const load = useCallback(
    () =>
      run(async () => {
        await call('logs.refresh', {});
        setScreen(await call('logs.screen', { hours: applied.hours, limit: 300, ...toNarrowing(applied) }));
      }),
    [run, applied],
  );
  useEffect(() => {
    void load();
    return onEvent((e) => {
      if (e.type === 'data-changed' && e.tables.includes('log_templates')) void load();
    });
  }, [load]);

  /** The lines a count of this screen covers: its range and narrowing (a detail or a search counts the same lines). */
  const counted = useMemo(() => (screen ? { ...screen.narrowing, from: screen.range.from, to: screen.range.to } : null), [screen]);
  // The detail is counted over the screen's lines, again whenever they change.
  useEffect(() => {
    if (pickedId === null || counted === null) return;
    void run(async () => setDetail(await call('logs.template', { id: pickedId, ...counted })));
  }, [pickedId, counted, run]);
  const select = useCallback((id: number) => setPickedId(id), []);
  const search = async () => {
    if (!query.trim()) return setHits(null);
    await run(async () => setHits(await call('logs.search', { text: query, k: 20, ...(counted ?? {}) })));
  };
  const narrowed = Object.keys(toNarrowing(applied)).length > 0;
  const families = screen?.families ?? [];
  const outside = screen?.outsideFamilies ?? null;
  const picked = families.some((f) => f.id === family) || (family === 'outside' && outside !== null && outside.lines > 0) ? family : null;
  const inFamily = <T extends { clusterId: number | null }>(xs: T[]): T[] => xs.filter((x) => inPick(x.clusterId, picked));
  const rows = inFamily(hits ?? screen?.templates ?? []);
  // What the anomaly report of the range says about a template: its badge in the list.
  const badge = new Map<number, LogAnomalyKind>();
  for (const a of screen?.anomalies.anomalies ?? []) if (a.templateId !== null && !badge.has(a.templateId)) badge.set(a.templateId, a.kind);
  const familyLabel = (id: number | null): string => families.find((f) => f.id === id)?.label ?? '—';
  const period = screen ? periodText(t, screen.range.hours) : '';
  return (
    <div className="logs">
      <h1>{t('logs.title')}</h1>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      <form
        className="log-search"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <input
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('logs.search')}
          aria-label={t('logs.search')}
          data-testid="log-search-input"
          maxLength={500}
        />
        <button type="submit" data-testid="log-search">
          {t('logs.searchButton')}
        </button>
        {(hits !== null || query) && (
          <button
            type="button"
            data-testid="log-search-clear"
            onClick={() => {
              setQuery('');
              setHits(null);
            }}
          >
            {t('logs.searchClear')}
          </button>
        )}
      </form>
      <LogFilterBar
        form={form}
        onChange={setForm}
        onApply={() => {
          setHits(null);
          setApplied(form);
        }}
        onClear={() => {
          setForm(NO_FILTER);
          setApplied(NO_FILTER);
        }}
        active={narrowed && screen ? screen.matched : null}
        range={screen?.range ?? null}
        timeZone={tz}
      />
      {/* What is wrong first: the anomalies, above the charts that explain them (they started about 1,400 px down). */}
      <section className="panel" data-testid="log-anomalies-panel">
        <h2>{t('logs.anomalies', { period })}</h2>
        {screen?.anomalies.warmup && <p className="muted">{t('logs.warmup')}</p>}
        {screen && screen.anomalies.anomalies.length === 0 && <p className="muted">{t('logs.noAnomalies', { period })}</p>}
        {narrowed && screen && screen.anomalies.anomalies.length > 0 && <p className="muted small">{t('logs.anomaliesAllLines')}</p>}
        <ul className="anomalies" data-testid="log-anomalies">
          {screen?.anomalies.anomalies.slice(0, 12).map((a, i) => (
            <li key={i} className={`sev-${a.severity}`} onClick={() => a.templateId && select(a.templateId)}>
              <strong>{t(`logs.kind.${a.kind}`)}</strong>
              {a.service ? ` · ${a.service}` : ''} · {t('logs.anomalyLines', { n: countFigure(a.count) })}
              <div>{a.explanation[lang]}</div>
              {a.template && <code>{visibleText(a.template)}</code>}
            </li>
          ))}
        </ul>
      </section>
      {screen && (
        <section className="panel">
          <h2>{t('logs.volume', { period, n: screen.volume.bucketMinutes })}</h2>
          <LogVolumeChart volume={screen.volume} timeZone={tz} unit={t('logs.lines')} label={t('logs.volume', { period, n: screen.volume.bucketMinutes })} />
        </section>
      )}
      {screen && <LogFamilies families={families} outside={screen.outsideFamilies} picked={picked} onPick={setFamily} period={period} />}
      <SiteTimelinePanel sites={sites} timeZone={tz} templateId={pickedId} range={screen?.range ?? null} narrowing={screen?.narrowing ?? null} />
      <div className="logs-grid">
        <section className="panel">
          <h2>{t('logs.scatter', { period })}</h2>
          <TemplateScatter points={screen?.scatter ?? []} onSelect={select} label={t('logs.scatter', { period })} highlight={picked} unit={t('logs.lines')} />
          <p className="muted small" data-testid="log-scatter-key">
            {t('logs.scatterKey')}
          </p>
        </section>
        <section className="panel">
          <h2>{hits ? t('logs.results') : t('logs.templates')}</h2>
          {!hits && screen && screen.changed > 0 && (
            <p className="muted small" data-testid="log-templates-order">
              {t('logs.changedFirst', { period, n: screen.changed })}
            </p>
          )}
          <table className="templates" data-testid="log-templates">
            <thead>
              <tr>
                <th>{t('logs.templates')}</th>
                <th className="num">{t('logs.count', { period })}</th>
                <th>{t('logs.trend', { period })}</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, SHOWN).map((r) => (
                <tr
                  key={r.id}
                  tabIndex={0}
                  onClick={() => select(r.id)}
                  onKeyDown={onActivateKey(() => select(r.id))}
                  className={`${pickedId === r.id ? 'selected' : ''} ${badge.has(r.id) ? 'anomalous' : ''}`}
                  data-testid={`log-template-${r.id}`}
                >
                  <td>
                    {badge.has(r.id) && (
                      <span className={`chip badge-${badge.get(r.id)}`} data-testid="log-template-badge">
                        {t(`logs.kind.${badge.get(r.id)!}`)}
                      </span>
                    )}{' '}
                    <code>{visibleText(r.template)}</code>
                  </td>
                  <td className="num" data-testid="log-template-count">
                    {countFigure(r.count)}
                  </td>
                  <td>
                    <Sparkline values={r.sparkline} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length > SHOWN && (
            <p className="muted small" data-testid="log-templates-more">
              {t('logs.shownFirst', { n: SHOWN, total: countFigure(rows.length) })}
            </p>
          )}
          {detail && (
            <div className="template-detail" data-testid="log-template-detail">
              <h3>
                <code>{visibleText(detail.template)}</code>
              </h3>
              <p className="muted">
                <span data-testid="log-template-detail-count">
                  {t('logs.detailCount', { period, n: countFigure(detail.count), errors: countFigure(detail.errors) })}
                </span>{' '}
                · {t('logs.cluster')} {familyLabel(detail.clusterId)}
              </p>
              <h4>{t(detail.valuesCount === 'samples' ? 'logs.parametersSampled' : 'logs.parameters')}</h4>
              <ul className="params">
                {detail.parameters.map((p) => (
                  <li key={p.position}>
                    <code>{p.name ?? `#${p.position}`}</code>{' '}
                    {p.values
                      ? p.values
                          .slice(0, 6)
                          .map((v) => `${v.value} (${v.count})`)
                          .join(', ')
                      : t('logs.manyValues')}
                  </li>
                ))}
              </ul>
              <h4>{t('logs.samples', { period })}</h4>
              <ul className="samples">
                {detail.samples.map((s, i) => (
                  <li key={i}>
                    <span className="muted">
                      {formatDateTime(s.ts, tz, lang)} {s.service} {s.level}
                    </span>{' '}
                    <code data-testid="log-sample">{visibleText(s.message)}</code>
                  </li>
                ))}
              </ul>
              {/* Keyed by what it shows: another template or range is a new panel, and an answer still on its way for the old one is dropped. */}
              {counted && (
                <TemplateDrillPanel
                  key={[detail.id, counted.from, counted.to, counted.service, counted.host, counted.level].join('|')}
                  id={detail.id}
                  counted={counted}
                  period={period}
                />
              )}
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
