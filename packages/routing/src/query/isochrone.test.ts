import { describe, expect, it } from 'vitest';
import { contract } from '../ch/contract.ts';
import { RoadState } from '../live/road-state.ts';
import { at, gridGraph } from '../testing/small-graphs.ts';
import { Router } from './router.ts';

const inside = (rings: number[][][], p: readonly [number, number]) => {
  let hit = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i]!;
      const b = ring[j]!;
      if (
        a[1]! > p[1] !== b[1]! > p[1] &&
        p[0] < ((b[0]! - a[0]!) * (p[1] - a[1]!)) / (b[1]! - a[1]!) + a[0]!
      )
        hit = !hit;
    }
  }
  return hit;
};

describe('isochrone', () => {
  // 11 × 11 grid of 200 m blocks at 36 km/h: 20 s a block.
  const g = gridGraph(11, 11, 200);
  const router = new Router(g, contract(g));
  const centre = at(1000, 1000);

  it('reaches the nodes within the time and no others', () => {
    // 61 s (a second of slack for centimetre rounding of coordinates) = three blocks of Manhattan
    // distance: 1 + 4 + 8 + 12 nodes.
    const [one] = router.isochrone(centre, [61 / 60]);
    expect(one!.nodes.length).toBe(25);
  });

  it('draws an area along the roads, larger for more minutes, not covering far corners', () => {
    const [small, large] = router.isochrone(centre, [1, 2], undefined, 40);
    expect(small!.polygon.length).toBeGreaterThan(0);
    const covers = (r: typeof small, x: number, y: number) =>
      r!.polygon.some((poly) => inside(poly, at(x, y)));
    expect(covers(small, 1000, 1000)).toBe(true);
    expect(covers(small, 1500, 1000)).toBe(true);
    expect(covers(small, 1900, 1000)).toBe(false);
    expect(covers(large, 1900, 1000)).toBe(true);
    // A block centre three blocks away diagonally is off every road: not inside (unlike a convex hull).
    expect(covers(large, 1500, 1500)).toBe(false);
    expect(covers(large, 2000, 2000)).toBe(false);
  });

  it('shrinks behind a closure', () => {
    const state = new RoadState(g);
    const east = router.index.edgesWithin(at(1100, 1000), 5);
    state.set({ id: 'block', cause: 'accident', edges: east });
    const [free] = router.isochrone(centre, [1]);
    const [closed] = router.isochrone(centre, [1], state);
    expect(closed!.nodes.length).toBeLessThan(free!.nodes.length);
  });
});
