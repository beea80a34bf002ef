import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HALL_HOURS,
  type HallHours,
  dayKind,
  daySlots,
  instantAt,
  isOpenAt,
  localDate,
  localTime,
  openWindows,
} from './hours.ts';

describe('day kinds', () => {
  it('tells workdays, make-up workdays, weekends and holidays apart', () => {
    expect(dayKind('2024-02-08')).toBe('workday');
    expect(dayKind('2024-02-18')).toBe('workday'); // make-up Sunday
    expect(dayKind('2024-02-12')).toBe('holiday'); // Monday in the Spring Festival
    expect(dayKind('2024-02-10')).toBe('holiday'); // Saturday in the Spring Festival
    expect(dayKind('2024-03-02')).toBe('saturday');
    expect(dayKind('2024-03-03')).toBe('sunday');
    // 端午 2024: Monday 10 June is listed, the weekend before it joins the block.
    expect(dayKind('2024-06-08')).toBe('holiday');
    expect(dayKind('2024-06-09')).toBe('holiday');
    expect(dayKind('2024-06-15')).toBe('saturday');
  });
});

describe('opening hours', () => {
  it('opens the default hall in regular, off-peak and extended windows on a workday', () => {
    expect(openWindows('2024-03-04', DEFAULT_HALL_HOURS)).toEqual([
      { from: '08:30', to: '12:00', window: 'regular' },
      { from: '12:00', to: '14:30', window: 'off-peak' },
      { from: '14:30', to: '17:30', window: 'regular' },
      { from: '17:30', to: '19:30', window: 'extended' },
    ]);
    expect(openWindows('2024-03-02', DEFAULT_HALL_HOURS)).toEqual([
      { from: '09:00', to: '12:00', window: 'extended' },
    ]);
    expect(openWindows('2024-03-03', DEFAULT_HALL_HOURS)).toEqual([]);
    expect(openWindows('2024-02-12', DEFAULT_HALL_HOURS)).toEqual([]);
    // A make-up Sunday is a workday, so the workday windows apply.
    expect(openWindows('2024-02-18', DEFAULT_HALL_HOURS)).toHaveLength(4);
  });

  it('merges overlapping rules of the same kind only', () => {
    const hours: HallHours = {
      regular: [
        { days: ['workday'], from: '10:00', to: '12:00' },
        { days: ['workday'], from: '08:00', to: '10:30' },
      ],
      offPeak: [{ days: ['workday'], from: '12:00', to: '13:00' }],
      extended: [],
    };
    expect(openWindows('2024-03-04', hours)).toEqual([
      { from: '08:00', to: '12:00', window: 'regular' },
      { from: '12:00', to: '13:00', window: 'off-peak' },
    ]);
  });

  it('is open from the start of a window up to, not at, its end', () => {
    expect(isOpenAt('2024-03-04', '08:29', DEFAULT_HALL_HOURS)).toBe(false);
    expect(isOpenAt('2024-03-04', '08:30', DEFAULT_HALL_HOURS)).toBe(true);
    expect(isOpenAt('2024-03-04', '13:00', DEFAULT_HALL_HOURS)).toBe(true);
    expect(isOpenAt('2024-03-04', '19:30', DEFAULT_HALL_HOURS)).toBe(false);
    expect(isOpenAt('2024-03-02', '11:59', DEFAULT_HALL_HOURS)).toBe(true);
    expect(isOpenAt('2024-03-02', '14:00', DEFAULT_HALL_HOURS)).toBe(false);
    expect(() => isOpenAt('2024-03-04', '25:00', DEFAULT_HALL_HOURS)).toThrow(RangeError);
  });

  it('cuts slots inside each window, never across its end', () => {
    const slots = daySlots('2024-03-04', DEFAULT_HALL_HOURS, 45);
    expect(slots.slice(0, 5)).toEqual([
      { start: '08:30', end: '09:15', window: 'regular' },
      { start: '09:15', end: '10:00', window: 'regular' },
      { start: '10:00', end: '10:45', window: 'regular' },
      { start: '10:45', end: '11:30', window: 'regular' },
      { start: '12:00', end: '12:45', window: 'off-peak' },
    ]);
    expect(slots.some((s) => s.start === '11:30')).toBe(false);
    expect(daySlots('2024-03-03', DEFAULT_HALL_HOURS, 30)).toEqual([]);
    expect(() => daySlots('2024-03-04', DEFAULT_HALL_HOURS, 0)).toThrow(RangeError);
  });
});

describe('Asia/Shanghai time', () => {
  it('reads the local date and time of an instant (UTC+8)', () => {
    const t = new Date('2024-02-08T17:05:00Z');
    expect(localDate(t)).toBe('2024-02-09');
    expect(localTime(t)).toBe('01:05');
    expect(instantAt('2024-02-09', '01:05').toISOString()).toBe('2024-02-08T17:05:00.000Z');
    expect(instantAt('2024-07-01', '08:30').toISOString()).toBe('2024-07-01T00:30:00.000Z');
  });
});
