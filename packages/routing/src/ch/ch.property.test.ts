import type { LngLat } from '@ronghui/geo';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RoadEvent, RoadState } from '../live/road-state.ts';
import { DijkstraSearch } from '../query/dijkstra.ts';
import { NoRouteError, Router } from '../query/router.ts';
import { directLeg, sourceSeeds, targetSeeds } from '../query/seeds.ts';
import type { SnappedPoint } from '../query/snap-index.ts';
import { at, type StreetSpec, streets } from '../testing/small-graphs.ts';
import { ChQuery } from './ch-query.ts';
import { contract } from './contract.ts';

const arbGraph = fc
  .record({
    points: fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 })), {
      minLength: 3,
      maxLength: 30,
    }),
    streets: fc.array(
      fc.record({
        a: fc.nat(),
        b: fc.nat(),
        forward: fc.integer({ min: 1, max: 120 }),
        backward: fc.option(fc.integer({ min: 1, max: 120 }), { nil: null }),
      }),
      { minLength: 3, maxLength: 80 },
    ),
  })
  .map(({ points, streets: specs }) => {
    const n = points.length;
    const list: StreetSpec[] = specs
      .map((s) => ({ from: s.a % n, to: s.b % n, forwardS: s.forward, backwardS: s.backward }))
      .filter((s) => s.from !== s.to);
    return streets(points, list);
  })
  .filter((g) => g.nodeCount >= 2);

/** Reference: plain Dijkstra on the given weights between two snapped points, in seconds. */
function reference(
  search: DijkstraSearch,
  g: Router['graph'],
  w: Uint32Array,
  a: SnappedPoint,
  b: SnappedPoint,
): number {
  const r = search.run(w, sourceSeeds(g, w, a), targetSeeds(g, w, b));
  const direct = directLeg(g, w, a, b);
  return Math.min(r.cost, direct?.cost ?? Number.POSITIVE_INFINITY) / 10;
}

describe('contraction hierarchies equal Dijkstra', () => {
  it('between every pair of nodes of random graphs', () => {
    fc.assert(
      fc.property(arbGraph, (g) => {
        const ch = contract(g);
        const q = new ChQuery(ch);
        const d = new DijkstraSearch(g);
        for (let a = 0; a < g.nodeCount; a++) {
          for (let b = 0; b < g.nodeCount; b++) {
            const s = [{ node: a, cost: 0, edge: -1, fraction: 0 }];
            const t = [{ node: b, cost: 0, edge: -1, fraction: 0 }];
            const r = q.run(s, t);
            expect(r.cost).toBe(d.run(g.weight, s, t).cost);
            // The unpacked path is a chain of real edges from a to b whose weights add up.
            let at = a;
            let sum = 0;
            for (const e of r.edges) {
              expect(g.tail[e]).toBe(at);
              at = g.head[e]!;
              sum += g.weight[e]!;
            }
            expect(at).toBe(b);
            expect(sum).toBe(r.cost);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('between snapped positions under random closures and slow-downs', () => {
    const arbCase = arbGraph.chain((g) =>
      fc.record({
        g: fc.constant(g),
        positions: fc.array(
          fc.tuple(fc.integer({ min: -50, max: 1050 }), fc.integer({ min: -50, max: 1050 })),
          {
            minLength: 2,
            maxLength: 6,
          },
        ),
        events: fc.array(
          fc.record({
            edges: fc.array(fc.nat({ max: g.edgeCount - 1 }), { minLength: 1, maxLength: 4 }),
            factor: fc.option(fc.double({ min: 0.1, max: 1, noNaN: true }), { nil: undefined }),
          }),
          { maxLength: 5 },
        ),
      }),
    );
    fc.assert(
      fc.property(arbCase, ({ g, positions, events }) => {
        const router = new Router(g, contract(g), { maxSnapM: 1e6 });
        const state = new RoadState(g);
        events.forEach((ev, i) => {
          const event: RoadEvent = { id: `e${i}`, cause: 'other', edges: ev.edges };
          state.set(ev.factor === undefined ? event : { ...event, speedFactor: ev.factor });
        });
        const search = new DijkstraSearch(g);
        const snapped = positions.map(([x, y]) => router.snap(at(x, y) as LngLat));
        const target = snapped[0]!;
        const many = router.manyToOne(snapped, target, state);
        const one = router.oneToMany(target, snapped, state);
        snapped.forEach((from, i) => {
          const expected = reference(search, g, state.weights, from, target);
          expect(many[i]).toBeCloseTo(expected, 6);
          expect(one[i]).toBeCloseTo(reference(search, g, state.weights, target, from), 6);
          for (const algorithm of ['ch', 'dijkstra'] as const) {
            if (!Number.isFinite(expected)) {
              expect(() => router.routeSnapped(from, target, { state, algorithm })).toThrow(NoRouteError);
              continue;
            }
            const route = router.routeSnapped(from, target, { state, algorithm });
            expect(route.durationS).toBeCloseTo(expected, 6);
            let cost = 0;
            for (const p of route.pieces) cost += state.weights[p.edge]! * (p.to - p.from);
            expect(cost / 10).toBeCloseTo(expected, 6);
            for (let k = 1; k < route.pieces.length; k++) {
              expect(g.tail[route.pieces[k]!.edge]).toBe(g.head[route.pieces[k - 1]!.edge]);
            }
            // Closures reported as avoided are really not driven.
            for (const ev of route.avoided) {
              expect(route.pieces.some((p) => ev.edges.includes(p.edge))).toBe(false);
            }
          }
        });
      }),
      { numRuns: 150 },
    );
  });
});
