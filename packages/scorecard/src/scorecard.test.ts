import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyseSurvey,
  apportion,
  clearanceRate,
  dehuaHistoryTargets,
  endedMonths,
  endedWeeks,
  generateHistory,
  inClearanceGroup,
  incidentSelector,
  instants,
  lastEndedMonth,
  lastEndedWeek,
  matchesIncident,
  monthPeriod,
  parseRate,
  previousPeriod,
  quarterPeriod,
  rankRows,
  round4,
  samePeriodLastYear,
  validateSurveyRows,
  weekPeriod,
  yearPart,
  yoyChange,
} from './index.ts';

describe('periods in Beijing time', () => {
  it('a year runs from 00:00+08:00 on 1 January to the next', () => {
    const { start, end } = instants({ from: '2023-01-01', to: '2023-12-31' });
    expect(new Date(start).toISOString()).toBe('2022-12-31T16:00:00.000Z');
    expect(new Date(end).toISOString()).toBe('2023-12-31T16:00:00.000Z');
  });
  it('weeks run Monday to Sunday; quarters and months end on their last day', () => {
    expect(weekPeriod('2023-12-06')).toEqual({ kind: 'week', from: '2023-12-04', to: '2023-12-10' });
    expect(weekPeriod('2023-12-10').from).toBe('2023-12-04');
    expect(quarterPeriod(2024, 1).to).toBe('2024-03-31');
    expect(monthPeriod(2024, 2).to).toBe('2024-02-29');
  });
  it('the same period last year keeps whole months whole and moves 29 February', () => {
    expect(samePeriodLastYear(monthPeriod(2024, 2))).toEqual({
      kind: 'month',
      from: '2023-02-01',
      to: '2023-02-28',
    });
    expect(samePeriodLastYear({ kind: 'custom', from: '2024-02-29', to: '2024-03-05' })).toEqual({
      kind: 'custom',
      from: '2023-02-28',
      to: '2023-03-05',
    });
    expect(yearPart(2023, '02-29', '02-29').from).toBe('2023-02-28');
  });
  it('ended weeks and months are those whose last day is before today', () => {
    expect(lastEndedWeek('2026-12-07')).toEqual({ kind: 'week', from: '2026-11-30', to: '2026-12-06' });
    expect(lastEndedWeek('2026-12-06').to).toBe('2026-11-29');
    expect(lastEndedMonth('2026-01-15')).toEqual({ kind: 'month', from: '2025-12-01', to: '2025-12-31' });
    expect(endedWeeks('2026-12-07', '2026-11-20').map((w) => w.from)).toEqual(['2026-11-23', '2026-11-30']);
    expect(endedMonths('2026-12-01', '2026-10-01').map((m) => m.from)).toEqual(['2026-10-01', '2026-11-01']);
  });
  it('every day of a week period is in the week (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), (n) => {
        const day = new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
        const w = weekPeriod(day);
        return w.from <= day && day <= w.to && new Date(`${w.from}T00:00:00Z`).getUTCDay() === 1;
      }),
    );
  });
});

describe('rates', () => {
  it('the article’s figures round exactly', () => {
    expect(yoyChange(809, 1000)).toBe(-0.191);
    expect(yoyChange(1843, 2500)).toBe(-0.2628);
    expect(yoyChange(2114, 2500)).toBe(-0.1544);
    expect(clearanceRate(555, 570)).toBe(0.9737);
    expect(yoyChange(5, 0)).toBeNull();
    expect(clearanceRate(0, 0)).toBeNull();
    expect(round4(0.97365)).toBe(0.9737);
    expect(round4(-0.00005)).toBe(-0.0001);
  });
  it('a change is within half a unit of the 4th decimal of the exact value (property)', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.integer({ min: 1, max: 100_000 }), (c, l) => {
        const v = yoyChange(c, l)!;
        return Math.abs(v - (c - l) / l) <= 0.00005 + 1e-12;
      }),
    );
  });
});

describe('category groups', () => {
  it('theft is 0501 and its children; kinds and other codes are accepted', () => {
    const theft = incidentSelector('theft')!;
    expect(matchesIncident(theft, 'criminal', '050104')).toBe(true);
    expect(matchesIncident(theft, 'criminal', '0502')).toBe(false);
    expect(matchesIncident(incidentSelector('criminal')!, 'criminal', '0502')).toBe(true);
    expect(matchesIncident(incidentSelector('public-order')!, 'public-order', 'public-order.noise')).toBe(
      true,
    );
    expect(matchesIncident(incidentSelector('traffic.accident')!, 'traffic', 'traffic.accident')).toBe(true);
    expect(incidentSelector('nonsense')).toBeNull();
  });
  it('传统盗抢骗 leaves telecom fraud out', () => {
    for (const code of ['0501', '050101', '0502', '050202', '0503', '0504'])
      expect(inClearanceGroup('traditional', code)).toBe(true);
    expect(inClearanceGroup('traditional', '050301')).toBe(false);
    expect(inClearanceGroup('fraud', '050301')).toBe(true);
    expect(inClearanceGroup('telecom-fraud', '0503')).toBe(false);
    expect(inClearanceGroup('traditional', '0201')).toBe(false);
  });
});

describe('ranking with ties', () => {
  it('shares ranks and skips (1, 2, 2, 4), rows without a value last', () => {
    const rows = [
      { id: 'a', v: -0.3 },
      { id: 'b', v: -0.1 },
      { id: 'c', v: -0.1 },
      { id: 'd', v: 0.2 },
      { id: 'e', v: null },
    ];
    const ranked = rankRows(rows, (r) => r.v, 'lower');
    expect(ranked.map((r) => [r.row.id, r.rank])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
      ['d', 4],
      ['e', null],
    ]);
    expect(rankRows(rows, (r) => r.v, 'higher')[0]!.row.id).toBe('d');
  });
  it('a rank is one more than the number of strictly better rows (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 30 }), (values) => {
        const ranked = rankRows(values, (v) => v, 'higher');
        return ranked.every((r) => r.rank === values.filter((v) => v > r.row).length + 1);
      }),
    );
  });
});

