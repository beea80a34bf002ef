import chineseDays from 'chinese-days';
import { addDays, dayNumber, weekday, yearOf } from './dates.ts';

/** A statutory holiday or a make-up working day (调休) of the official schedule. */
export interface CalendarDay {
  date: string;
  name: string;
  nameEn: string;
}

export interface YearSchedule {
  year: number;
  /** true when the State Council schedule of that year is not known: Mon–Fri minus fixed-date holidays. */
  provisional: boolean;
  holidays: CalendarDay[];
  makeUpWorkingDays: CalendarDay[];
}

// Fixed-date statutory holidays, the only ones knowable without the year's published schedule.
const FIXED_HOLIDAYS: Record<string, { name: string; nameEn: string }> = {
  '01-01': { name: '元旦', nameEn: "New Year's Day" },
  '05-01': { name: '劳动节', nameEn: 'Labour Day' },
  '10-01': { name: '国庆节', nameEn: 'National Day' },
  '10-02': { name: '国庆节', nameEn: 'National Day' },
  '10-03': { name: '国庆节', nameEn: 'National Day' },
};

// chinese-days reads Date objects with local getters; a local noon keeps the day right in any zone.
function localNoon(date: string): Date {
  return new Date(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), 12);
}

const known = new Map<number, boolean>();

/** Whether chinese-days carries the official schedule of that year (1 January is a holiday in every one). */
export function calendarKnows(year: number): boolean {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return false;
  let k = known.get(year);
  if (k === undefined) {
    const jan1 = localNoon(`${year}-01-01`);
    k = chineseDays.getHolidaysInRange(jan1, jan1, false).length === 1;
    known.set(year, k);
  }
  return k;
}

/** True when the date's year falls back to Mon–Fri minus fixed-date holidays. */
export function isProvisional(date: string): boolean {
  return !calendarKnows(yearOf(date));
}

const workingCache = new Map<string, boolean>();

export function isWorkingDay(date: string): boolean {
  let w = workingCache.get(date);
  if (w === undefined) {
    const dow = weekday(date);
    w = calendarKnows(yearOf(date))
      ? chineseDays.isWorkday(localNoon(date))
      : dow >= 1 && dow <= 5 && !FIXED_HOLIDAYS[date.slice(5)];
    workingCache.set(date, w);
  }
  return w;
}

function listedHoliday(date: string): boolean {
  const d = localNoon(date);
  return chineseDays.getHolidaysInRange(d, d, false).length === 1;
}

/**
 * A day of a statutory holiday block. The published schedule lists the holiday itself; a weekend
 * joined to it by days off (端午 on a Monday "与周末连休") belongs to the block too.
 */
export function isStatutoryHoliday(date: string): boolean {
  if (!calendarKnows(yearOf(date))) return FIXED_HOLIDAYS[date.slice(5)] !== undefined;
  if (listedHoliday(date)) return true;
  if (isWorkingDay(date)) return false;
  for (const step of [-1, 1])
    for (let d = addDays(date, step), i = 0; i < 2 && !isWorkingDay(d); d = addDays(d, step), i++)
      if (listedHoliday(d)) return true;
  return false;
}

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`working days must be a whole number ≥ 0, not ${n}`);
}

/** The nth working day after `from` (from itself never counts); n = 0 gives `from`. */
export function addWorkingDays(from: string, n: number): string {
  dayNumber(from);
  checkCount(n);
  let d = from;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/** Working days after `from` up to and including `to`; 0 when to ≤ from. */
export function workingDaysBetween(from: string, to: string): number {
  const end = dayNumber(to);
  let count = 0;
  for (let d = addDays(from, 1); dayNumber(d) <= end; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
  return count;
}

export function nextWorkingDay(date: string): string {
  return addWorkingDays(date, 1);
}

export function previousWorkingDay(date: string): string {
  let d = addDays(date, -1);
  while (!isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

function names(detail: string): { name: string; nameEn: string } {
  // chinese-days names a day "Spring Festival,春节,3".
  const [nameEn = '', name = ''] = detail.split(',');
  return { name, nameEn };
}

/** The year's statutory holidays and make-up working days, in date order. */
export function yearSchedule(year: number): YearSchedule {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`"${year}" is not a year`);
  const provisional = !calendarKnows(year);
  const holidays: CalendarDay[] = [];
  const makeUpWorkingDays: CalendarDay[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
    if (provisional) {
      const fixed = FIXED_HOLIDAYS[d.slice(5)];
      if (fixed) holidays.push({ date: d, ...fixed });
      continue;
    }
    const dow = weekday(d);
    if (isStatutoryHoliday(d))
      holidays.push({ date: d, ...names(chineseDays.getDayDetail(localNoon(d)).name) });
    else if ((dow === 0 || dow === 6) && isWorkingDay(d))
      makeUpWorkingDays.push({ date: d, ...names(chineseDays.getDayDetail(localNoon(d)).name) });
  }
  return { year, provisional, holidays, makeUpWorkingDays };
}
