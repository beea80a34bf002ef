import type { GridStatsUnit } from '@ronghui/contracts';
import { describe, expect, it } from 'vitest';
import { entries, percent, rateOf, rosterN } from './grid-stats-charts.ts';

const unit = (d: Partial<GridStatsUnit['disputes']>) =>
  ({
    rosters: { communityOfficer: 1, auxiliary: 2, assistant: 3, fullTime: 4, partTime: 5 },
    disputes: { settled: 0, failed: 0, referred: 0, successRate: 0, onTimeRate: 0, ...d },
  }) as unknown as GridStatsUnit;

describe('grid statistics view helpers', () => {
  it('shows a rate only when something has concluded', () => {
    expect(rateOf(unit({}), 'successRate')).toBe('—');
    expect(
      rateOf(unit({ settled: 19, failed: 1, successRate: 0.95, onTimeRate: 0.9876 }), 'onTimeRate'),
    ).toBe('98.8%');
    expect(percent(0.9493)).toBe('94.9%');
  });

  it('counts N of "1+2+N" as assistants and grid workers', () => {
    expect(rosterN(unit({}))).toBe(12);
  });

  it('lists counts in the given order, named, zeros dropped when asked', () => {
    const got = entries({ b: 2, a: 0 }, ['a', 'b', 'c'], (k) => k.toUpperCase(), true);
    expect(got).toEqual([{ key: 'b', name: 'B', value: 2 }]);
    expect(entries({ b: 2 }, ['a', 'b'], (k) => k)).toHaveLength(2);
  });
});
