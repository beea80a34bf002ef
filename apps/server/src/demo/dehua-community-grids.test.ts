import { createRng, geometryArea } from '@ronghui/geo';
import { describe, expect, it } from 'vitest';
import { apportion, DEHUA_ROSTER, planCommunityGrids, planRosters } from './dehua-community-grids.ts';
import { buildDehuaDemo } from './dehua.ts';

describe('apportion', () => {
  it('splits a total in proportion, adding up, everyone at least the minimum', () => {
    expect(apportion(10, [1, 1, 2])).toEqual([3, 2, 5]);
    expect(apportion(7, [100, 1, 1], 1)).toEqual([5, 1, 1]);
    expect(apportion(2, [1, 1, 1], 1).reduce((s, x) => s + x, 0)).toBe(2);
    expect(apportion(5, [])).toEqual([]);
  });
});

describe('demo community grids and rosters', () => {
  const demo = buildDehuaDemo(350526);
  const planned = planCommunityGrids(demo, createRng(350526 ^ 0x6e1d));

  it('puts one or more community grids under every village, partitioning each police grid', () => {
    expect(new Set(planned.map((g) => g.villageCode)).size).toBe(demo.villages.length);
    for (const grid of demo.grids) {
      const parts = planned.filter((g) => g.policeGridCode === grid.code);
      const sum = parts.reduce((s, g) => s + geometryArea(g.boundary), 0);
      expect(Math.abs(sum - geometryArea(grid.boundary)) / geometryArea(grid.boundary)).toBeLessThan(0.001);
    }
  });

  it('appoints exactly the bureau figures, plus 1 officer and 2 auxiliaries per police grid', () => {
    const rows = planRosters(
      demo.grids,
      planned,
      DEHUA_ROSTER,
      new Date('2026-12-06T00:00:00Z'),
      createRng(1),
    );
    const current = rows.filter((r) => r.endsOn === null);
    const count = (role: string) => current.filter((r) => r.role === role).length;
    expect(count('assistant')).toBe(250);
    expect(count('full-time')).toBe(619);
    expect(count('part-time')).toBe(1581);
    expect(count('community-officer')).toBe(45);
    expect(count('auxiliary')).toBe(90);
    expect(rows.some((r) => r.endsOn !== null && r.endsOn > r.startsOn)).toBe(true);
  });
});
