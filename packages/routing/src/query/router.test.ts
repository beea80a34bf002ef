import type { LngLat } from '@ronghui/geo';
import { describe, expect, it } from 'vitest';
import { contract } from '../ch/contract.ts';
import { RoadState } from '../live/road-state.ts';
import { at, gridGraph, streets } from '../testing/small-graphs.ts';
import { NoRouteError, Router } from './router.ts';
import { SnapTooFarError } from './snap-index.ts';

const p = (x: number, y: number) => at(x, y) as LngLat;
const routerOf = (g: ReturnType<typeof gridGraph>, maxSnapM?: number) =>
  new Router(g, contract(g), maxSnapM === undefined ? {} : { maxSnapM });

// A one-way block: 0 → 1 → 2 → 3 → 0, each side 100 m in 10 s.
const oneWayLoop = streets(
  [
    [0, 0],
    [100, 0],
    [100, 100],
    [0, 100],
  ],
  [
    { from: 0, to: 1, forwardS: 10, backwardS: null },
    { from: 1, to: 2, forwardS: 10, backwardS: null },
    { from: 2, to: 3, forwardS: 10, backwardS: null },
    { from: 3, to: 0, forwardS: 10, backwardS: null },
  ],
);

describe('Router on hand-made graphs', () => {
  const loop = routerOf(oneWayLoop);

  it.each([
    // [from, to, seconds, metres]
    ['mid-edge to mid-edge', p(50, 5), p(95, 50), 10, 100],
    ['along one edge with the flow', p(20, 0), p(80, 0), 6, 60],
    ['along one edge against the flow goes round the block', p(80, 0), p(20, 0), 34, 340],
    ['from just past a corner to just before the previous one', p(100, 1), p(0, 1), 29.8, 298],
  ] as const)('%s', (_name, from, to, seconds, metres) => {
    for (const algorithm of ['ch', 'dijkstra'] as const) {
      const r = loop.route(from, to, { algorithm });
      expect(r.durationS).toBeCloseTo(seconds, 1);
      expect(r.distanceM).toBeCloseTo(metres, 0);
    }
  });

  it('reports the snap distance and the snapped position', () => {
    const r = loop.route(p(50, 5), p(95, 50));
    expect(r.from.distanceM).toBeCloseTo(5, 0);
    expect(r.to.distanceM).toBeCloseTo(5, 0);
    const line = loop.geometry(r);
    expect(line[0]![0]).toBeCloseTo(p(50, 0)[0], 6);
    expect(line.at(-1)![1]).toBeCloseTo(p(100, 50)[1], 6);
  });

  it('refuses positions farther from any road than the limit', () => {
    expect(() => loop.route(p(50, 700), p(50, 0))).toThrow(SnapTooFarError);
    expect(() => loop.route(p(50, 700), p(50, 0))).toThrow(/no road within 500 m/);
    const strict = routerOf(oneWayLoop, 20);
    expect(() => strict.route(p(50, 30), p(50, 0))).toThrow(SnapTooFarError);
    expect(strict.route(p(50, 15), p(50, 0)).from.distanceM).toBeCloseTo(15, 0);
  });
});

