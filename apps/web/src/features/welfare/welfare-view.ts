/** Today's date in Beijing. */
export function beijingToday(at: number = Date.now()): string {
  return new Date(at + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A fraction as a percentage with one decimal; a dash when there is none. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** Yuan with thousands separators, no decimals when whole. */
export function yuan(amount: number): string {
  return `¥${amount.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}`;
}

/** The years the console offers: 2023 (the demo's article year) up to this one, newest first. */
export function welfareYears(today: string = beijingToday()): number[] {
  const now = Number(today.slice(0, 4));
  const years: number[] = [];
  for (let y = now; y >= Math.min(2023, now); y--) years.push(y);
  return years;
}
