import { useEffect, useRef, type RefObject } from 'react';
import { init, type EChartsType } from 'echarts/core';

/** An echarts instance bound to a div: created on mount, resized with it, disposed on unmount. */
export function useEChart(): { el: RefObject<HTMLDivElement | null>; chart: RefObject<EChartsType | null> } {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  useEffect(() => {
    if (!el.current) return;
    chart.current = init(el.current, undefined, { renderer: 'canvas' });
    const resize = new ResizeObserver(() => chart.current?.resize());
    resize.observe(el.current);
    return () => {
      resize.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  return { el, chart };
}
