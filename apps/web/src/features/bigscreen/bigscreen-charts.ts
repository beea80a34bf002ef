import type { ResponseMetricsRow } from '@ronghui/contracts';
import type { UnitStatus } from '@ronghui/dispatch';
import { unitStatusColors } from '../units/index.ts';
import { type Count, minutes } from './bigscreen-data.ts';
import type { ChartOption } from '../../charts/echart.tsx';

const text = '#cfe3ff';
const axis = { axisLabel: { color: text, fontSize: 14 }, axisLine: { lineStyle: { color: '#3a5a8c' } } };
const split = { splitLine: { lineStyle: { color: 'rgba(120,160,220,0.15)' } } };
const palette = ['#36cfc9', '#597ef7', '#ffc53d', '#ff7a45', '#73d13d', '#f759ab', '#9254de', '#bfbfbf'];

export function kindPie(counts: readonly Count[]): ChartOption {
  return {
    animation: false,
    color: palette,
    tooltip: { trigger: 'item' },
    legend: { orient: 'vertical', right: 8, top: 'middle', textStyle: { color: text, fontSize: 14 } },
    series: [
      {
        type: 'pie',
        radius: ['40%', '64%'],
        center: ['42%', '52%'],
        label: { color: text, formatter: '{c}', fontSize: 16 },
        data: counts.map((c) => ({ name: c.name, value: c.value })),
      },
    ],
  };
}

export function areaBars(counts: readonly Count[]): ChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: { left: 100, right: 32, top: 8, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1, ...axis, ...split },
    yAxis: { type: 'category', inverse: true, data: counts.map((c) => c.name), ...axis },
    series: [
      {
        type: 'bar',
        data: counts.map((c) => c.value),
        itemStyle: { color: '#40a9ff', borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: 'right', color: text, fontSize: 14 },
        barMaxWidth: 22,
      },
    ],
  };
}

export interface ResponseLabels {
  p50: string;
  p90: string;
  compliance: string;
  minutes: string;
}

/** Call-to-arrival medians and 90th percentiles per area (bars) and the share within target (line). */
export function responseBars(rows: readonly ResponseMetricsRow[], l: ResponseLabels): ChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: text, fontSize: 14 } },
    grid: { left: 48, right: 48, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: rows.map((r) => r.name ?? r.key), ...axis },
    yAxis: [
      { type: 'value', name: l.minutes, nameTextStyle: { color: text }, ...axis, ...split },
      {
        type: 'value',
        min: 0,
        max: 100,
        axisLabel: { color: text, formatter: '{value}%' },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        type: 'bar',
        name: l.p50,
        data: rows.map((r) => minutes(r.callToArrival.p50Seconds)),
        itemStyle: { color: '#36cfc9' },
      },
      {
        type: 'bar',
        name: l.p90,
        data: rows.map((r) => minutes(r.callToArrival.p90Seconds)),
        itemStyle: { color: '#597ef7' },
      },
      {
        type: 'line',
        name: l.compliance,
        yAxisIndex: 1,
        data: rows.map((r) => (r.targetCompliance === null ? null : Math.round(r.targetCompliance * 100))),
        itemStyle: { color: '#ffc53d' },
        lineStyle: { width: 3 },
        symbolSize: 10,
      },
    ],
  };
}

export function statusBars(
  rows: readonly { status: UnitStatus; value: number }[],
  name: (s: UnitStatus) => string,
): ChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 16, bottom: 28 },
    xAxis: { type: 'category', data: rows.map((r) => name(r.status)), ...axis },
    yAxis: { type: 'value', minInterval: 1, ...axis, ...split },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => ({ value: r.value, itemStyle: { color: unitStatusColors[r.status] } })),
        label: { show: true, position: 'top', color: text, fontSize: 14 },
        barMaxWidth: 36,
      },
    ],
  };
}

export interface TrendLabels {
  thisYear: string;
  lastYear: string;
}

/** 比降: this period's incidents per day (solid) against the same days last year (dashed). */
export function trendLines(
  days: readonly { date: string; count: number; lastYear: number }[],
  l: TrendLabels,
): ChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, right: 8, textStyle: { color: text, fontSize: 14 } },
    grid: { left: 40, right: 16, top: 28, bottom: 24 },
    xAxis: { type: 'category', data: days.map((d) => d.date.slice(5)), ...axis },
    yAxis: { type: 'value', minInterval: 1, ...axis, ...split },
    series: [
      {
        name: l.thisYear,
        type: 'line',
        smooth: true,
        symbol: 'none',
        data: days.map((d) => d.count),
        lineStyle: { color: '#36cfc9', width: 3 },
        itemStyle: { color: '#36cfc9' },
        areaStyle: { color: 'rgba(54,207,201,0.15)' },
      },
      {
        name: l.lastYear,
        type: 'line',
        smooth: true,
        symbol: 'none',
        data: days.map((d) => d.lastYear),
        lineStyle: { color: '#ffc53d', width: 2, type: 'dashed' },
        itemStyle: { color: '#ffc53d' },
      },
    ],
  };
}
