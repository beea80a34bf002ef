import type { LngLat, Meters, Seconds } from '@ronghui/geo';
import { ChQuery } from '../ch/ch-query.ts';
import type { ContractionHierarchy } from '../ch/contraction-hierarchy.ts';
import { Phast } from '../ch/phast.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import type { RoadEvent, RoadState } from '../live/road-state.ts';
import { DijkstraSearch } from './dijkstra.ts';
import { type IsochroneResult, isochrone } from './isochrone.ts';
import { type EdgePiece, legDistance, legGeometry } from './leg.ts';
import { directLeg, type Seed, sourceSeeds, targetSeeds } from './seeds.ts';
import { SnapIndex, type SnappedPoint } from './snap-index.ts';

export type RouteAlgorithm = 'ch' | 'dijkstra';

export interface RouterOptions {
  /** Farthest a position may lie from any road (metres); beyond it a SnapTooFarError. */
  readonly maxSnapM?: number;
}

export interface RouteQuery {
  readonly algorithm?: RouteAlgorithm;
  /** Live closures and slow-downs; without it, free-flow times. */
  readonly state?: RoadState;
}

export interface Route {
  readonly durationS: Seconds;
  readonly distanceM: Meters;
  readonly from: SnappedPoint;
  readonly to: SnappedPoint;
  readonly pieces: readonly EdgePiece[];
  /** Road events that lay on the free-flow route and that this route goes around. */
  readonly avoided: readonly RoadEvent[];
  /** How the answer was found: the free-flow hierarchy, or a search over live weights. */
  readonly searched: 'ch' | 'dijkstra' | 'live-dijkstra';
}

export class NoRouteError extends Error {
  override readonly name = 'NoRouteError';
}

interface Leg {
  readonly cost: number;
  readonly pieces: EdgePiece[];
}

/** Point-to-point routes, many-to-one and one-to-many times, and isochrones over one road graph. */
export class Router {
  readonly index: SnapIndex;
  private readonly chQuery: ChQuery;
  private readonly phast: Phast;
  private readonly forward: DijkstraSearch;
  private readonly backward: DijkstraSearch;
  private readonly maxSnapM: number;

  constructor(
    readonly graph: RoadGraph,
    readonly ch: ContractionHierarchy,
    options: RouterOptions = {},
  ) {
    this.index = new SnapIndex(graph);
    this.chQuery = new ChQuery(ch);
    this.phast = new Phast(ch);
    this.forward = new DijkstraSearch(graph);
    this.backward = new DijkstraSearch(graph, true);
    this.maxSnapM = options.maxSnapM ?? 500;
  }

  snap(p: LngLat): SnappedPoint {
    return this.index.snap(p, this.maxSnapM);
  }

  route(from: LngLat, to: LngLat, query: RouteQuery = {}): Route {
    return this.routeSnapped(this.snap(from), this.snap(to), query);
  }

  routeSnapped(from: SnappedPoint, to: SnappedPoint, query: RouteQuery = {}): Route {
    const algorithm = query.algorithm ?? 'ch';
    const live = query.state && !query.state.isFreeFlow ? query.state : undefined;
    const base = this.leg(from, to, this.graph.weight, algorithm);
    let leg = base;
    let avoided: RoadEvent[] = [];
    let searched: Route['searched'] = algorithm;
    if (live) {
      const hits = live.eventsOn(base.pieces.map((p) => p.edge));
      // Events only slow roads down, so a free-flow route that touches none of them is still best.
      if (hits.length > 0) {
        leg = this.leg(from, to, live.weights, 'dijkstra');
        searched = 'live-dijkstra';
        const used = new Set(leg.pieces.map((p) => p.edge));
        avoided = hits.filter((ev) => !ev.edges.some((e) => used.has(e)));
      }
    }
    if (!Number.isFinite(leg.cost)) {
      throw new NoRouteError(`no drivable route from ${fmt(from.position)} to ${fmt(to.position)}`);
    }
    return {
      durationS: (leg.cost / 10) as Seconds,
      distanceM: legDistance(this.graph, leg.pieces),
      from,
      to,
      pieces: leg.pieces,
      avoided,
      searched,
    };
  }

  geometry(route: Route): LngLat[] {
    return legGeometry(this.graph, route.pieces);
  }

  /** Free-flow cost in deciseconds between two snapped points (no path unpacking): the hot path of ranking. */
  cost(from: SnappedPoint, to: SnappedPoint, algorithm: RouteAlgorithm = 'ch'): number {
    const w = this.graph.weight;
    const s = sourceSeeds(this.graph, w, from);
    const t = targetSeeds(this.graph, w, to);
    const search = algorithm === 'ch' ? this.chQuery.run(s, t, false).cost : this.forward.run(w, s, t).cost;
    const direct = directLeg(this.graph, w, from, to);
    return direct && direct.cost < search ? direct.cost : search;
  }

