import { useEffect } from 'react';
import { use as registerCharts } from 'echarts/core';
import { BarChart, CustomChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { PlanBlock, PlanDemandView } from '../../../../main/api/planTypes';
import { useEChart } from '../../components/useEChart';

registerCharts([BarChart, CustomChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface PlanChartLabels {
  items: string;
  am: string;
  pm: string;
  total: string;
  forecast: string;
  interval: string;
  people: (n: number) => string;
  work: (d: PlanDemandView) => string;
}

/**
 * One site's plan against its work on one scale, items: what the morning's and the afternoon's
 * people do by the deadline (stacked bars, overtime that counts included, each labelled with its
 * people) against the forecast of that work (median as a dot, P10–P90 as a whisker). A bar below
 * the dot is work left short at the median; one below the whisker's top is late one day in ten.
 * A plan stored before the split by block was kept draws its total as one bar.
 */
export function PlanChart({ demands, labels, label }: { demands: PlanDemandView[]; labels: PlanChartLabels; label: string }) {
  const { el, chart } = useEChart();
  useEffect(() => {
    const names = demands.map(labels.work);
    const split = demands.every((d) => d.itemsByBlock !== undefined);
    const bar = (name: string, block: PlanBlock | null, color: string) => ({
      name,
      type: 'bar' as const,
      stack: 'done',
      data: demands.map((d) => Math.round(block && d.itemsByBlock ? d.itemsByBlock[block] : d.plannedItems)),
      itemStyle: { color },
      label: {
        show: block !== null,
        position: 'inside' as const,
        fontSize: 11,
        color: block === 'am' ? '#ffffff' : '#134e4a',
        formatter: (p: { dataIndex: number }) => (block && demands[p.dataIndex]!.people[block] > 0 ? labels.people(demands[p.dataIndex]!.people[block]) : ''),
      },
    });
    chart.current?.setOption(
      {
        animation: false,
        // The legend on the first line, the axis's name under it: at 1024 px the two did not fit side by side.
        grid: { left: 56, right: 24, top: 60, bottom: 64 },
        legend: { top: 0, textStyle: { fontSize: 11 } },
        tooltip: { trigger: 'axis', textStyle: { fontSize: 12 } },
        xAxis: { type: 'category', data: names, axisLabel: { fontSize: 11, interval: 0, rotate: names.length > 6 ? 30 : 0 } },
        yAxis: { type: 'value', name: labels.items, nameTextStyle: { fontSize: 11, align: 'left' }, axisLabel: { fontSize: 11 } },
        series: [
          ...(split ? [bar(labels.am, 'am', '#0f766e'), bar(labels.pm, 'pm', '#5eead4')] : [bar(labels.total, null, '#0f766e')]),
          {
            name: labels.interval,
            type: 'custom',
            itemStyle: { color: '#92400e' },
            data: demands.map((d, i) => [i, d.p10 ?? d.p50, d.p90 ?? d.p80]),
            renderItem: (_params: unknown, api: { value: (i: number) => number; coord: (p: [number, number]) => number[] }) => {
              const [x, lo] = api.coord([api.value(0), api.value(1)]) as [number, number];
              const [, hi] = api.coord([api.value(0), api.value(2)]) as [number, number];
              const style = { stroke: '#92400e', lineWidth: 1.5 };
              return {
                type: 'group',
                children: [
                  { type: 'line', shape: { x1: x, y1: lo, x2: x, y2: hi }, style },
                  { type: 'line', shape: { x1: x - 6, y1: lo, x2: x + 6, y2: lo }, style },
                  { type: 'line', shape: { x1: x - 6, y1: hi, x2: x + 6, y2: hi }, style },
                ],
              };
            },
            z: 3,
          },
          { name: labels.forecast, type: 'scatter', data: demands.map((d) => d.p50), symbolSize: 9, itemStyle: { color: '#d97706' }, z: 4 },
        ],
      },
      true,
    );
  }, [chart, demands, labels]);
  return <div ref={el} className="plan-chart" role="img" aria-label={label} />;
}