describe('三率 surveys', () => {
  const townships = [
    { code: '350526100', name: '龙浔镇' },
    { code: '350526101', name: '浔中镇' },
  ];
  it('reads rates as fractions or percentages', () => {
    expect(parseRate('95.3%')).toBe(0.953);
    expect(parseRate('95.3')).toBe(0.953);
    expect(parseRate('0.953')).toBe(0.953);
    expect(parseRate('120%')).toBeUndefined();
    expect(parseRate('abc')).toBeUndefined();
  });
  it('reports each bad cell by line and field, and duplicates', () => {
    const { rows, problems } = validateSurveyRows(
      [
        {
          line: 2,
          cells: {
            period: '2023Q4',
            township: '龙浔镇',
            respondents: '300',
            awareness: '96%',
            participation: '90%',
            satisfaction: '97%',
          },
        },
        {
          line: 3,
          cells: {
            period: '2023Q5',
            township: '某某镇',
            respondents: '-1',
            awareness: '96%',
            participation: 'x',
            satisfaction: '97%',
          },
        },
        {
          line: 4,
          cells: {
            period: '2023Q4',
            township: '350526100',
            respondents: '10',
            awareness: '1',
            participation: '1',
            satisfaction: '1',
          },
        },
        {
          line: 5,
          cells: {
            period: '2023Q4',
            township: '浔中镇',
            respondents: '10',
            awareness: '1',
            participation: '1',
            satisfaction: '1',
            provinceRank: '3',
          },
        },
        {
          line: 6,
          cells: {
            period: '2023Q4',
            township: '全县',
            respondents: '600',
            awareness: '95%',
            participation: '91%',
            satisfaction: '96%',
            provinceRank: '3',
          },
        },
      ],
      townships,
    );
    expect(rows.map((r) => r.line)).toEqual([2, 6]);
    expect(problems.map((p) => `${p.line}:${p.field}`)).toEqual([
      '3:period',
      '3:township',
      '3:respondents',
      '3:participation',
      '4:township',
      '5:provinceRank',
    ]);
  });
  it('weights the county by respondents and compares with the previous period', () => {
    const row = (period: string, code: string, n: number, a: number) => ({
      period,
      scope: 'township' as const,
      code,
      respondents: n,
      awareness: a,
      participation: a,
      satisfaction: a,
      provinceRank: null,
    });
    const now = [row('2023Q4', '350526100', 300, 0.9), row('2023Q4', '350526101', 100, 0.8)];
    const before = [row('2023Q3', '350526100', 300, 0.85)];
    const a = analyseSurvey('2023Q4', now, '2023Q3', before, (c) => c);
    expect(a.county.awareness).toBe(0.875);
    expect(a.county.respondents).toBe(400);
    expect(a.townships[0]!.change.awareness).toBe(0.05);
    expect(a.townships[1]!.change.awareness).toBeNull();
    expect(a.province.awareness).toBeNull();
    expect(previousPeriod('2023Q4', ['2023Q1', '2023Q3', '2023', '2024Q1'])).toBe('2023Q3');
    expect(previousPeriod('2023Q1', ['2023Q3'])).toBeNull();
  });
});

describe('demo history', () => {
  it('apportions exactly', () => {
    fc.assert(
      fc.property(
        fc.nat(10_000),
        (n) => Object.values(apportion(n, { a: 3, b: 5, c: 1 })).reduce((s, x) => s + x, 0) === n,
      ),
    );
  });
  it('hits the targets exactly, each record in its Beijing year, and reproduces the figures', () => {
    const targets = dehuaHistoryTargets();
    const { incidents, crimes } = generateHistory(
      targets,
      [
        { code: 'a', weight: 3 },
        { code: 'b', weight: 1 },
      ],
      7,
    );
    const yearOf = (ms: number) => new Date(ms + 8 * 3_600_000).getUTCFullYear();
    const count = (year: number, f: (i: (typeof incidents)[number]) => boolean) =>
      incidents.filter((i) => yearOf(i.at) === year && f(i)).length;
    const theft = (i: (typeof incidents)[number]) => i.category.startsWith('0501');
    expect(yoyChange(count(2023, theft), count(2022, theft))).toBe(-0.191);
    const kind = (k: string) => (i: (typeof incidents)[number]) => i.kind === k;
    expect(yoyChange(count(2023, kind('criminal')), count(2022, kind('criminal')))).toBe(-0.2628);
    expect(yoyChange(count(2023, kind('public-order')), count(2022, kind('public-order')))).toBe(-0.1544);
    const filed2023 = crimes.filter(
      (c) => yearOf(c.filedAt) === 2023 && inClearanceGroup('traditional', c.category),
    );
    expect(filed2023.length).toBe(570);
    expect(clearanceRate(filed2023.filter((c) => c.solvedAt !== null).length, filed2023.length)).toBe(0.9737);
    expect(crimes.every((c) => c.solvedAt === null || c.solvedAt > c.filedAt)).toBe(true);
    expect(crimes.filter((c) => c.incident !== null).length).toBeGreaterThan(1000);
    // The calls follow the hourly profile: more at 10:00 than at 03:00.
    const hour = (h: number) =>
      incidents.filter((i) => new Date(i.at + 8 * 3_600_000).getUTCHours() === h).length;
    expect(hour(10)).toBeGreaterThan(hour(3) * 2);
  });
});
