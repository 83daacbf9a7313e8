import { useEffect } from 'react';
import { use as registerCharts } from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { SiteOverview } from '../../../../main/api/types';
import { useEChart } from '../../components/useEChart';
import { formatTime } from './format';

registerCharts([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const COLORS = ['#0f766e', '#2563eb', '#d97706', '#7c3aed', '#db2777'];

/** Remaining items per process over the day: a small chart per site card. */
export function SiteTrendChart({ trend, timeZone, label }: { trend: SiteOverview['trend']; timeZone: string; label: string }) {
  const { el, chart } = useEChart();

  useEffect(() => {
    chart.current?.setOption(
      {
        animation: false,
        color: COLORS,
        grid: { left: 44, right: 8, top: 24, bottom: 20 },
        tooltip: { trigger: 'axis' },
        legend: { top: 0, itemWidth: 12, itemHeight: 6, textStyle: { fontSize: 10 } },
        xAxis: { type: 'category', data: trend.times.map((t) => formatTime(t, timeZone)), axisLabel: { fontSize: 9 } },
        yAxis: { type: 'value', axisLabel: { fontSize: 9 }, splitLine: { lineStyle: { color: '#eef2f7' } } },
        series: trend.series.map((s) => ({ name: s.process, type: 'line', showSymbol: false, data: s.remaining })),
      },
      true,
    );
  }, [trend, timeZone, chart]);

  return <div ref={el} className="trend" role="img" aria-label={label} />;
}
