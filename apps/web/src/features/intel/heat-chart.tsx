import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

const weekdays: readonly MessageKey[] = [
  'intel.weekday.0',
  'intel.weekday.1',
  'intel.weekday.2',
  'intel.weekday.3',
  'intel.weekday.4',
  'intel.weekday.5',
  'intel.weekday.6',
];

/** Hour-of-day × weekday table of aoristic weights as an ECharts heat map. */
export function HeatChart({ cells }: { cells: number[][] }) {
  const t = useT();
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
    const data = cells.flatMap((row, d) => row.map((v, h) => [h, d, Number(v.toFixed(2))]));
    const max = Math.max(...data.map((x) => x[2] as number), 0.1);
    chart.setOption({
      animation: false,
      tooltip: { position: 'top' },
      grid: { left: 48, right: 16, top: 8, bottom: 64 },
      xAxis: {
        type: 'category',
        data: Array.from({ length: 24 }, (_, h) => String(h)),
        splitArea: { show: true },
      },
      yAxis: { type: 'category', data: weekdays.map((k) => t(k)), inverse: true, splitArea: { show: true } },
      visualMap: {
        min: 0,
        max,
        calculable: true,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 120,
        inRange: { color: ['#fff7e6', '#fa8c16', '#a8071a'] },
      },
      series: [{ type: 'heatmap', data, label: { show: false } }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [cells, t]);
  return <div ref={element} data-testid="intel-heat" style={{ width: '100%', height: 260 }} />;
}
