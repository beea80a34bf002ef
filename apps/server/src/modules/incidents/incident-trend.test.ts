import { describe, expect, it } from 'vitest';
import { changePercent, compareYears, sameDayLastYear, trendWindow } from './incident-trend.ts';

describe('year-on-year windows (比降)', () => {
  it('takes the same calendar day a year earlier, 29 February falling on the 28th', () => {
    expect(sameDayLastYear('2026-11-29')).toBe('2025-11-29');
    expect(sameDayLastYear('2028-02-29')).toBe('2027-02-28');
    expect(sameDayLastYear('2026-01-01')).toBe('2025-01-01');
  });

  it('covers the last N Beijing days up to now, and last year up to the same time of day', () => {
    const now = new Date('2026-11-29T02:30:00Z'); // 10:30 in Beijing
    const w = trendWindow(now, 7);
    expect(w.dates).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
    expect(w.current.from.toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(w.current.to).toBe(now);
    expect(w.lastYear.from.toISOString()).toBe('2025-11-22T16:00:00.000Z');
    expect(w.lastYear.to.toISOString()).toBe('2025-11-29T02:30:00.000Z');
  });

  it('a Beijing day starts at 16:00 UTC the day before', () => {
    expect(trendWindow(new Date('2026-11-28T16:00:00Z'), 1).dates).toEqual(['2026-11-29']);
    expect(trendWindow(new Date('2026-11-28T15:59:59Z'), 1).dates).toEqual(['2026-11-28']);
  });

  it('adds up days and kinds and gives the change against last year', () => {
    const w = trendWindow(new Date('2026-11-29T02:30:00Z'), 2);
    const r = compareYears(
      w,
      [
        { day: '2026-11-28', kind: 'traffic', n: 3 },
        { day: '2026-11-29', kind: 'traffic', n: 1 },
        { day: '2026-11-29', kind: 'criminal', n: 5 },
      ],
      [
        { day: '2025-11-28', kind: 'traffic', n: 8 },
        { day: '2025-11-29', kind: 'dispute', n: 2 },
      ],
    );
    expect(r.days).toEqual([
      { date: '2026-11-28', count: 3, lastYear: 8 },
      { date: '2026-11-29', count: 6, lastYear: 2 },
    ]);
    expect(r.total).toBe(9);
    expect(r.lastYearTotal).toBe(10);
    expect(r.changePercent).toBe(-10);
    expect(r.byKind).toEqual([
      { kind: 'criminal', count: 5, lastYear: 0, changePercent: null },
      { kind: 'traffic', count: 4, lastYear: 8, changePercent: -50 },
      { kind: 'dispute', count: 0, lastYear: 2, changePercent: -100 },
    ]);
    expect(changePercent(3, 0)).toBeNull();
    expect(changePercent(1, 3)).toBe(-66.7);
  });
});
