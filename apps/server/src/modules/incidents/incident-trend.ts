import { chinaDate, chinaDayStart } from '@ronghui/geo';

/** Beijing time has no daylight saving: a day is [00:00+08:00, next 00:00+08:00). */
const DAY_MS = 86_400_000;

/** The same calendar day a year earlier (29 February → 28 February). */
export function sameDayLastYear(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return `${y - 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

export interface TrendWindow {
  dates: string[];
  current: { from: Date; to: Date };
  lastYear: { from: Date; to: Date };
}

/** The last `days` Beijing days up to and including today, and the same days a year earlier. */
export function trendWindow(now: Date, days: number): TrendWindow {
  const today = chinaDate(now.getTime());
  const todayStart = chinaDayStart(today).getTime();
  const dates = Array.from({ length: days }, (_, i) => chinaDate(todayStart - (days - 1 - i) * DAY_MS));
  const first = dates[0]!;
  // Today is compared up to the same time of day last year, so a morning is not set against a whole day.
  const elapsed = now.getTime() - todayStart;
  return {
    dates,
    current: { from: chinaDayStart(first), to: now },
    lastYear: {
      from: chinaDayStart(sameDayLastYear(first)),
      to: new Date(chinaDayStart(sameDayLastYear(today)).getTime() + elapsed),
    },
  };
}

type DayCount = { day: string; kind: string; n: number };

/** Change in per cent against last year, one decimal; null when last year had nothing to compare with. */
export function changePercent(now: number, before: number): number | null {
  return before === 0 ? null : Math.round(((now - before) / before) * 1000) / 10;
}

export function compareYears(window: TrendWindow, current: DayCount[], previous: DayCount[]) {
  const perDay = (rows: DayCount[]) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(r.day, (m.get(r.day) ?? 0) + r.n);
    return m;
  };
  const perKind = (rows: DayCount[]) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(r.kind, (m.get(r.kind) ?? 0) + r.n);
    return m;
  };
  const nowDays = perDay(current);
  const beforeDays = perDay(previous);
  const nowKinds = perKind(current);
  const beforeKinds = perKind(previous);
  const total = current.reduce((s, r) => s + r.n, 0);
  const lastYearTotal = previous.reduce((s, r) => s + r.n, 0);
  const kinds = [...new Set([...nowKinds.keys(), ...beforeKinds.keys()])];
  return {
    from: window.current.from.toISOString(),
    to: window.current.to.toISOString(),
    lastYearFrom: window.lastYear.from.toISOString(),
    lastYearTo: window.lastYear.to.toISOString(),
    days: window.dates.map((date) => ({
      date,
      count: nowDays.get(date) ?? 0,
      lastYear: beforeDays.get(sameDayLastYear(date)) ?? 0,
    })),
    byKind: kinds
      .map((kind) => {
        const count = nowKinds.get(kind) ?? 0;
        const lastYear = beforeKinds.get(kind) ?? 0;
        return { kind, count, lastYear, changePercent: changePercent(count, lastYear) };
      })
      .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind)),
    total,
    lastYearTotal,
    changePercent: changePercent(total, lastYearTotal),
  };
}
