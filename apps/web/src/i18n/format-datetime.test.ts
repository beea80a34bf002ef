import { describe, expect, it } from 'vitest';
import { formatClock, formatDateTime, shanghaiWallTimeToIso } from './format-datetime.ts';

describe('formatDateTime', () => {
  it('shows an instant as Beijing wall time', () => {
    expect(formatDateTime('2026-11-29T16:05:00Z')).toBe('2026-11-30 00:05');
    expect(formatDateTime(new Date('2026-01-02T03:04:59Z'))).toBe('2026-01-02 11:04');
  });

  it('uses 00 for midnight, not 24', () => {
    expect(formatDateTime('2026-03-01T16:00:00Z')).toBe('2026-03-02 00:00');
  });

  it('falls back for empty and invalid values', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('')).toBe('—');
    expect(formatDateTime('not a date', 'n/a')).toBe('n/a');
  });
});

describe('shanghaiWallTimeToIso', () => {
  it('reads the wall time as UTC+8', () => {
    expect(shanghaiWallTimeToIso('2026-11-30T08:00:00')).toBe('2026-11-30T00:00:00.000Z');
  });
});

describe('formatClock', () => {
  it('gives Beijing wall-clock time to the second', () => {
    expect(formatClock('2026-11-29T16:05:09Z')).toBe('00:05:09');
    expect(formatClock('nonsense')).toBe('—');
  });
});
