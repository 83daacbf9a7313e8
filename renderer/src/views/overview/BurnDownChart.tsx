import { useEffect } from 'react';
import { use as registerCharts } from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { SiteOverview } from '../../../../main/api/types';
import { useEChart } from '../../components/useEChart';
import { formatTime } from './format';

registerCharts([LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

const COLORS = ['#0f766e', '#2563eb', '#d97706', '#7c3aed', '#db2777'];

export interface BurnDownLabels {
  items: string;
  now: string;
  deadline: string;
  nameOf: (businessId: string) => string;
}

/**
 * The day's burn-down per business at one site: items left against time (a time axis), the
 * deadline of each business and "now" marked, and the projection from now to the projected
 * finish drawn dashed. Units on the axis and in the tooltip; labels at 11 px or more.
 */
export function BurnDownChart({
  trend,
  timeZone,
  now,
  labels,
  label,
}: {
  trend: SiteOverview['trend'];
  timeZone: string;
  now: number;
  labels: BurnDownLabels;
  label: string;
}) {
  const { el, chart } = useEChart();

  useEffect(() => {
    const last = trend.times.at(-1) ?? now;
    const series = trend.series.flatMap((b, i) => {
      const color = COLORS[i % COLORS.length]!;
      const name = labels.nameOf(b.businessId);
      const points = trend.times.map((t, k) => [t, b.remaining[k] ?? null]);
      const lastLeft = [...b.remaining].reverse().find((v) => v !== null) ?? null;
      const actual = {
        name,
        type: 'line',
        showSymbol: false,
        lineStyle: { width: 2, color },
        itemStyle: { color },
        data: points,
        markLine:
          b.deadline === null
            ? undefined
            : {
                symbol: 'none',
                silent: true,
                lineStyle: { color, type: 'solid', width: 1, opacity: 0.7 },
                label: { formatter: `${labels.deadline} ${formatTime(b.deadline, timeZone)}`, fontSize: 11, color, position: 'insideEndTop' },
                data: [{ xAxis: b.deadline }],
              },
      };
      // The projection: from the last snapshot's items to zero at the projected finish.
      const projection =
        b.projectedFinish !== null && lastLeft !== null && lastLeft > 0
          ? [
              {
                name,
                type: 'line',
                showSymbol: false,
                lineStyle: { width: 2, type: 'dashed', color },
                itemStyle: { color },
                tooltip: { show: false },
                data: [
                  [last, lastLeft],
                  [b.projectedFinish, 0],
                ],
              },
            ]
          : [];
      return [actual, ...projection];
    });
    const nowLine = {
      name: labels.now,
      type: 'line',
      data: [],
      markLine: {
        symbol: 'none',
        silent: true,
        lineStyle: { color: '#334155', type: 'dotted', width: 1 },
        label: { formatter: `${labels.now} ${formatTime(now, timeZone)}`, fontSize: 11, color: '#334155', position: 'insideStartTop' },
        data: [{ xAxis: now }],
      },
    };
    const ends = trend.series.flatMap((b) => [b.deadline, b.projectedFinish]).filter((t): t is number => t !== null);
    chart.current?.setOption(
      {
        animation: false,
        color: COLORS,
        grid: { left: 52, right: 16, top: 30, bottom: 26 },
        tooltip: {
          trigger: 'axis',
          textStyle: { fontSize: 12 },
          valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toLocaleString()} ${labels.items}` : '—'),
        },
        legend: { top: 0, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 11 }, data: trend.series.map((b) => labels.nameOf(b.businessId)) },
        xAxis: {
          type: 'time',
          min: trend.times[0],
          max: Math.max(last, now, ...ends) + 10 * 60_000,
          axisLabel: { fontSize: 11, formatter: (v: number) => formatTime(v, timeZone) },
          splitLine: { show: false },
        },
        yAxis: {
          type: 'value',
          name: labels.items,
          nameTextStyle: { fontSize: 11, align: 'right' },
          axisLabel: { fontSize: 11 },
          splitLine: { lineStyle: { color: '#eef2f7' } },
        },
        series: [...series, nowLine],
      },
      true,
    );
  }, [trend, timeZone, now, labels, chart]);

  return <div ref={el} className="trend" role="img" aria-label={label} />;
}
