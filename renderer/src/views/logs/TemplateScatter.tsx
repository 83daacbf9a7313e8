import { useEffect } from 'react';
import { use as registerCharts } from 'echarts/core';
import { ScatterChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { LogScatterPoint } from '../../../../main/api/types';
import { useEChart } from '../../components/useEChart';
import { inPick, type FamilyPick } from './LogFamilies';
import { countFigure } from '../../../../main/api/figures';

registerCharts([ScatterChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** Log text is data from outside: never markup in the tooltip. */
const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const PALETTE = ['#0f766e', '#2563eb', '#d97706', '#7c3aed', '#db2777', '#0891b2', '#65a30d', '#9333ea', '#ea580c', '#475569'];

/** Templates on the plane of their two main directions: families as colours, anomalies ringed. */
export function TemplateScatter({
  points,
  onSelect,
  label,
  highlight = null,
  unit,
}: {
  points: LogScatterPoint[];
  onSelect: (id: number) => void;
  label: string;
  /** A family picked in the list (or the templates of none): its points stay, the others fade. */
  highlight?: FamilyPick | null;
  /** The count's unit in the tooltip (行 / lines). */
  unit: string;
}) {
  const { el, chart } = useEChart();
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.off('click');
    c.on('click', (p) => onSelect((p.data as { id: number }).id));
    c.setOption(
      {
        animation: false,
        grid: { left: 8, right: 8, top: 8, bottom: 8 },
        xAxis: { type: 'value', show: false, scale: true },
        yAxis: { type: 'value', show: false, scale: true },
        tooltip: {
          confine: true,
          formatter: (p: { data: LogScatterPoint }) => `${escapeHtml(p.data.template)}<br/>${countFigure(p.data.count)} ${escapeHtml(unit)}`,
        },
        series: [
          {
            type: 'scatter',
            data: points.map((p) => ({
              ...p,
              value: [p.x, p.y],
              // At least 10 px: a point small enough to miss is no hover target.
              symbolSize: Math.min(28, 10 + Math.log10(p.count + 1) * 4),
              itemStyle: {
                opacity: inPick(p.clusterId, highlight) ? 1 : 0.15,
                color: p.clusterId === null ? '#cbd5e1' : PALETTE[p.clusterId % PALETTE.length],
                borderColor: p.anomalous ? '#dc2626' : 'transparent',
                borderWidth: p.anomalous ? 3 : 0,
              },
            })),
          },
        ],
      },
      true,
    );
  }, [points, onSelect, chart, highlight, unit]);
  return <div ref={el} className="scatter" role="img" aria-label={label} data-testid="log-scatter" />;
}
