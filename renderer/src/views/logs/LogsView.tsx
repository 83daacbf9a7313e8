import { useCallback, useEffect, useState } from 'react';
import type { LogAnomalyReport, LogScatterPoint, LogSearchHit, LogTemplateDetail, LogTemplateSummary } from '../../../../main/api/types';
import { call, onEvent } from '../../api/genbaClient';
import { useCore } from '../../api/useCore';
import { visibleText } from '../../components/visibleText';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/appStore';
import { formatDateTime } from '../overview/format';
import { Sparkline } from './Sparkline';
import { TemplateScatter } from './TemplateScatter';

/** Log intelligence: families, anomalies, templates, semantic search and a template's detail. */
export function LogsView() {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const tz = useAppStore((s) => s.overview?.timeZone ?? 'Asia/Tokyo');
  const [templates, setTemplates] = useState<LogTemplateSummary[]>([]);
  const [points, setPoints] = useState<LogScatterPoint[]>([]);
  const [anomalies, setAnomalies] = useState<LogAnomalyReport | null>(null);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<LogSearchHit[] | null>(null);
  const [detail, setDetail] = useState<LogTemplateDetail | null>(null);
  const { error, run } = useCore();

  const load = useCallback(
    () =>
      run(async () => {
        await call('logs.refresh', {});
        const [list, scatter, report] = await Promise.all([call('logs.templates', { limit: 300 }), call('logs.scatter', {}), call('logs.anomalies', {})]);
        setTemplates(list);
        setPoints(scatter);
        setAnomalies(report);
      }),
    [run],
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
    await run(async () => setHits(await call('logs.search', { text: query, k: 20 })));
  };
  const rows = hits ?? templates;
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
        <input value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('logs.search')} data-testid="log-search-input" maxLength={500} />
        <button type="submit" data-testid="log-search">
          {t('logs.searchButton')}
        </button>
      </form>
      <div className="logs-grid">
        <section className="panel">
          <h2>{t('logs.scatter')}</h2>
          <TemplateScatter points={points} onSelect={select} label={t('logs.scatter')} />
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
              {rows.slice(0, 60).map((r) => (
                <tr key={r.id} onClick={() => select(r.id)} className={detail?.id === r.id ? 'selected' : ''} data-testid={`log-template-${r.id}`}>
                  <td>
                    <code>{visibleText(r.template)}</code>
                    {'score' in r && <small> {(r as LogSearchHit).score.toFixed(2)}</small>}
                  </td>
                  <td className="num">{r.count.toLocaleString()}</td>
                  <td>
                    <Sparkline values={r.sparkline} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {detail && (
            <div className="template-detail" data-testid="log-template-detail">
              <h3>
                <code>{visibleText(detail.template)}</code>
              </h3>
              <p className="muted">
                {detail.count.toLocaleString()} · {t('logs.cluster')} {detail.clusterId ?? '—'}
              </p>
              <h4>{t('logs.parameters')}</h4>
              <ul className="params">
                {detail.parameters.map((p) => (
                  <li key={p.position}>
                    <code>#{p.position}</code>{' '}
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
