import { useCallback, useEffect, useMemo, useState } from 'react';
import { useName } from '../../i18n/useName';
import { use as registerCharts } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { SiteTimeline } from '../../../../main/api/types';
import type { LogNarrowing } from '../../../../main/api/logsScreen';
import { call } from '../../api/genbaClient';
import { useCore } from '../../api/useCore';
import { useEChart } from '../../components/useEChart';
import { visibleText } from '../../components/visibleText';
import { useT } from '../../i18n/useT';
import { formatSpeed, formatTime } from '../overview/format';
import { businessLabel } from '../../../../main/api/businessLabel';
import { localize } from '../../../../main/api/localized';
import { useAppStore } from '../../store/appStore';
import { countFigure } from '../../../../main/api/figures';

/** A long template cut where it must be, and said to be cut. */
const clip = (text: string, n: number): string => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

registerCharts([LineChart, BarChart, GridComponent, MarkAreaComponent, TooltipComponent, CanvasRenderer]);

/** One colour per series, none repeated: the speeds first, in the order of the legend. */
const PALETTE = ['#0f766e', '#2563eb', '#7c3aed', '#d97706', '#db2777', '#0891b2', '#65a30d', '#475569', '#a16207', '#9333ea', '#be123c', '#15803d'];
const ERRORS = '#dc2626';
const TEMPLATE = '#ea580c';
const colourOf = (k: number): string => PALETTE[k] ?? `hsl(${(k * 137) % 360} 55% 40%)`;

/** A series of the chart as its legend lists it. */
interface Series {
  key: string;
  name: string;
  colour: string;
  /** Shown until the manager says otherwise: the speeds an incident affects, the log lines and the selected template. */
  byDefault: boolean;
}

/**
 * A site's speed, its log incidents and its hosts' error lines on one time axis: the view of
 * `genba logs timeline`. Opens on the site of the first incident (the urgent one), else the
 * first site. By default it draws the speed of the processes an incident affects and the
 * errors; every other series is in the legend (a list, with a box each) to add. On the Logs
 * view it covers that view's range and counts the lines its narrowing keeps.
 */
/** Longer than this without a snapshot is no work (the night, a closed day): the speed line breaks there instead of crossing it. */
const NO_WORK_MS = 30 * 60_000;

/** Points with a null between two that lie further apart than NO_WORK_MS: ECharts draws no line across a null. */
function withGaps(points: [number, number][]): [number, number | null][] {
  return points.flatMap((p, i): [number, number | null][] => (i > 0 && p[0] - points[i - 1]![0] > NO_WORK_MS ? [[p[0] - 1, null], p] : [p]));
}

