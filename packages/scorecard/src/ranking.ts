/**
 * Standard competition ranking (1, 2, 2, 4): equal values share a rank and the next rank skips. Rows
 * without a value come last with rank null. `better` says which way is first.
 */
export interface Ranked<T> {
  rank: number | null;
  row: T;
}

export function rankRows<T>(
  rows: readonly T[],
  value: (row: T) => number | null,
  better: 'lower' | 'higher',
  tieBreak: (a: T, b: T) => number = () => 0,
): Ranked<T>[] {
  const withValue = rows.filter((r) => value(r) !== null);
  const without = rows.filter((r) => value(r) === null);
  const sign = better === 'lower' ? 1 : -1;
  withValue.sort((a, b) => sign * (value(a)! - value(b)!) || tieBreak(a, b));
  const out: Ranked<T>[] = [];
  withValue.forEach((row, i) => {
    const prev = out[i - 1];
    const rank = prev && value(prev.row) === value(row) ? prev.rank : i + 1;
    out.push({ rank, row });
  });
  for (const row of [...without].sort(tieBreak)) out.push({ rank: null, row });
  return out;
}
