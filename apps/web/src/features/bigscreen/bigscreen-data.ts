import { chinaMidnight } from '@ronghui/geo';
import type { Incident, ResponseMetricsRow, Unit } from '@ronghui/contracts';
import { categoryByCode, UNIT_STATUSES, type UnitStatus } from '@ronghui/dispatch';

export interface Count {
  key: string;
  name: string;
  value: number;
}

/** Midnight of today in China time, as an ISO instant. */
export function startOfShanghaiDay(now: Date): string {
  return new Date(chinaMidnight(now)).toISOString();
}

function tally<T>(items: readonly T[], key: (item: T) => string, name: (key: string) => string): Count[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts.entries()]
    .map(([k, value]) => ({ key: k, name: name(k), value }))
    .sort((a, b) => b.value - a.value);
}

export function byKind(incidents: readonly Incident[], zh: boolean): Count[] {
  return tally(
    incidents,
    (i) => i.category.kind,
    (kind) => {
      const c = categoryByCode(kind);
      return c ? (zh ? c.zh : c.en) : kind;
    },
  );
}

export function byArea(incidents: readonly Incident[], none: string): Count[] {
  const names = new Map(incidents.map((i) => [i.area?.id ?? '', i.area?.name ?? none]));
  return tally(
    incidents,
    (i) => i.area?.id ?? '',
    (id) => names.get(id) ?? none,
  );
}

/** On-duty units per state, in the order of the state table. */
export function unitsByStatus(units: readonly Unit[]): { status: UnitStatus; value: number }[] {
  const counts = new Map<UnitStatus, number>();
  for (const u of units) if (u.onDuty) counts.set(u.status, (counts.get(u.status) ?? 0) + 1);
  return UNIT_STATUSES.filter((s) => counts.has(s)).map((s) => ({ status: s, value: counts.get(s) ?? 0 }));
}

/** Minutes with one decimal, or null when there is nothing to measure. */
export function minutes(seconds: number | null): number | null {
  return seconds === null ? null : Math.round(seconds / 6) / 10;
}

export function compliancePercent(row: ResponseMetricsRow | undefined): number | null {
  return row?.targetCompliance == null ? null : Math.round(row.targetCompliance * 1000) / 10;
}

/** 比降 in words: down is good news for a police bureau (green), up is a warning (red). */
export function changeBadge(
  changePercent: number | null,
): { arrow: string; value: string; color: string } | null {
  if (changePercent === null) return null;
  if (changePercent === 0) return { arrow: '→', value: '0%', color: '#cfe3ff' };
  return changePercent < 0
    ? { arrow: '↓', value: `${Math.abs(changePercent)}%`, color: '#73d13d' }
    : { arrow: '↑', value: `${changePercent}%`, color: '#ff7875' };
}
