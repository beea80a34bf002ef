/** Fractions rounded to 4 decimals (−0.191 is −19.1%), half away from zero on the decimal value. */
export function round4(x: number): number {
  const scaled = Math.abs(x) * 10_000;
  // 1e-9 absorbs binary noise (0.97365 stored as 0.973649999…).
  const r = Math.round(scaled + 1e-9) / 10_000;
  return x < 0 ? -r : r;
}

/** 比降 / 同比: (count − lastYear) ÷ lastYear, 4 decimals; null when last year had none. */
export function yoyChange(count: number, lastYear: number): number | null {
  if (lastYear === 0) return null;
  return round4((count - lastYear) / lastYear);
}

/** 破案率: solved ÷ filed, 4 decimals; null when nothing was filed. */
export function clearanceRate(solved: number, filed: number): number | null {
  if (filed === 0) return null;
  if (solved > filed) throw new RangeError(`more solved (${solved}) than filed (${filed})`);
  return round4(solved / filed);
}

/** A share, 4 decimals; null on an empty base. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : round4(part / whole);
}

/** The median of numbers (mean of the middle two for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
