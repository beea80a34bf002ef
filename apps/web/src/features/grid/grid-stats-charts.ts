import type { GridStatsUnit } from '@ronghui/contracts';
import { concludedRate } from '../../api/grid-stats-api.ts';
import type { ChartOption } from '../../charts/echart.tsx';

const palette = ['#1677ff', '#13c2c2', '#faad14', '#fa541c', '#52c41a', '#eb2f96', '#722ed1', '#8c8c8c'];
export const RISK_COLORS = { red: '#f5222d', yellow: '#faad14', blue: '#1677ff' } as const;

export interface Named {
  key: string;
  name: string;
  value: number;
}

/** Entries of a count record in a fixed order, named, zeros left out when asked. */
export function entries(
  record: Record<string, number>,
  order: readonly string[],
  name: (key: string) => string,
  dropZero = false,
): Named[] {
  return order
    .map((key) => ({ key, name: name(key), value: record[key] ?? 0 }))
    .filter((e) => !dropZero || e.value > 0);
}

/** Vertical bars of counts (hazards by state). */
export function countBars(items: readonly Named[], color = palette[0]!): ChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 12, top: 16, bottom: 56 },
    xAxis: { type: 'category', data: items.map((i) => i.name), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        data: items.map((i) => i.value),
        itemStyle: { color },
        label: { show: true, position: 'top' },
      },
    ],
  };
}

/** A ring of shares (hazards by kind, disputes by risk). */
export function sharePie(items: readonly Named[], colors: readonly string[] = palette): ChartOption {
  return {
    animation: false,
    color: [...colors],
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { orient: 'vertical', right: 0, top: 'middle' },
    series: [
      {
        type: 'pie',
        radius: ['38%', '66%'],
        center: ['38%', '50%'],
        label: { formatter: '{c}' },
        data: items.map((i) => ({ name: i.name, value: i.value })),
      },
    ],
  };
}

/** Disputes of each child unit stacked by risk (the table's units side by side). */
export function riskStack(units: readonly GridStatsUnit[], riskName: (r: string) => string): ChartOption {
  const risks = ['red', 'yellow', 'blue'] as const;
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 12, top: 28, bottom: 64 },
    xAxis: {
      type: 'category',
      data: units.map((u) => u.name),
      axisLabel: { interval: 0, rotate: units.length > 8 ? 40 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: risks.map((r) => ({
      type: 'bar' as const,
      name: riskName(r),
      stack: 'risk',
      itemStyle: { color: RISK_COLORS[r] },
      data: units.map((u) => u.disputes.byRisk[r]),
    })),
  };
}

/** A rate (0–1) as a percentage with one decimal. */
export function percent(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}

/** A dispute rate of a unit, or a dash when none of its disputes has concluded (nothing to divide). */
export function rateOf(u: GridStatsUnit, rate: 'successRate' | 'onTimeRate'): string {
  const r = concludedRate(u, rate);
  return r === null ? '—' : percent(r);
}

/** The "N" of "1+2+N": assistants and grid workers. */
export function rosterN(u: GridStatsUnit): number {
  return u.rosters.assistant + u.rosters.fullTime + u.rosters.partTime;
}
