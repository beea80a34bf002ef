import { minuteOfWeek } from './circular-time.ts';
import { HOUR_MS } from './crime-record.ts';

const WEEK_HOURS = 168;
const WEEK_MS = WEEK_HOURS * HOUR_MS;

/**
 * Aoristic weights of one crime over the 168 hours of the local week (index = weekday × 24 + hour,
 * weekday 0 = Monday): each hour gets the share of the window it overlaps, so every crime weighs 1
 * in total however uncertain its time. A zero-length window puts all its weight on one hour.
 */
export function aoristicWeights(fromMs: number, toMs: number, offsetMs: number): Float64Array {
  const w = new Float64Array(WEEK_HOURS);
  const total = toMs - fromMs;
  const hourOf = (ms: number) => Math.floor(minuteOfWeek(ms, offsetMs) / 60);
  if (!(total > 0)) {
    w[hourOf(fromMs)] = 1;
    return w;
  }
  // Whole weeks spread evenly; only the remainder needs walking hour by hour.
  const weeks = Math.floor(total / WEEK_MS);
  if (weeks > 0) w.fill((weeks * HOUR_MS) / total);
  let t = fromMs + weeks * WEEK_MS;
  while (t < toMs) {
    const localMs = t + offsetMs;
    const hourEnd = (Math.floor(localMs / HOUR_MS) + 1) * HOUR_MS - offsetMs;
    const end = Math.min(hourEnd, toMs);
    const h = hourOf(t);
    w[h] = (w[h] as number) + (end - t) / total;
    t = end;
  }
  return w;
}

export interface HeatTable {
  readonly key: string;
  /** [weekday 0 = Monday][hour 0–23] summed aoristic weight. */
  readonly cells: number[][];
  readonly total: number;
}

/** Hour-of-day × weekday heat tables per group (category, area, …) with aoristic apportioning. */
export function aoristicHeat<T extends { occurredFrom: number; occurredTo: number }>(
  records: readonly T[],
  offsetMs: number,
  keyOf: (record: T) => string = () => 'all',
): HeatTable[] {
  const sums = new Map<string, Float64Array>();
  const totals = new Map<string, number>();
  for (const r of records) {
    const key = keyOf(r);
    let acc = sums.get(key);
    if (!acc) {
      acc = new Float64Array(WEEK_HOURS);
      sums.set(key, acc);
    }
    const w = aoristicWeights(r.occurredFrom, r.occurredTo, offsetMs);
    for (let h = 0; h < WEEK_HOURS; h++) acc[h] = (acc[h] as number) + (w[h] as number);
    totals.set(key, (totals.get(key) ?? 0) + 1);
  }
  return [...sums.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([key, acc]) => ({
      key,
      cells: Array.from({ length: 7 }, (_, d) => Array.from(acc.subarray(d * 24, d * 24 + 24))),
      total: totals.get(key) ?? 0,
    }));
}
