import { describe, expect, it } from 'vitest';
import { formatIsoTime, parseIsoTime } from './iso-time.ts';

const H = 3_600_000;

describe('ISO 8601 times', () => {
  it('reads the offset given, or the default offset when none is', () => {
    expect(parseIsoTime('2026-03-01T02:30:00Z', 8 * H)).toBe(Date.UTC(2026, 2, 1, 2, 30));
    expect(parseIsoTime('2026-03-01T02:30+08:00', 0)).toBe(Date.UTC(2026, 1, 28, 18, 30));
    expect(parseIsoTime('2026-03-01T02:30:15.250-0500', 0)).toBe(Date.UTC(2026, 2, 1, 7, 30, 15, 250));
    expect(parseIsoTime('2026-03-01 02:30', 8 * H)).toBe(Date.UTC(2026, 1, 28, 18, 30));
    expect(parseIsoTime('2026-03-01', 8 * H)).toBe(Date.UTC(2026, 1, 28, 16, 0));
  });

  it('rejects what is not a date', () => {
    for (const bad of ['', 'yesterday', '2026-02-30', '2026-13-01', '2026-03-01T25:00', '01/03/2026'])
      expect(parseIsoTime(bad, 0)).toBeUndefined();
  });

  it('formats in local time with the offset and reads back the same instant', () => {
    const t = Date.UTC(2026, 1, 28, 18, 30);
    expect(formatIsoTime(t, 8 * H)).toBe('2026-03-01T02:30:00+08:00');
    expect(formatIsoTime(t, 0)).toBe('2026-02-28T18:30:00Z');
    expect(formatIsoTime(t, -8 * H)).toBe('2026-02-28T10:30:00-08:00');
    expect(parseIsoTime(formatIsoTime(t, -8 * H), 0)).toBe(t);
  });
});
