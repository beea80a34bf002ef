import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_KINDS,
  activityPoints,
  cappedPoints,
  median,
  POINTS_RULES,
  rankEntries,
} from './volunteer-points.ts';

describe('volunteer recognition points', () => {
  it('pays per kind, more for rarer and riskier work', () => {
    expect(activityPoints('patrol', 60, 'participant')).toBe(2);
    expect(activityPoints('mediation', 60, 'participant')).toBe(5);
    expect(activityPoints('rescue', 30, 'participant')).toBe(8);
    expect(activityPoints('arrest-assist', 10, 'participant')).toBe(15);
    expect(activityPoints('event-security', 60, 'participant')).toBe(3);
    expect(activityPoints('patrol', 60, 'lead')).toBe(3);
  });

  it('adds a point per full hour beyond the first, at most four', () => {
    expect(activityPoints('patrol', 119, 'participant')).toBe(2);
    expect(activityPoints('patrol', 120, 'participant')).toBe(3);
    expect(activityPoints('patrol', 180, 'participant')).toBe(4);
    expect(activityPoints('patrol', 300, 'participant')).toBe(6);
    expect(activityPoints('patrol', 24 * 60, 'participant')).toBe(6);
  });

  it('never passes the daily cap', () => {
    expect(cappedPoints(15, 0)).toBe(15);
    expect(cappedPoints(15, 10)).toBe(10);
    expect(cappedPoints(3, 20)).toBe(0);
    expect(cappedPoints(3, 25)).toBe(0);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            kind: fc.constantFrom(...ACTIVITY_KINDS),
            minutes: fc.integer({ min: 0, max: 1440 }),
            lead: fc.boolean(),
          }),
          { maxLength: 30 },
        ),
        (day) => {
          let total = 0;
          for (const a of day) {
            const p = cappedPoints(activityPoints(a.kind, a.minutes, a.lead ? 'lead' : 'participant'), total);
            expect(p).toBeGreaterThanOrEqual(0);
            total += p;
          }
          return total <= POINTS_RULES.dailyCap;
        },
      ),
    );
  });
});

describe('monthly ranking', () => {
  it('ranks by points, then activities, then who got there first, then key', () => {
    const r = rankEntries([
      { key: 'c', points: 10, activities: 2, lastAwardAt: 5 },
      { key: 'a', points: 12, activities: 1, lastAwardAt: 9 },
      { key: 'b', points: 10, activities: 3, lastAwardAt: 9 },
      { key: 'e', points: 10, activities: 2, lastAwardAt: 5 },
      { key: 'd', points: 10, activities: 2, lastAwardAt: 1 },
    ]);
    expect(r.map((x) => `${x.rank}${x.entry.key}`)).toEqual(['1a', '2b', '3d', '4c', '5e']);
  });

  it('does not depend on input order', () => {
    const entry = fc.record({
      key: fc.string({ minLength: 1, maxLength: 3 }),
      points: fc.integer({ min: 0, max: 5 }),
      activities: fc.integer({ min: 0, max: 3 }),
      lastAwardAt: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: (e) => e.key, maxLength: 20 }), (list) => {
        const a = rankEntries(list).map((x) => x.entry.key);
        const b = rankEntries([...list].reverse()).map((x) => x.entry.key);
        expect(a).toEqual(b);
        expect(rankEntries(list).map((x) => x.rank)).toEqual(list.map((_, i) => i + 1));
      }),
    );
  });

  it('takes the median', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});