  /** Travel time in seconds from every source to one target (Infinity where none exists). */
  manyToOne(
    sources: readonly SnappedPoint[],
    target: SnappedPoint,
    state?: RoadState,
    /**
     * Only travel times up to this many seconds are wanted (a call-out's widest ring): a search bounded by it
     * instead of a sweep of the whole graph; longer ones come back as Infinity.
     */
    maxSeconds?: number,
  ): Float64Array {
    const live = state && !state.isFreeFlow ? state : undefined;
    const w = live ? live.weights : this.graph.weight;
    const seeds = targetSeeds(this.graph, w, target);
    if (maxSeconds !== undefined) {
      const maxCost = maxSeconds * 10;
      // Every node within maxCost is settled when the search stops; the others may hold over-estimates,
      // which are all beyond maxCost: only arrivals within it are kept.
      this.backward.run(w, seeds, [], maxCost);
      return Float64Array.from(sources, (s) => {
        let best = Number.POSITIVE_INFINITY;
        for (const seed of sourceSeeds(this.graph, w, s))
          best = Math.min(best, seed.cost + this.backward.distanceOf(seed.node));
        const direct = directLeg(this.graph, w, s, target);
        if (direct) best = Math.min(best, direct.cost);
        return best <= maxCost ? best / 10 : Number.POSITIVE_INFINITY;
      });
    }
    const dist = live ? this.searchAll(this.backward, w, seeds) : this.phast.toTarget(seeds);
    return Float64Array.from(sources, (s) => {
      let best = Number.POSITIVE_INFINITY;
      for (const seed of sourceSeeds(this.graph, w, s)) best = Math.min(best, seed.cost + dist[seed.node]!);
      const direct = directLeg(this.graph, w, s, target);
      if (direct) best = Math.min(best, direct.cost);
      return best / 10;
    });
  }

  /** Travel time in seconds from one source to every target. */
  oneToMany(source: SnappedPoint, targets: readonly SnappedPoint[], state?: RoadState): Float64Array {
    const live = state && !state.isFreeFlow ? state : undefined;
    const w = live ? live.weights : this.graph.weight;
    const seeds = sourceSeeds(this.graph, w, source);
    const dist = live ? this.searchAll(this.forward, w, seeds) : this.phast.fromSource(seeds);
    return Float64Array.from(targets, (t) => {
      let best = Number.POSITIVE_INFINITY;
      for (const seed of targetSeeds(this.graph, w, t)) best = Math.min(best, dist[seed.node]! + seed.cost);
      const direct = directLeg(this.graph, w, source, t);
      if (direct) best = Math.min(best, direct.cost);
      return best / 10;
    });
  }

  /** Areas and node sets reachable from a point within each number of minutes. */
  isochrone(
    from: LngLat | SnappedPoint,
    minutes: readonly number[],
    state?: RoadState,
    cellM = 100,
  ): IsochroneResult[] {
    const snapped = Array.isArray(from) ? this.snap(from as LngLat) : (from as SnappedPoint);
    const w = state ? state.weights : this.graph.weight;
    return isochrone(this.graph, this.forward, w, snapped, minutes, cellM);
  }

  private searchAll(search: DijkstraSearch, w: Uint32Array, seeds: readonly Seed[]): Float64Array {
    search.run(w, seeds);
    const out = this.phast.dist;
    for (let v = 0; v < this.graph.nodeCount; v++) out[v] = search.distanceOf(v);
    return out;
  }

  private leg(from: SnappedPoint, to: SnappedPoint, w: Uint32Array, algorithm: RouteAlgorithm): Leg {
    const g = this.graph;
    const s = sourceSeeds(g, w, from);
    const t = targetSeeds(g, w, to);
    let leg: Leg = { cost: Number.POSITIVE_INFINITY, pieces: [] };
    if (algorithm === 'ch') {
      const r = this.chQuery.run(s, t);
      if (Number.isFinite(r.cost))
        leg = { cost: r.cost, pieces: assemble(s[r.sourceSeed]!, r.edges, t[r.targetSeed]!) };
    } else {
      const r = this.forward.run(w, s, t);
      if (r.target >= 0) {
        const target = t[r.target]!;
        const path = this.forward.pathTo(target.node);
        const source = s.find((x) => x.node === path.seedNode)!;
        leg = { cost: r.cost, pieces: assemble(source, path.edges, target) };
      }
    }
    const direct = directLeg(g, w, from, to);
    if (direct && direct.cost <= leg.cost) {
      leg = {
        cost: direct.cost,
        pieces: [{ edge: direct.edge, from: direct.fromFraction, to: direct.toFraction }],
      };
    }
    return leg;
  }
}

/** The driven pieces; a seed at a junction itself, or a zero-length stretch, adds nothing. */
function assemble(source: Seed, edges: readonly number[], target: Seed): EdgePiece[] {
  const pieces: EdgePiece[] = [];
  if (source.edge >= 0 && source.fraction < 1)
    pieces.push({ edge: source.edge, from: source.fraction, to: 1 });
  for (const edge of edges) pieces.push({ edge, from: 0, to: 1 });
  if (target.edge >= 0 && target.fraction > 0)
    pieces.push({ edge: target.edge, from: 0, to: target.fraction });
  return pieces;
}

function fmt(p: LngLat): string {
  return `${p[0].toFixed(6)},${p[1].toFixed(6)}`;
}
