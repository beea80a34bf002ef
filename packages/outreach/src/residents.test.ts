import { describe, expect, it } from 'vitest';
import { buildVisitPlan, nextVisitDue, visitInterval } from './residents.ts';

describe('vulnerable residents and visit plans', () => {
  it('visits a person of several kinds at the shortest interval', () => {
    expect(visitInterval(['elderly-alone'])).toBe(30);
    expect(visitInterval(['elderly-alone', 'bedridden'])).toBe(14);
    expect(visitInterval(['elderly-alone', 'fraud-target'])).toBe(7);
  });

  it('is due today when never visited, else the interval after the last visit', () => {
    expect(nextVisitDue(['disabled'], null, '2024-03-05')).toBe('2024-03-05');
    expect(nextVisitDue(['bedridden'], '2024-02-28', '2024-03-05')).toBe('2024-03-13');
  });

  it('plans per officer, earliest first, within the horizon, with days overdue', () => {
    const plan = buildVisitPlan(
      [
        { id: 'a', officerId: 'o1', kinds: ['elderly-alone'], lastVisitOn: '2024-02-20' },
        { id: 'b', officerId: 'o1', kinds: ['fraud-target'], lastVisitOn: '2024-02-20' },
        { id: 'c', officerId: 'o2', kinds: ['elderly-alone'], lastVisitOn: '2024-03-04' },
        { id: 'd', officerId: 'o2', kinds: ['disabled'], lastVisitOn: null, plannedFor: '2024-03-07' },
      ],
      '2024-03-05',
      16,
    );
    expect(plan.get('o1')?.map((e) => [e.residentId, e.dueOn, e.daysOverdue])).toEqual([
      ['b', '2024-02-27', 7],
      ['a', '2024-03-21', 0],
    ]);
    // c is due 2024-04-03, beyond the horizon; d is planned.
    expect(plan.get('o2')).toEqual([
      { residentId: 'd', officerId: 'o2', dueOn: '2024-03-07', daysOverdue: 0, planned: true },
    ]);
  });
});
