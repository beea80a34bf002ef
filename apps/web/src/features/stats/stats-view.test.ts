import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error.ts';
import type { StatsIndicator } from '../../api/stats-api.ts';
import {
  changeView,
  drillQuery,
  groupIndicators,
  importProblems,
  indicatorValue,
  monthDay,
  pct,
  periodDates,
  periodQuery,
  points,
  pointsText,
  yearOptions,
} from './stats-view.ts';

const indicator = (key: StatsIndicator['key'], group: StatsIndicator['group']): StatsIndicator => ({
  key,
  group,
  value: 1,
  unit: 'count',
  count: 1,
  drill: { figure: 'indicator', params: { key } },
});

describe('stats figures', () => {
  it('shows rates with up to two decimals', () => {
    expect(pct(0.9737)).toBe('97.37%');
    expect(pct(0.5)).toBe('50%');
    expect(pct(null)).toBe('—');
  });

  it('shows 比降 as a fall in green and a rise in red', () => {
    expect(changeView(-0.191)).toEqual({ arrow: '↓', text: '19.1%', tone: 'down' });
    expect(changeView(-0.2628)).toEqual({ arrow: '↓', text: '26.28%', tone: 'down' });
    expect(changeView(0.1544)).toEqual({ arrow: '↑', text: '15.44%', tone: 'up' });
    expect(changeView(0)?.arrow).toBe('→');
    expect(changeView(null)).toBeNull();
  });

  it('formats indicators by unit', () => {
    expect(indicatorValue(200, 'seconds')).toBe('3′20″');
    expect(indicatorValue(45, 'seconds')).toBe('45″');
    expect(indicatorValue(0.95, 'rate')).toBe('95%');
    expect(indicatorValue(123456, 'yuan')).toBe('¥123,456');
    expect(indicatorValue(1234, 'count')).toBe('1,234');
    expect(indicatorValue(null, 'count')).toBe('—');
  });

  it('groups indicators in the page order and leaves empty groups out', () => {
    const groups = groupIndicators([
      indicator('warnings-issued', 'outreach'),
      indicator('incidents-received', 'dispatch'),
      indicator('on-time-rate', 'dispatch'),
    ]);
    expect(groups.map((g) => g.group)).toEqual(['dispatch', 'outreach']);
    expect(groups[0]?.items.map((i) => i.key)).toEqual(['incidents-received', 'on-time-rate']);
  });

  it('turns a period into dates and query parameters', () => {
    expect(periodDates({ year: 2023 })).toEqual({ from: '2023-01-01', to: '2023-12-31' });
    expect(periodDates({ year: 2023, from: '03-01', to: '06-30' })).toEqual({
      from: '2023-03-01',
      to: '2023-06-30',
    });
    expect(periodQuery({ year: 2023, from: '03-01' })).toEqual({ year: 2023 });
    expect(periodQuery({ year: 2023, from: '03-01', to: '06-30' })).toEqual({
      year: 2023,
      from: '03-01',
      to: '06-30',
    });
    expect(monthDay('2023-03-01')).toBe('03-01');
    expect(monthDay('')).toBeUndefined();
  });

  it('compares survey rates in percentage points', () => {
    expect(points(0.95, 0.93)).toBe(2);
    expect(pointsText(points(0.95, 0.93))).toBe('+2.00');
    expect(pointsText(points(0.9, 0.925))).toBe('−2.50');
    expect(pointsText(points(null, 0.9))).toBe('—');
  });

  it('builds drill queries without empty parameters', () => {
    expect(drillQuery('yoy', { year: 2023, category: 'theft', station: undefined, from: '' }, 2, 20)).toEqual(
      {
        figure: 'yoy',
        year: 2023,
        category: 'theft',
        page: 2,
        pageSize: 20,
      },
    );
  });

  it('offers years newest first', () => {
    expect(yearOptions(2026, 2022)).toEqual([2026, 2025, 2024, 2023, 2022]);
  });
});

describe('survey import problems', () => {
  it('lists the lines of the result and the fields of a 400 together', () => {
    const error = new ApiError({
      status: 400,
      title: 'Bad',
      errors: [{ path: 'contentBase64', message: 'empty' }],
    });
    expect(
      importProblems({ problems: [{ line: 3, field: '满意率', message: 'must be 0…1' }] }, error).map(
        ({ line, field, message }) => [line, field, message],
      ),
    ).toEqual([
      [3, '满意率', 'must be 0…1'],
      [null, 'contentBase64', 'empty'],
    ]);
    expect(importProblems(null, new Error('x'))).toEqual([]);
  });
});
