import { describe, expect, it } from 'vitest';
import { beijingToday, percent, welfareYears, yuan } from './welfare-view.ts';

describe('welfare view helpers', () => {
  it('takes the Beijing day, not the UTC one', () => {
    expect(beijingToday(Date.parse('2026-12-06T17:00:00Z'))).toBe('2026-12-07');
    expect(beijingToday(Date.parse('2026-12-06T15:59:00Z'))).toBe('2026-12-06');
  });
  it('formats rates and yuan', () => {
    expect(percent(0.9298)).toBe('93.0%');
    expect(percent(null)).toBe('—');
    expect(yuan(12500)).toBe('¥12,500');
  });
  it('offers the years from this one back to 2023', () => {
    expect(welfareYears('2026-03-01')).toEqual([2026, 2025, 2024, 2023]);
    expect(welfareYears('2023-03-01')).toEqual([2023]);
  });
});
