import { describe, expect, it } from 'vitest';
import { byKey, collectionsOf, hazardFigures, rosterFigures, topWorkers } from './grid-stats-rules.ts';

describe('grid statistics rules', () => {
  it('counts hazards by state and kind; open, overdue and escalated only while not closed', () => {
    const f = hazardFigures([
      { status: 'handling', kind: 'fire', overdue: 'escalated', n: 2 },
      { status: 'dispatched', kind: 'fire', overdue: 'overdue', n: 3 },
      { status: 'registered', kind: 'traffic', overdue: 'warning', n: 4 },
      { status: 'evaluated', kind: 'traffic', overdue: 'escalated', n: 10 },
      { status: 'closed', kind: 'other', overdue: 'none', n: 1 },
    ]);
    expect(f).toMatchObject({ total: 20, open: 9, overdue: 5, escalated: 2 });
    expect(f.byState).toMatchObject({
      handling: 2,
      dispatched: 3,
      registered: 4,
      evaluated: 10,
      closed: 1,
      reported: 0,
    });
    expect(f.byKind).toMatchObject({ fire: 5, traffic: 14, other: 1, geological: 0 });
  });

  it('adds rosters up by role ("1+2+N"), ignoring roles it does not know', () => {
    expect(
      rosterFigures([
        { role: 'community-officer', n: 1 },
        { role: 'auxiliary', n: 2 },
        { role: 'full-time', n: 3 },
        { role: 'full-time', n: 1 },
        { role: 'someone', n: 9 },
      ]),
    ).toMatchObject({ communityOfficer: 1, auxiliary: 2, fullTime: 4, partTime: 0, total: 7 });
  });

  it('merges activity by name, most first, ties by name, at most top', () => {
    const top = topWorkers(
      [
        { name: '林志明', n: 3 },
        { name: '陈秀英', n: 1 },
      ],
      [
        { name: '陈秀英', kind: 'meeting', n: 1 },
        { name: '陈秀英', kind: 'follow-up', n: 1 },
        { name: '黄海', kind: 'meeting', n: 3 },
        { name: '黄海', kind: 'status', n: 50 },
        { name: '王丽', kind: 'follow-up', n: 1 },
      ],
      3,
    );
    expect(top.map((w) => w.name)).toEqual(['陈秀英', '黄海', '林志明']);
    expect(top[0]).toEqual({ name: '陈秀英', hazardsReported: 1, meetings: 1, followUps: 1, total: 3 });
    expect(top[1]).toMatchObject({ meetings: 3, total: 3 });
  });

  it('sums collections over a unit’s grids, null without a registry', () => {
    const counts = new Map([
      ['a', { collected: 3, verified: 2 }],
      ['b', { collected: 4, verified: 4 }],
    ]);
    expect(collectionsOf(counts, ['a', 'b', 'c'])).toEqual({ collected: 7, verified: 6 });
    expect(collectionsOf(counts, [])).toEqual({ collected: 0, verified: 0 });
    expect(collectionsOf(null, ['a'])).toBeNull();
  });

  it('groups rows by key', () => {
    const g = byKey([
      { key: 'a', n: 1 },
      { key: null, n: 2 },
      { key: 'a', n: 3 },
    ]);
    expect(g.get('a')?.map((r) => r.n)).toEqual([1, 3]);
    expect(g.get(null)).toHaveLength(1);
  });
});