export function SiteTimelinePanel({
  sites,
  timeZone,
  initialSite = null,
  templateId = null,
  range = null,
  narrowing = null,
}: {
  sites: string[];
  timeZone: string;
  initialSite?: string | null;
  /** A template selected in the Logs view: its lines drawn on the same axis as the site's speed. */
  templateId?: number | null;
  /** The Logs view's range (else the core's default, the last 6 hours). */
  range?: { from: number; to: number } | null;
  /** The Logs view's level, service and host: the log lines drawn are those it keeps. */
  narrowing?: LogNarrowing | null;
}) {
  const t = useT();
  // A business by the name the overview shows, as the alerts and the chat name it.
  const lang = useAppStore((st) => st.lang);
  const names = useAppStore((st) => st.overview?.businessNames);
  const name = useName();
  const business = useCallback((id: string): string => name(localize(lang, businessLabel(names ?? {}, id))), [lang, names, name]);
  const [site, setSite] = useState<string | null>(initialSite);
  const [timeline, setTimeline] = useState<SiteTimeline | null>(null);
  /** The manager's choices in the legend, per series key; reset when the site changes. */
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const { error, run } = useCore();
  const { el, chart } = useEChart();
  const from = range?.from;
  const to = range?.to;
  const { level, service, host } = narrowing ?? {};

  useEffect(() => {
    if (site !== null || sites.length === 0) return;
    void run(async () => {
      const report = await call('alerts.incidents', {});
      setSite(report.incidents.flatMap((i) => i.sites).find((s) => sites.includes(s)) ?? sites[0]!);
    });
  }, [site, sites, run]);

  useEffect(() => {
    if (site === null) return;
    void run(async () =>
      setTimeline(
        await call('alerts.timeline', {
          site,
          ...(templateId ? { templateId } : {}),
          ...(from !== undefined && to !== undefined ? { from, to } : {}),
          ...(level ? { level } : {}),
          ...(service ? { service } : {}),
          ...(host ? { host } : {}),
        }),
      ),
    );
  }, [site, run, templateId, from, to, level, service, host]);

  /** What the bars count: the errors, or the lines of the level the view is narrowed to. */
  const levelBars = level !== undefined && level !== 'ERROR';
  const series = useMemo((): Series[] => {
    if (!timeline) return [];
    const affected = new Set(timeline.incidents.flatMap((i) => i.affects.map((a) => `p:${a.process}|${a.businessId}`)));
    const speeds = timeline.processes.map((p) => ({
      key: `p:${p.process}|${p.businessId}`,
      name: t('timeline.series', { process: name(p.process), business: business(p.businessId) }),
    }));
    // Affected first: they take the first colours and lead the legend. With none affected, the first process is shown.
    const ordered = [...speeds.filter((x) => affected.has(x.key)), ...speeds.filter((x) => !affected.has(x.key))];
    const shownByDefault = affected.size > 0 ? affected : new Set(ordered.slice(0, 1).map((x) => x.key));
    return [
      ...ordered.map((x, k) => ({ ...x, colour: colourOf(k), byDefault: shownByDefault.has(x.key) })),
      {
        key: 'logs',
        // Per hour where the range reaches days whose logs are kept per hour (SiteTimeline.bucketMinutes).
        name: levelBars ? t('timeline.levelLines', { level: level!, n: timeline.bucketMinutes }) : t('timeline.errors', { n: timeline.bucketMinutes }),
        colour: ERRORS,
        byDefault: true,
      },
      ...(timeline.template
        ? [{ key: 'template', name: t('timeline.template', { template: clip(visibleText(timeline.template.text), 40) }), colour: TEMPLATE, byDefault: true }]
        : []),
    ];
  }, [timeline, t, levelBars, level, business, name]);
  useEffect(() => setToggled({}), [site]);
  const shown = (s: Series): boolean => toggled[s.key] ?? s.byDefault;
  const visible = series.filter(shown).map((s) => s.key);
  const visibleKey = visible.join('\u0001');

  useEffect(() => {
    if (!timeline) return;
    const on = new Set(visibleKey.split('\u0001'));
    const speed = t('timeline.speed');
    const lines = series.find((s) => s.key === 'logs')?.name ?? t('timeline.errors', { n: timeline.bucketMinutes });
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 44, right: 44, top: 28, bottom: 24 },
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? v.toFixed(1) : String(v)) },
        legend: { show: false },
        xAxis: { type: 'time', min: timeline.from, max: timeline.to, axisLabel: { fontSize: 9, formatter: (v: number) => formatTime(v, timeZone) } },
        yAxis: [
          {
            type: 'value',
            name: speed,
            nameTextStyle: { fontSize: 9, align: 'left' },
            axisLabel: { fontSize: 9 },
            splitLine: { lineStyle: { color: '#eef2f7' } },
          },
          { type: 'value', name: lines, nameTextStyle: { fontSize: 9, align: 'right' }, axisLabel: { fontSize: 9 }, splitLine: { show: false } },
        ],
        series: [
          // The incidents shade the time they lasted, whatever series are shown.
          {
            name: '',
            type: 'line',
            data: [],
            markArea: {
              silent: true,
              itemStyle: { color: 'rgba(220, 38, 38, 0.12)' },
              label: { fontSize: 9, color: '#b91c1c' },
              data: timeline.incidents.map((i) => [{ xAxis: i.start, name: i.hosts[0] ?? i.services[0] ?? '' }, { xAxis: i.end }]),
            },
          },
          ...series
            .filter((s) => on.has(s.key) && s.key.startsWith('p:'))
            .map((s) => {
              const p = timeline.processes.find((x) => `p:${x.process}|${x.businessId}` === s.key)!;
              return {
                name: s.name,
                type: 'line',
                showSymbol: false,
                color: s.colour,
                lineStyle: { width: 2 },
                data: withGaps(p.points.map((x) => [x.at, Math.round(x.perMinute * 10) / 10])),
              };
            }),
          ...(on.has('logs')
            ? [
                {
                  name: lines,
                  type: 'bar',
                  yAxisIndex: 1,
                  barMaxWidth: 6,
                  itemStyle: { color: ERRORS },
                  data: timeline.logs.map((l) => [l.at, levelBars ? l.lines : l.errors]),
                },
              ]
            : []),
          ...(timeline.template && on.has('template')
            ? [
                {
                  name: series.find((s) => s.key === 'template')!.name,
                  type: 'line',
                  yAxisIndex: 1,
                  step: 'end',
                  showSymbol: false,
                  lineStyle: { width: 2, color: TEMPLATE },
                  itemStyle: { color: TEMPLATE },
                  data: timeline.template.points.map((p) => [p.at, p.lines]),
                },
              ]
            : []),
        ],
      },
      true,
    );
  }, [timeline, timeZone, chart, t, series, visibleKey, levelBars]);

  return (
    <section className="panel timeline" data-testid="site-timeline">
      <div className="panel-header">
        <h2>
          {t('timeline.title')}
          {timeline && (
            <span className="muted small" data-testid="timeline-range">
              {' '}
              {t('timeline.range', { from: formatTime(timeline.from, timeZone, timeline.to), to: formatTime(timeline.to, timeZone, timeline.from) })}
            </span>
          )}
        </h2>
        <label>
          {t('timeline.site')}{' '}
          <select value={site ?? ''} onChange={(e) => setSite(e.target.value)} data-testid="timeline-site">
            {sites.map((s) => (
              <option key={s} value={s}>
                {name(s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      <div ref={el} className="timeline-chart" role="img" aria-label={t('timeline.title')} />
      {series.length > 0 && (
        <ul className="timeline-legend" aria-label={t('timeline.legend')} data-testid="timeline-legend">
          {series.map((s) => (
            <li key={s.key}>
              <label>
                <input
                  type="checkbox"
                  checked={shown(s)}
                  onChange={(e) => setToggled({ ...toggled, [s.key]: e.target.checked })}
                  data-testid={`timeline-series-${s.key}`}
                />
                <span className="swatch" style={{ background: s.colour }} aria-hidden="true" /> {s.name}
              </label>
            </li>
          ))}
        </ul>
      )}
      {timeline?.template && (
        <p className="muted small" data-testid="timeline-template">
          {t('timeline.templateLines', {
            template: visibleText(timeline.template.text),
            n: countFigure(timeline.template.points.reduce((n, p) => n + p.lines, 0)),
            from: formatTime(timeline.from, timeZone, timeline.to),
            to: formatTime(timeline.to, timeZone, timeline.from),
          })}
        </p>
      )}
      {timeline && timeline.incidents.length === 0 && (
        <p className="muted">{t('timeline.none', { from: formatTime(timeline.from, timeZone), to: formatTime(timeline.to, timeZone) })}</p>
      )}
      <ul className="incidents" data-testid="timeline-incidents">
        {timeline?.incidents.map((i) => (
          <li key={i.id} className={`sev-${i.severity}`}>
            <div>
              {t('timeline.incident', {
                start: formatTime(i.start, timeZone),
                end: formatTime(i.end, timeZone),
                services: i.services.join(', '),
                hosts: i.hosts.join(', '),
                lines: countFigure(i.lines),
                errors: countFigure(i.errorLines),
                usual: countFigure(i.usualLines),
              })}
            </div>
            {i.affects.length === 0 && <div className="muted">{t('timeline.noAffect')}</div>}
            {i.affects.map((a) => (
              <div key={`${a.site}-${a.process}-${a.businessId}`} className="affects">
                {t('timeline.affects', {
                  site: name(a.site),
                  process: name(a.process),
                  business: business(a.businessId),
                  before: formatSpeed(a.speedBefore),
                  after: formatSpeed(a.speedAfter),
                  time: formatTime(a.dropAt, timeZone),
                })}
              </div>
            ))}
            {i.samples[0] && <code>{visibleText(i.samples[0])}</code>}
          </li>
        ))}
      </ul>
    </section>
  );
}
