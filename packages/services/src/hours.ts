import { isStatutoryHoliday, isWorkingDay } from './calendar.ts';
import { dayNumber, weekday } from './dates.ts';

/** Make-up working days (调休) are workdays; a statutory holiday is 'holiday' even on a weekday. */
export type DayKind = 'workday' | 'saturday' | 'sunday' | 'holiday';
export type WindowKind = 'regular' | 'off-peak' | 'extended';

export interface HoursRule {
  days: DayKind[];
  /** 'HH:MM', local time (Asia/Shanghai). */
  from: string;
  to: string;
}

/** Regular hours, off-peak (错时, e.g. lunch) and extended (延时, evenings and weekends) windows. */
export interface HallHours {
  regular: HoursRule[];
  offPeak: HoursRule[];
  extended: HoursRule[];
}

export interface OpenWindow {
  from: string;
  to: string;
  window: WindowKind;
}

export interface DaySlot {
  start: string;
  end: string;
  window: WindowKind;
}

export const DEFAULT_HALL_HOURS: HallHours = {
  regular: [
    { days: ['workday'], from: '08:30', to: '12:00' },
    { days: ['workday'], from: '14:30', to: '17:30' },
  ],
  offPeak: [{ days: ['workday'], from: '12:00', to: '14:30' }],
  extended: [
    { days: ['workday'], from: '17:30', to: '19:30' },
    { days: ['saturday'], from: '09:00', to: '12:00' },
  ],
};

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of 'HH:MM' ('24:00' allowed as an end of day). */
export function minutesOf(time: string): number {
  if (time === '24:00') return 1440;
  const m = TIME_RE.exec(time);
  if (!m) throw new RangeError(`"${time}" is not a time (HH:MM)`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function dayKind(date: string): DayKind {
  if (isWorkingDay(date)) return 'workday';
  if (isStatutoryHoliday(date)) return 'holiday';
  return weekday(date) === 6 ? 'saturday' : 'sunday';
}

/** The hall's open windows that day, sorted; touching windows merge only when of the same kind. */
export function openWindows(date: string, hours: HallHours): OpenWindow[] {
  const kind = dayKind(date);
  const raw: { from: number; to: number; window: WindowKind }[] = [];
  const add = (rules: HoursRule[], window: WindowKind) => {
    for (const r of rules) {
      const from = minutesOf(r.from);
      const to = minutesOf(r.to);
      if (to <= from) throw new RangeError(`opening hours ${r.from}–${r.to} end before they start`);
      if (r.days.includes(kind)) raw.push({ from, to, window });
    }
  };
  add(hours.regular, 'regular');
  add(hours.offPeak, 'off-peak');
  add(hours.extended, 'extended');
  raw.sort((a, b) => a.from - b.from || a.to - b.to);
  const merged: typeof raw = [];
  for (const w of raw) {
    const last = merged[merged.length - 1];
    if (last && last.window === w.window && w.from <= last.to) last.to = Math.max(last.to, w.to);
    else merged.push({ ...w });
  }
  return merged.map((w) => ({ from: timeOf(w.from), to: timeOf(w.to), window: w.window }));
}

export function isOpenAt(date: string, time: string, hours: HallHours): boolean {
  const t = minutesOf(time);
  return openWindows(date, hours).some((w) => minutesOf(w.from) <= t && t < minutesOf(w.to));
}

/** Appointment slots of slotMinutes; a slot never straddles the end of its window. */
export function daySlots(date: string, hours: HallHours, slotMinutes: number): DaySlot[] {
  if (!Number.isInteger(slotMinutes) || slotMinutes < 1)
    throw new RangeError(`slot length must be a whole number of minutes ≥ 1, not ${slotMinutes}`);
  const slots: DaySlot[] = [];
  for (const w of openWindows(date, hours)) {
    const end = minutesOf(w.to);
    for (let s = minutesOf(w.from); s + slotMinutes <= end; s += slotMinutes)
      slots.push({ start: timeOf(s), end: timeOf(s + slotMinutes), window: w.window });
  }
  return slots;
}

// Asia/Shanghai is UTC+8 all year (no daylight saving since 1991).
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The Asia/Shanghai calendar date of an instant. */
export function localDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Asia/Shanghai wall-clock time of an instant, 'HH:MM'. */
export function localTime(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(11, 16);
}

/** The instant of a date and wall-clock time in Asia/Shanghai. */
export function instantAt(date: string, time: string): Date {
  return new Date(dayNumber(date) * 86_400_000 + minutesOf(time) * 60_000 - SHANGHAI_OFFSET_MS);
}
