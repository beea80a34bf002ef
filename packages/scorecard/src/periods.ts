/**
 * Periods in Beijing time (UTC+8, no daylight saving): a year, quarter, month, week (Monday to Sunday) or
 * custom run of days, as calendar days (`YYYY-MM-DD`, both inclusive) and as instants (`start` inclusive,
 * `end` exclusive) for queries. The same period last year is the same calendar days a year earlier
 * (29 February falls back to 28 February).
 */
export const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export type PeriodKind = 'year' | 'quarter' | 'month' | 'week' | 'custom';

export interface Period {
  kind: PeriodKind;
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

export interface Instants {
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, exclusive. */
  end: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDate(date: string): boolean {
  const m = DATE.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === date;
}

function assertDate(date: string): void {
  if (!isDate(date)) throw new RangeError(`not a calendar day YYYY-MM-DD: ${date}`);
}

const utcDay = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromUtcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  assertDate(date);
  return fromUtcDay(utcDay(date) + days * DAY_MS);
}

/** The Beijing calendar day of an instant. */
export function beijingDate(at: Date | number): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  return fromUtcDay(ms + BEIJING_OFFSET_MS);
}

/** The instant a Beijing calendar day begins (00:00+08:00). */
export function dayStart(date: string): number {
  assertDate(date);
  return utcDay(date) - BEIJING_OFFSET_MS;
}

/** The instants of a period: from 00:00 of its first day to 00:00 after its last day. */
export function instants(period: Pick<Period, 'from' | 'to'>): Instants {
  return { start: dayStart(period.from), end: dayStart(addDays(period.to, 1)) };
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function yearPeriod(year: number): Period {
  return { kind: 'year', from: `${year}-01-01`, to: `${year}-12-31` };
}

export function quarterPeriod(year: number, quarter: 1 | 2 | 3 | 4): Period {
  const first = (quarter - 1) * 3 + 1;
  return {
    kind: 'quarter',
    from: `${year}-${pad(first)}-01`,
    to: `${year}-${pad(first + 2)}-${pad(lastDayOfMonth(year, first + 2))}`,
  };
}

export function monthPeriod(year: number, month: number): Period {
  if (month < 1 || month > 12) throw new RangeError(`not a month: ${month}`);
  return {
    kind: 'month',
    from: `${year}-${pad(month)}-01`,
    to: `${year}-${pad(month)}-${pad(lastDayOfMonth(year, month))}`,
  };
}

/** The Monday-to-Sunday week that holds `date`. */
export function weekPeriod(date: string): Period {
  assertDate(date);
  const weekday = (new Date(utcDay(date)).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const from = addDays(date, -weekday);
  return { kind: 'week', from, to: addDays(from, 6) };
}

export function customPeriod(from: string, to: string): Period {
  assertDate(from);
  assertDate(to);
  if (from > to) throw new RangeError(`period ends before it starts: ${from} – ${to}`);
  return { kind: 'custom', from, to };
}

/** A day a year earlier (29 February → 28 February). */
export function sameDayLastYear(date: string): string {
  assertDate(date);
  const y = Number(date.slice(0, 4)) - 1;
  const md = date.slice(5);
  const candidate = `${y}-${md}`;
  return isDate(candidate) ? candidate : `${y}-02-28`;
}

/** The same period a year earlier; a whole month or year stays whole (February 2024 → all of February 2023). */
export function samePeriodLastYear(period: Period): Period {
  if (period.kind === 'year') return yearPeriod(Number(period.from.slice(0, 4)) - 1);
  if (period.kind === 'month' || period.kind === 'quarter') {
    const y = Number(period.from.slice(0, 4)) - 1;
    const lastMonth = Number(period.to.slice(5, 7));
    return {
      kind: period.kind,
      from: `${y}-${period.from.slice(5)}`,
      to: `${y}-${pad(lastMonth)}-${pad(lastDayOfMonth(y, lastMonth))}`,
    };
  }
  return { kind: period.kind, from: sameDayLastYear(period.from), to: sameDayLastYear(period.to) };
}

/**
 * A part of a year given by `MM-DD` days (`from` defaults to 01-01, `to` to 12-31): the days of `year`
 * between them. A `to` of 02-29 in a common year means 02-28.
 */
export function yearPart(year: number, from?: string, to?: string): Period {
  const fix = (md: string) => (isDate(`${year}-${md}`) ? `${year}-${md}` : `${year}-02-28`);
  const f = fix(from ?? '01-01');
  const t = fix(to ?? '12-31');
  if (f > t) throw new RangeError(`period ends before it starts: ${f} – ${t}`);
  return { kind: from || to ? 'custom' : 'year', from: f, to: t };
}

/** The Monday-to-Sunday weeks that ended (their Sunday is before `today`) on or after `since`. */
export function endedWeeks(today: string, since: string): Period[] {
  const out: Period[] = [];
  let week = weekPeriod(since);
  while (week.to < today) {
    if (week.from >= since) out.push(week);
    week = weekPeriod(addDays(week.to, 1));
  }
  return out;
}

/** The months that ended before `today`, starting on or after `since`. */
export function endedMonths(today: string, since: string): Period[] {
  const out: Period[] = [];
  let y = Number(since.slice(0, 4));
  let m = Number(since.slice(5, 7));
  for (;;) {
    const month = monthPeriod(y, m);
    if (month.to >= today) break;
    if (month.from >= since) out.push(month);
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** The last week (Mon–Sun) that ended before `today`. */
export function lastEndedWeek(today: string): Period {
  return weekPeriod(addDays(weekPeriod(today).from, -1));
}

/** The last month that ended before `today`. */
export function lastEndedMonth(today: string): Period {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? monthPeriod(y - 1, 12) : monthPeriod(y, m - 1);
}