describe('Router with closures and slow-downs', () => {
  // 3 × 3 grid, 100 m blocks at 36 km/h: 10 s a block. Node 0 at (0,0), node 2 at (200,0).
  const grid = gridGraph(3, 3);
  const router = routerOf(grid);
  const edgesBetween = (a: LngLat, b: LngLat) => {
    const e = router.snap([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2] as LngLat).edge;
    return [e, grid.twin[e]!].filter((x) => x >= 0);
  };

  it('goes round a closed road and names the closure it avoided', () => {
    const state = new RoadState(grid);
    expect(router.route(p(0, 0), p(200, 0), { state }).durationS).toBeCloseTo(20, 1);
    state.set({ id: 'crash-1', cause: 'accident', edges: edgesBetween(p(0, 0), p(100, 0)) });
    const r = router.route(p(0, 0), p(200, 0), { state });
    expect(r.durationS).toBeCloseTo(40, 1);
    expect(r.avoided.map((e) => e.id)).toEqual(['crash-1']);
    expect(r.searched).toBe('live-dijkstra');
    state.remove('crash-1');
    expect(router.route(p(0, 0), p(200, 0), { state }).durationS).toBeCloseTo(20, 1);
  });

  it('keeps a slowed road when it is still the fastest, and leaves it when it is not', () => {
    const state = new RoadState(grid);
    state.set({ id: 'fog', cause: 'fog', edges: edgesBetween(p(100, 0), p(200, 0)), speedFactor: 0.5 });
    const slow = router.route(p(0, 0), p(200, 0), { state });
    expect(slow.durationS).toBeCloseTo(30, 1);
    expect(slow.avoided).toEqual([]);
    state.set({ id: 'fog', cause: 'fog', edges: edgesBetween(p(100, 0), p(200, 0)), speedFactor: 0.2 });
    const round = router.route(p(0, 0), p(200, 0), { state });
    expect(round.durationS).toBeCloseTo(40, 1);
    expect(round.avoided.map((e) => e.id)).toEqual(['fog']);
  });

  it('uses the free-flow hierarchy when events lie off the route', () => {
    const state = new RoadState(grid);
    state.set({ id: 'far', cause: 'ice', edges: edgesBetween(p(0, 200), p(100, 200)) });
    const r = router.route(p(0, 0), p(200, 0), { state });
    expect(r.searched).toBe('ch');
    expect(r.durationS).toBeCloseTo(20, 1);
  });

  it('says so when closures cut a position off', () => {
    const state = new RoadState(grid);
    state.set({
      id: 'a',
      cause: 'landslide',
      edges: [...edgesBetween(p(0, 0), p(100, 0)), ...edgesBetween(p(0, 0), p(0, 100))],
    });
    expect(() => router.route(p(0, 0), p(200, 200), { state })).toThrow(NoRouteError);
    expect(() => router.route(p(200, 200), p(0, 0), { state, algorithm: 'dijkstra' })).toThrow(NoRouteError);
  });

  it('rejects malformed events', () => {
    const state = new RoadState(grid);
    expect(() => state.set({ id: 'x', cause: 'other', edges: [] })).toThrow(/affects no road/);
    expect(() => state.set({ id: 'x', cause: 'other', edges: [grid.edgeCount] })).toThrow(/no edge/);
    expect(() => state.set({ id: 'x', cause: 'other', edges: [0], speedFactor: 1.5 })).toThrow(
      /speed factor/,
    );
  });
});

describe('many-to-one and one-to-many', () => {
  const grid = gridGraph(4, 4);
  const router = routerOf(grid);
  const points = [p(0, 0), p(150, 0), p(300, 300), p(100, 250), p(290, 10)].map((q) => router.snap(q));

  it('agree with point-to-point routes', () => {
    const target = points[2]!;
    const many = router.manyToOne(points, target);
    const one = router.oneToMany(target, points);
    points.forEach((s, i) => {
      expect(many[i]).toBeCloseTo(router.routeSnapped(s, target).durationS, 6);
      expect(one[i]).toBeCloseTo(router.routeSnapped(target, s).durationS, 6);
    });
    expect(many[2]).toBe(0);
  });

  it('bounded by a time: the same times within it, Infinity beyond, with or without live state', () => {
    const target = points[2]!;
    const all = router.manyToOne(points, target);
    const finite = [...all].filter((x) => x > 0).sort((a, b) => a - b);
    // A bound between the nearest and the farthest source.
    const bound = (finite[0]! + finite[finite.length - 1]!) / 2;
    for (const state of [undefined, new RoadState(grid)]) {
      if (state) state.set({ id: 'slow', cause: 'other', edges: [0], speedFactor: 0.5 });
      const unbounded = router.manyToOne(points, target, state);
      const bounded = router.manyToOne(points, target, state, bound);
      let inside = 0;
      unbounded.forEach((t, i) => {
        if (t <= bound) {
          inside++;
          expect(bounded[i]).toBeCloseTo(t, 6);
        } else expect(bounded[i]).toBe(Number.POSITIVE_INFINITY);
      });
      expect(inside).toBeGreaterThan(1);
      expect(inside).toBeLessThan(points.length);
    }
  });
});
