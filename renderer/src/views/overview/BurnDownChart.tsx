import { useEffect } from 'react';
import { use as registerCharts } from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ProcessBurnDown, SiteOverview } from '../../../../main/api/types';
import { decisionHolds, type FloorDecision } from '../../../../main/api/floorDecision';
import { useEChart } from '../../components/useEChart';
import { formatTime } from './format';
import { countFigure } from '../../../../main/api/figures';

registerCharts([LineChart, GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent, TooltipComponent, CanvasRenderer]);

/**
 * Line colours: none of them red or amber, which mean late and at risk on this screen (an on-track
 * process was drawn red because it came first). A late or stalled process's projected finish is
 * marked in the deadline's red instead; an at-risk one's in amber.
 */
const COLORS = ['#0f766e', '#2563eb', '#7c3aed', '#db2777', '#475569', '#65a30d', '#0891b2', '#92400e'];
/** The on-track green: a decided move's promised finish. */
const PROMISED = '#15803d';
const ALARM: Partial<Record<ProcessBurnDown['status'], string>> = { late: '#b91c1c', stalled: '#b91c1c', at_risk: '#b45309' };
const MINUTE = 60_000;
/** How far back the chart looks: the question is the next hour or two, not the morning. */
const LOOK_BACK_MINUTES = 120;

export interface BurnDownLabels {
  items: string;
  now: string;
  deadline: string;
  projected: string;
  /** The finish a decided move promised. */
  promised: string;
  nameOf: (businessId: string) => string;
  /** A process as the screen names it (useName). */
  name: (process: string) => string;
}

/** The work the chart shows at first: late, stalled or at risk, or with a move decided; else the open work closest to its deadline. */
export function focusOf(series: readonly ProcessBurnDown[], decided: ReadonlyMap<string, FloorDecision>): ProcessBurnDown[] {
  const open = series.filter((s) => s.status !== 'done');
  const urgent = open.filter((s) => s.status === 'late' || s.status === 'stalled' || s.status === 'at_risk' || decided.has(keyOf(s)));
  if (urgent.length > 0) return urgent;
  const slack = (s: ProcessBurnDown): number => (s.deadline === null || s.projectedFinish === null ? Infinity : s.deadline - s.projectedFinish);
  return [...open].sort((a, b) => slack(a) - slack(b)).slice(0, 1);
}

export const keyOf = (s: { businessId: string; process: string }): string => `${s.businessId}|${s.process}`;

/**
 * "Will we make the deadline?" for one site: the items left per process over the last two
 * hours, zoomed to the work shown, each deadline a labelled line and each projected finish a
 * labelled point at zero, the projection from the last snapshot dashed. The work that matters
 * is shown; the site's other open work is in the legend to switch on; finished work is left out.
 */
