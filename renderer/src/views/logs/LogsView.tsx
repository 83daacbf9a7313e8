import { useCallback, useEffect, useState } from 'react';
import { onActivateKey } from '../../components/onActivateKey';
import type {
  LogAnomalyKind,
  LogAnomalyReport,
  LogCluster,
  LogScatterPoint,
  LogSearchHit,
  LogTemplateDetail,
  LogTemplateSummary,
  LogVolume,
} from '../../../../main/api/types';
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
import { LogVolumeChart } from './LogVolumeChart';
import { LogFamilies } from './LogFamilies';
import { LogFilterBar, NO_FILTER, toFilter, type FilterForm } from './LogFilterBar';

/** Rows the template table shows at once; the note under it says when more matched. */
const SHOWN = 60;

/** Log intelligence: families, anomalies, templates with filters, semantic search, a template's detail, and the site timeline. */
export function LogsView() {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const tz = useAppStore((s) => s.overview?.timeZone ?? 'Asia/Tokyo');
  const sites = useAppStore(useShallow((s) => s.overview?.sites.map((x) => x.site) ?? []));
  const now = useAppStore((s) => s.status?.clock.now ?? null);
  // Opened from an incident: its service's messages over the last 6 hours.
  const carried = useAppStore((s) => s.logsFilter);
  const takeCarried = useAppStore((s) => s.showLogs);
  const initial: FilterForm = carried ? { ...NO_FILTER, service: carried.service ?? '', host: carried.host ?? '', hours: carried.hours ?? 0 } : NO_FILTER;
  const [form, setForm] = useState<FilterForm>(initial);
  const [applied, setApplied] = useState<FilterForm>(initial);
  useEffect(() => {
    if (carried) takeCarried(null);
  }, [carried, takeCarried]);
  const [templates, setTemplates] = useState<LogTemplateSummary[]>([]);
  const [points, setPoints] = useState<LogScatterPoint[]>([]);
  const [anomalies, setAnomalies] = useState<LogAnomalyReport | null>(null);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<LogSearchHit[] | null>(null);
  const [detail, setDetail] = useState<LogTemplateDetail | null>(null);
  const [volume, setVolume] = useState<LogVolume | null>(null);
  const [families, setFamilies] = useState<LogCluster[]>([]);
  /** The family picked in the list: it narrows the templates and the scatter. */
  const [family, setFamily] = useState<number | null>(null);
  const { error, run } = useCore();

  const load = useCallback(
    () =>
      run(async () => {
        await call('logs.refresh', {});
        const filter = toFilter(applied, now ?? Date.now());
        const [list, scatter, report, lines, clusters] = await Promise.all([
          call('logs.templates', { limit: 300, ...filter }),
          call('logs.scatter', {}),
          call('logs.anomalies', {}),
          call('logs.volume', filter),
          call('logs.clusters', {}),
        ]);
        setTemplates(list);
        setPoints(scatter);
        setAnomalies(report);
        setVolume(lines);
        setFamilies(clusters);
      }),
    [run, applied, now],
  );
  useEffect(() => {
    void load();
    return onEvent((e) => {
      if (e.type === 'data-changed' && e.tables.includes('log_templates')) void load();
    });
  }, [load]);

  const select = useCallback((id: number) => void run(async () => setDetail(await call('logs.template', { id }))), [run]);
  const search = async () => {
    if (!query.trim()) return setHits(null);
    await run(async () => setHits(await call('logs.search', { text: query, k: 20, ...toFilter(applied, now ?? Date.now()) })));
  };
  const filtered = JSON.stringify(applied) !== JSON.stringify(NO_FILTER);
  const inFamily = <T extends { clusterId: number | null }>(xs: T[]): T[] => (family === null ? xs : xs.filter((x) => x.clusterId === family));
  const rows = inFamily(hits ?? templates);
  // What the anomaly report says about a template: its badge in the list.
  const badge = new Map<number, LogAnomalyKind>();
  for (const a of anomalies?.anomalies ?? []) if (a.templateId !== null && !badge.has(a.templateId)) badge.set(a.templateId, a.kind);
  const familyLabel = (id: number | null): string => families.find((f) => f.id === id)?.label ?? '—';
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
        active={filtered ? templates.length : null}
      />
      {volume && (
        <section className="panel">
          <h2>{t('logs.volume', { n: volume.bucketMinutes })}</h2>
          <LogVolumeChart volume={volume} timeZone={tz} unit={t('logs.lines')} label={t('logs.volume', { n: volume.bucketMinutes })} />
        </section>
      )}
      <LogFamilies families={families} picked={family} onPick={setFamily} />
      <SiteTimelinePanel sites={sites} timeZone={tz} templateId={detail?.id ?? null} />
      <div className="logs-grid">
        <section className="panel">
          <h2>{t('logs.scatter')}</h2>
          <TemplateScatter points={points} onSelect={select} label={t('logs.scatter')} highlight={family} />
          <h2>{t('logs.anomalies')}</h2>
          {anomalies?.warmup && <p className="muted">{t('logs.warmup')}</p>}
          {anomalies && anomalies.anomalies.length === 0 && <p className="muted">{t('logs.noAnomalies', { n: anomalies.windowMinutes })}</p>}
          <ul className="anomalies" data-testid="log-anomalies">
            {anomalies?.anomalies.slice(0, 12).map((a, i) => (
              <li key={i} className={`sev-${a.severity}`} onClick={() => a.templateId && select(a.templateId)}>
                <strong>{t(`logs.kind.${a.kind}`)}</strong>
                {a.service ? ` · ${a.service}` : ''} · {a.count.toLocaleString()}
                <div>{a.explanation[lang]}</div>
                {a.template && <code>{visibleText(a.template)}</code>}
              </li>
            ))}
          </ul>
        </section>
        <section className="panel">
          <h2>{hits ? t('logs.results') : t('logs.templates')}</h2>
          <table className="templates" data-testid="log-templates">
            <thead>
              <tr>
                <th>{t('logs.templates')}</th>
                <th className="num">{t('logs.count')}</th>
                <th>{t('logs.trend')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, SHOWN).map((r) => (
                <tr
                  key={r.id}
                  tabIndex={0}
                  onClick={() => select(r.id)}
                  onKeyDown={onActivateKey(() => select(r.id))}
                  className={`${detail?.id === r.id ? 'selected' : ''} ${badge.has(r.id) ? 'anomalous' : ''}`}
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
                  <td className="num">{r.count.toLocaleString()}</td>
                  <td>
                    <Sparkline values={r.sparkline} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length > SHOWN && (
            <p className="muted small" data-testid="log-templates-more">
              {t('logs.shownFirst', { n: SHOWN, total: rows.length.toLocaleString() })}
            </p>
          )}
          {detail && (
            <div className="template-detail" data-testid="log-template-detail">
              <h3>
                <code>{visibleText(detail.template)}</code>
              </h3>
              <p className="muted">
                {t('logs.detailCount', { n: detail.count.toLocaleString(), errors: detail.errors.toLocaleString() })} · {t('logs.cluster')}{' '}
                {familyLabel(detail.clusterId)}
              </p>
              <h4>{t('logs.parameters')}</h4>
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
              <h4>{t('logs.samples')}</h4>
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
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
