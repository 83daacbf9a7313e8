import { useEffect } from 'react';
import { use as registerCharts } from 'echarts/core';
import { BarChart, CustomChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { PlanDemandView } from '../../../../main/api/planTypes';
import { useEChart } from '../../components/useEChart';

registerCharts([BarChart, CustomChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface PlanChartLabels {
  people: string;
  items: string;
  am: string;
  pm: string;
  forecast: string;
  interval: string;
  work: (d: PlanDemandView) => string;
}

/**
 * One site's plan on one chart: people per process in the morning and the afternoon (bars,
 * left axis, people) against the forecast of that work (median as a dot, P10–P90 as a
 * whisker, right axis, items). Units on both axes; labels at 11 px or more.
 */
export function PlanChart({ demands, labels, label }: { demands: PlanDemandView[]; labels: PlanChartLabels; label: string }) {
  const { el, chart } = useEChart();
  useEffect(() => {
    const names = demands.map(labels.work);
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 48, right: 56, top: 36, bottom: 64 },
        legend: { top: 0, textStyle: { fontSize: 11 } },
        tooltip: { trigger: 'axis', textStyle: { fontSize: 12 } },
        xAxis: { type: 'category', data: names, axisLabel: { fontSize: 11, interval: 0, rotate: names.length > 6 ? 30 : 0 } },
        yAxis: [
          { type: 'value', name: labels.people, nameTextStyle: { fontSize: 11 }, axisLabel: { fontSize: 11 }, minInterval: 1 },
          { type: 'value', name: labels.items, nameTextStyle: { fontSize: 11 }, axisLabel: { fontSize: 11 }, splitLine: { show: false } },
        ],
        series: [
          { name: labels.am, type: 'bar', data: demands.map((d) => d.people.am), itemStyle: { color: '#0f766e' } },
          { name: labels.pm, type: 'bar', data: demands.map((d) => d.people.pm), itemStyle: { color: '#5eead4' } },
          {
            name: labels.interval,
            type: 'custom',
            yAxisIndex: 1,
            itemStyle: { color: '#92400e' },
            data: demands.map((d, i) => [i, d.p10 ?? d.p50, d.p90 ?? d.p80]),
            renderItem: (_params: unknown, api: { value: (i: number) => number; coord: (p: [number, number]) => number[]; style: () => object }) => {
              const [x, lo] = api.coord([api.value(0), api.value(1)]) as [number, number];
              const [, hi] = api.coord([api.value(0), api.value(2)]) as [number, number];
              const style = { stroke: '#92400e', lineWidth: 1.5 };
              return {
                type: 'group',
                children: [
                  { type: 'line', shape: { x1: x, y1: lo, x2: x, y2: hi }, style },
                  { type: 'line', shape: { x1: x - 5, y1: lo, x2: x + 5, y2: lo }, style },
                  { type: 'line', shape: { x1: x - 5, y1: hi, x2: x + 5, y2: hi }, style },
                ],
              };
            },
            z: 3,
          },
          { name: labels.forecast, type: 'scatter', yAxisIndex: 1, data: demands.map((d) => d.p50), symbolSize: 9, itemStyle: { color: '#d97706' }, z: 4 },
        ],
      },
      true,
    );
  }, [chart, demands, labels]);
  return <div ref={el} className="plan-chart" role="img" aria-label={label} />;
}
