import { useEffect, useState } from 'react';
import { use as registerCharts } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { SiteTimeline } from '../../../../main/api/types';
import { call } from '../../api/genbaClient';
import { useCore } from '../../api/useCore';
import { useEChart } from '../../components/useEChart';
import { visibleText } from '../../components/visibleText';
import { useT } from '../../i18n/useT';
import { formatSpeed, formatTime } from '../overview/format';

registerCharts([LineChart, BarChart, GridComponent, LegendComponent, MarkAreaComponent, TooltipComponent, CanvasRenderer]);

const COLORS = ['#0f766e', '#2563eb', '#d97706', '#7c3aed', '#db2777'];

/**
 * A site's speed, its log incidents and its hosts' error lines on one time axis: the view of
 * `genba logs timeline`. Opens on the site of the first incident (the urgent one), else the
 * first site.
 */
export function SiteTimelinePanel({
  sites,
  timeZone,
  initialSite = null,
  templateId = null,
}: {
  sites: string[];
  timeZone: string;
  initialSite?: string | null;
  /** A template selected in the Logs view: its lines drawn on the same axis as the site's speed. */
  templateId?: number | null;
}) {
  const t = useT();
  const [site, setSite] = useState<string | null>(initialSite);
  const [timeline, setTimeline] = useState<SiteTimeline | null>(null);
  const { error, run } = useCore();
  const { el, chart } = useEChart();

  useEffect(() => {
    if (site !== null || sites.length === 0) return;
    void run(async () => {
      const report = await call('alerts.incidents', {});
      setSite(report.incidents.flatMap((i) => i.sites).find((s) => sites.includes(s)) ?? sites[0]!);
    });
  }, [site, sites, run]);

  useEffect(() => {
    if (site === null) return;
    void run(async () => setTimeline(await call('alerts.timeline', { site, ...(templateId ? { templateId } : {}) })));
  }, [site, run, templateId]);

  useEffect(() => {
    if (!timeline) return;
    const speed = t('timeline.speed');
    const errors = t('timeline.errors');
    // One colour per process; its businesses after the first are dashed.
    const processes = [...new Set(timeline.processes.map((p) => p.process))];
    const firstOf = new Map(timeline.processes.map((p) => [p.process, p.businessId] as const).reverse());
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 44, right: 44, top: 48, bottom: 24 },
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? v.toFixed(1) : String(v)) },
        legend: { type: 'scroll', top: 0, left: 60, right: 60, itemWidth: 12, itemHeight: 6, textStyle: { fontSize: 10 } },
        xAxis: { type: 'time', min: timeline.from, max: timeline.to, axisLabel: { fontSize: 9, formatter: (v: number) => formatTime(v, timeZone) } },
        yAxis: [
          {
            type: 'value',
            name: speed,
            nameTextStyle: { fontSize: 9, align: 'left' },
            axisLabel: { fontSize: 9 },
            splitLine: { lineStyle: { color: '#eef2f7' } },
          },
          { type: 'value', name: errors, nameTextStyle: { fontSize: 9, align: 'right' }, axisLabel: { fontSize: 9 }, splitLine: { show: false } },
        ],
        series: [
          ...timeline.processes.map((p, k) => ({
            name: t('timeline.series', { process: p.process, business: p.businessId }),
            type: 'line',
            showSymbol: false,
            color: COLORS[processes.indexOf(p.process) % COLORS.length],
            lineStyle: { type: firstOf.get(p.process) === p.businessId ? 'solid' : 'dashed' },
            data: p.points.map((x) => [x.at, Math.round(x.perMinute * 10) / 10]),
            // The incidents shade the time they lasted, behind the first process's line.
            ...(k === 0
              ? {
                  markArea: {
                    silent: true,
                    itemStyle: { color: 'rgba(220, 38, 38, 0.12)' },
                    label: { fontSize: 9, color: '#b91c1c' },
                    data: timeline.incidents.map((i) => [{ xAxis: i.start, name: i.hosts[0] ?? i.services[0] ?? '' }, { xAxis: i.end }]),
                  },
                }
              : {}),
          })),
          { name: errors, type: 'bar', yAxisIndex: 1, barMaxWidth: 6, itemStyle: { color: '#dc2626' }, data: timeline.logs.map((l) => [l.at, l.errors]) },
          ...(timeline.template
            ? [
                {
                  name: t('timeline.template', { template: visibleText(timeline.template.text).slice(0, 40) }),
                  type: 'line',
                  yAxisIndex: 1,
                  step: 'end',
                  showSymbol: false,
                  lineStyle: { width: 2, color: '#ea580c' },
                  itemStyle: { color: '#ea580c' },
                  data: timeline.template.points.map((p) => [p.at, p.lines]),
                },
              ]
            : []),
        ],
      },
      true,
    );
  }, [timeline, timeZone, chart, t]);

  return (
    <section className="panel timeline" data-testid="site-timeline">
      <div className="panel-header">
        <h2>{t('timeline.title')}</h2>
        <label>
          {t('timeline.site')}{' '}
          <select value={site ?? ''} onChange={(e) => setSite(e.target.value)} data-testid="timeline-site">
            {sites.map((s) => (
              <option key={s} value={s}>
                {s}
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
      {timeline?.template && (
        <p className="muted small" data-testid="timeline-template">
          {t('timeline.templateLines', {
            template: visibleText(timeline.template.text),
            n: timeline.template.points.reduce((n, p) => n + p.lines, 0).toLocaleString(),
            from: formatTime(timeline.from, timeZone),
            to: formatTime(timeline.to, timeZone),
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
                lines: i.lines.toLocaleString(),
                usual: i.usualLines.toLocaleString(),
              })}
            </div>
            {i.affects.length === 0 && <div className="muted">{t('timeline.noAffect')}</div>}
            {i.affects.map((a) => (
              <div key={`${a.site}-${a.process}-${a.businessId}`} className="affects">
                {t('timeline.affects', {
                  site: a.site,
                  process: a.process,
                  business: a.businessId,
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
