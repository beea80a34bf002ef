import { describe, expect, it } from 'vitest';
import {
  chinaDate,
  chinaDateKey,
  chinaDayStart,
  chinaHour,
  chinaIso,
  chinaMidnight,
  chinaTimeOfDay,
} from './china-time.ts';

describe('China time', () => {
  // 2026-02-28T16:30Z is 2026-03-01 00:30 in Beijing: the UTC day and the China day differ.
  const justAfterMidnight = Date.UTC(2026, 1, 28, 16, 30);

  it('puts an instant on its China-time day', () => {
    expect(chinaDate(justAfterMidnight)).toBe('2026-03-01');
    expect(chinaDateKey(new Date(justAfterMidnight))).toBe('20260301');
    expect(chinaDate(Date.UTC(2026, 1, 28, 15, 59, 59))).toBe('2026-02-28');
  });

  it('starts a day at 00:00+08:00', () => {
    expect(chinaDayStart('2026-03-01').toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(chinaMidnight(justAfterMidnight)).toBe(Date.UTC(2026, 1, 28, 16));
    expect(() => chinaDayStart('2026-3-1')).toThrow(/YYYY-MM-DD/);
  });

  it('reads hours and writes ISO times in China time', () => {
    expect(chinaHour(justAfterMidnight)).toBe(0);
    expect(chinaHour(Date.UTC(2026, 1, 28, 15, 59))).toBe(23);
    expect(new Date(chinaTimeOfDay(justAfterMidnight, 8)).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(chinaIso(justAfterMidnight)).toBe('2026-03-01T00:30:00+08:00');
  });
});