export function BurnDownChart({
  trend,
  decided,
  timeZone,
  now,
  labels,
  label,
}: {
  trend: SiteOverview['trend'];
  /** The decisions taken today, by keyOf: a decision that holds draws the finish it promised beside the measured one. */
  decided: ReadonlyMap<string, FloorDecision>;
  timeZone: string;
  now: number;
  labels: BurnDownLabels;
  label: string;
}) {
  const { el, chart } = useEChart();

  useEffect(() => {
    const last = trend.times.at(-1) ?? now;
    const open = trend.series.filter((s) => s.status !== 'done');
    const shown = new Set(focusOf(trend.series, decided).map(keyOf));
    const nameOf = (s: ProcessBurnDown): string => `${labels.nameOf(s.businessId)} ${labels.name(s.process)}`;
    const from = Math.max(trend.times[0] ?? now, now - LOOK_BACK_MINUTES * MINUTE);
    const time = (t: number): string => formatTime(t, timeZone, now);
    const series = open.flatMap((s, i) => {
      const color = COLORS[i % COLORS.length]!;
      const name = nameOf(s);
      const points = trend.times.map((t, k) => [t, s.remaining[k] ?? null]).filter(([t]) => t! >= from);
      const lastLeft = [...s.remaining].reverse().find((v) => v !== null) ?? null;
      const projecting = s.projectedFinish !== null && lastLeft !== null && lastLeft > 0;
      const decision = decided.get(keyOf(s));
      const holds = decisionHolds(decision);
      const promised = holds && lastLeft !== null && lastLeft > 0 ? (decision!.promised.finish ?? null) : null;
      // A decided line is not in alarm: its measured projection is what the move is to change.
      const finishColor = holds ? color : (ALARM[s.status] ?? color);
      return [
        {
          name,
          type: 'line',
          showSymbol: false,
          lineStyle: { width: 2.5, color },
          itemStyle: { color },
          data: points,
        },
        // The projection, dashed, under the same name (the legend switches both), ending in the labelled finish.
        ...(projecting
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
                  [s.projectedFinish, 0],
                ],
                markPoint: {
                  symbol: 'circle',
                  symbolSize: 9,
                  silent: true,
                  itemStyle: { color: finishColor },
                  label: {
                    formatter: `${labels.projected} ${time(s.projectedFinish!)}`,
                    position: 'top',
                    fontSize: 11,
                    color: finishColor,
                    fontWeight: 'bold',
                  },
                  data: [{ coord: [s.projectedFinish, 0] }],
                },
              },
            ]
          : []),
        // The finish the decided move promised, in the on-track green, until the snapshots say otherwise.
        ...(promised !== null
          ? [
              {
                name,
                type: 'line',
                showSymbol: false,
                lineStyle: { width: 2, type: 'dotted', color: PROMISED },
                itemStyle: { color: PROMISED },
                tooltip: { show: false },
                data: [
                  [last, lastLeft],
                  [promised, 0],
                ],
                markPoint: {
                  symbol: 'diamond',
                  symbolSize: 10,
                  silent: true,
                  itemStyle: { color: PROMISED },
                  label: {
                    formatter: `${labels.promised} ${time(promised)}`,
                    position: 'top',
                    distance: 22,
                    fontSize: 11,
                    color: PROMISED,
                    fontWeight: 'bold',
                  },
                  data: [{ coord: [promised, 0] }],
                },
              },
            ]
          : []),
      ];
    });
    const focus = open.filter((s) => shown.has(keyOf(s)));
    // One line per distinct deadline of the work shown, labelled flat at its top (never rotated over the lines).
    const deadlines = [...new Set(focus.map((s) => s.deadline).filter((d): d is number => d !== null))];
    const marks = {
      name: '__marks',
      type: 'line',
      data: [],
      markLine: {
        symbol: 'none',
        silent: true,
        data: [
          ...deadlines.map((d) => ({
            xAxis: d,
            lineStyle: { color: '#b91c1c', type: 'solid', width: 1.5 },
            label: { formatter: `${labels.deadline} ${time(d)}`, position: 'end', align: 'left', fontSize: 11, color: '#b91c1c' },
          })),
          {
            xAxis: now,
            lineStyle: { color: '#334155', type: 'dotted', width: 1 },
            label: { formatter: `${labels.now} ${time(now)}`, position: 'end', align: 'right', fontSize: 11, color: '#334155' },
          },
        ],
      },
    };
    const ends = focus.flatMap((s) => [s.deadline, s.projectedFinish, decided.get(keyOf(s))?.promised.finish ?? null]).filter((t): t is number => t !== null);
    const top = Math.max(1, ...focus.flatMap((s) => trend.times.map((t, k) => (t >= from ? (s.remaining[k] ?? 0) : 0))));
    chart.current?.setOption(
      {
        animation: false,
        color: COLORS,
        // Room on the right for a deadline's label at the axis' end (「Deadline 17:00」 was cut at 17).
        grid: { left: 52, right: 84, top: 28, bottom: 52 },
        tooltip: {
          trigger: 'axis',
          textStyle: { fontSize: 12 },
          valueFormatter: (v: unknown) => (typeof v === 'number' ? `${countFigure(v)} ${labels.items}` : '—'),
        },
        legend: {
          bottom: 0,
          itemWidth: 14,
          itemHeight: 8,
          textStyle: { fontSize: 11 },
          data: open.map(nameOf),
          selected: Object.fromEntries(open.map((s) => [nameOf(s), shown.has(keyOf(s))])),
        },
        xAxis: {
          type: 'time',
          min: from,
          max: Math.max(last, now, ...ends) + 15 * MINUTE,
          axisLabel: { fontSize: 11, formatter: (v: number) => time(v) },
          splitLine: { show: false },
        },
        yAxis: {
          type: 'value',
          name: labels.items,
          min: 0,
          // Zoomed to the work shown: its last 120 items fill the height instead of lying flat under the morning's thousands.
          max: (v: { max: number }) => Math.max(top, v.max),
          nameTextStyle: { fontSize: 11, align: 'right' },
          axisLabel: { fontSize: 11 },
          splitLine: { lineStyle: { color: '#eef2f7' } },
        },
        series: [...series, marks],
      },
      true,
    );
  }, [trend, decided, timeZone, now, labels, chart]);

  return <div ref={el} className="trend" role="img" aria-label={label} />;
}
