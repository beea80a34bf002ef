import type { ChartOption } from '../../charts/echart.tsx';

export interface CompareRow {
  name: string;
  now: number;
  before: number;
}

/** This period against last year's, side by side per station, township or category. */
export function compareBars(
  rows: readonly CompareRow[],
  labels: { now: string; before: string },
): ChartOption {
  return {
    animation: false,
    color: ['#1677ff', '#bfbfbf'],
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.name),
      axisLabel: { interval: 0, rotate: rows.length > 8 ? 30 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: labels.now, data: rows.map((r) => r.now), barMaxWidth: 18 },
      { type: 'bar', name: labels.before, data: rows.map((r) => r.before), barMaxWidth: 18 },
    ],
  };
}

/** Rates (0…1) as horizontal bars in percent, best first as the rows come. */
export function rateBars(
  rows: readonly { name: string; rate: number | null }[],
  color = '#52c41a',
): ChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${String(v)}%` },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name) },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => (r.rate === null ? null : Number((r.rate * 100).toFixed(2)))),
        itemStyle: { color },
        label: { show: true, position: 'right', formatter: '{c}%' },
        barMaxWidth: 16,
      },
    ],
  };
}
