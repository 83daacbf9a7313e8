import { useEffect } from 'react';
import { use as registerCharts } from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { LogVolume } from '../../../../main/api/types';
import { useEChart } from '../../components/useEChart';
import { formatTime } from '../overview/format';

registerCharts([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const LEVELS = [
  ['ERROR', '#dc2626'],
  ['WARN', '#d97706'],
  ['INFO', '#64748b'],
  ['DEBUG', '#cbd5e1'],
] as const;

/** Log lines over time, stacked by level, on the window of the filter. */
export function LogVolumeChart({ volume, timeZone, unit, label }: { volume: LogVolume; timeZone: string; unit: string; label: string }) {
  const { el, chart } = useEChart();
  useEffect(() => {
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 52, right: 12, top: 28, bottom: 24 },
        legend: { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
        tooltip: { trigger: 'axis', textStyle: { fontSize: 12 }, valueFormatter: (v: unknown) => `${Number(v).toLocaleString()} ${unit}` },
        xAxis: {
          type: 'time',
          min: volume.from,
          max: volume.to,
          axisLabel: { fontSize: 11, formatter: (v: number) => formatTime(v, timeZone, volume.to) },
        },
        yAxis: {
          type: 'value',
          name: unit,
          nameTextStyle: { fontSize: 11, align: 'right' },
          axisLabel: { fontSize: 11 },
          splitLine: { lineStyle: { color: '#eef2f7' } },
        },
        series: LEVELS.map(([level, color]) => ({
          name: level,
          type: 'bar',
          stack: 'lines',
          color,
          barCategoryGap: '10%',
          data: volume.buckets.map((b) => [b.at + (volume.bucketMinutes * 60_000) / 2, b[level]]),
        })),
      },
      true,
    );
  }, [volume, timeZone, unit, chart]);
  return <div ref={el} className="log-volume" role="img" aria-label={label} data-testid="log-volume" />;
}
