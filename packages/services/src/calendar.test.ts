import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  calendarKnows,
  isProvisional,
  isStatutoryHoliday,
  isWorkingDay,
  nextWorkingDay,
  previousWorkingDay,
  workingDaysBetween,
  yearSchedule,
} from './calendar.ts';

describe('official working-day calendar', () => {
  it('counts the 2024 Spring Festival: 10–17 Feb off, Sundays 4 and 18 Feb worked', () => {
    expect(isWorkingDay('2024-02-04')).toBe(true);
    expect(isWorkingDay('2024-02-12')).toBe(false); // a Monday inside the holiday
    expect(isWorkingDay('2024-02-18')).toBe(true);
    expect(addWorkingDays('2024-02-08', 3)).toBe('2024-02-19');
    expect(addWorkingDays('2024-02-08', 2)).toBe('2024-02-18');
    expect(workingDaysBetween('2024-02-08', '2024-02-19')).toBe(3);
  });

  it('counts a make-up Saturday (2023-10-07) and skips National Day 2023', () => {
    expect(isWorkingDay('2023-10-07')).toBe(true);
    expect(isWorkingDay('2023-10-02')).toBe(false);
    expect(addWorkingDays('2023-09-28', 1)).toBe('2023-10-07');
    expect(addWorkingDays('2023-09-28', 2)).toBe('2023-10-08');
    expect(nextWorkingDay('2023-09-28')).toBe('2023-10-07');
    expect(previousWorkingDay('2023-10-07')).toBe('2023-09-28');
  });

  it('n = 0 returns from; to ≤ from is 0 working days', () => {
    expect(addWorkingDays('2024-02-10', 0)).toBe('2024-02-10');
    expect(workingDaysBetween('2024-02-19', '2024-02-19')).toBe(0);
    expect(workingDaysBetween('2024-02-19', '2024-02-01')).toBe(0);
  });

  it('rejects bad dates and negative or fractional counts', () => {
    expect(() => addWorkingDays('2024-02-30', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2024/02/08', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2024-02-08', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2024-02-08', 1.5)).toThrow(RangeError);
    expect(() => isWorkingDay('not a day')).toThrow(RangeError);
  });

  it('knows the published years and falls back to Mon–Fri minus fixed-date holidays otherwise', () => {
    expect(calendarKnows(2024)).toBe(true);
    expect(calendarKnows(2099)).toBe(false);
    expect(isProvisional('2024-05-01')).toBe(false);
    expect(isProvisional('2099-05-01')).toBe(true);
    expect(isWorkingDay('2099-05-01')).toBe(false); // Friday, Labour Day
    expect(isWorkingDay('2099-05-04')).toBe(true); // Monday
    expect(isWorkingDay('2099-10-03')).toBe(false); // Saturday anyway
    expect(isWorkingDay('2099-10-05')).toBe(true); // only 1–3 Oct are known without a schedule
    expect(isStatutoryHoliday('2099-01-01')).toBe(true);
    expect(addWorkingDays('2099-04-30', 1)).toBe('2099-05-04');
  });

  it('lists a year: holidays and make-up working days', () => {
    const s = yearSchedule(2024);
    expect(s.provisional).toBe(false);
    expect(s.makeUpWorkingDays.map((d) => d.date)).toContain('2024-02-18');
    expect(s.holidays.find((d) => d.date === '2024-02-12')).toEqual({
      date: '2024-02-12',
      name: '春节',
      nameEn: 'Spring Festival',
    });
    expect(s.holidays.some((d) => d.date === '2024-02-18')).toBe(false);
    const p = yearSchedule(2099);
    expect(p).toMatchObject({ provisional: true, makeUpWorkingDays: [] });
    expect(p.holidays.map((d) => d.date)).toEqual([
      '2099-01-01',
      '2099-05-01',
      '2099-10-01',
      '2099-10-02',
      '2099-10-03',
    ]);
  });

  it('addWorkingDays and workingDaysBetween invert each other', () => {
    const day = fc
      .integer({ min: 0, max: 3 * 365 })
      .map((i) => new Date(Date.UTC(2023, 0, 1 + i)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 40 }), (from, n) => {
        const to = addWorkingDays(from, n);
        expect(workingDaysBetween(from, to)).toBe(n);
        if (n > 0) expect(isWorkingDay(to)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
