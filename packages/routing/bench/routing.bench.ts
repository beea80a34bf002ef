/**
 * Routing benchmark: `npm run bench:routing -- [--pbf <file.osm.pbf>] [--pairs N] [--elevation <tile>]`.
 * Imports the extract, contracts it, then times point-to-point queries (CH, ngraph.path NBA* and our
 * Dijkstra on the same weights and pairs), many-to-one, an isochrone and graph loading. Every CH answer
 * is checked against Dijkstra. The last line is one JSON object with the figures.
 */
// biome-ignore lint/style/noRestrictedImports: a benchmark script reads its fixture; the package stays pure.
import { createReadStream, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createRng, type LngLat } from '@ronghui/geo';
import createGraph from 'ngraph.graph';
import { nba } from 'ngraph.path';
import {
  ChQuery,
  contract,
  DijkstraSearch,
  decodeGraph,
  edgeGeometry,
  encodeGraph,
  importOsmPbf,
  nodePosition,
  parseSrtm,
  RoadState,
  Router,
  type Seed,
  type SnappedPoint,
  slicePolyline,
} from '../src/index.ts';

const { values } = parseArgs({
  options: {
    pbf: { type: 'string', default: resolve(process.cwd(), '../shared/data/osm/andorra.osm.pbf') },
    pairs: { type: 'string', default: '1000' },
    elevation: { type: 'string' },
    seed: { type: 'string', default: '20261129' },
  },
});
const pairs = Number(values.pairs);
const rng = createRng(Number(values.seed));
const log = (s: string) => console.log(s);

const t0 = performance.now();
const elevation = values.elevation
  ? [parseSrtm(readFileSync(values.elevation), basename(values.elevation))]
  : [];
const { graph, stats } = await importOsmPbf(createReadStream(values.pbf), { elevation });
const importS = (performance.now() - t0) / 1000;
const bytes = encodeGraph(graph);
log(
  `import ${basename(values.pbf)}: ${stats.graphNodes} nodes, ${stats.graphEdges} edges in ${importS.toFixed(2)} s`,
);
log(`graph file ${bytes.length} bytes, ${(bytes.length / graph.edgeCount).toFixed(1)} bytes per edge`);
const loadMs = median(times(10, () => decodeGraph(bytes)));
log(`graph load ${loadMs.toFixed(1)} ms (median of 10)`);

const t1 = performance.now();
const ch = contract(graph);
const preprocessS = (performance.now() - t1) / 1000;
log(`contraction ${preprocessS.toFixed(2)} s, ${ch.shortcutCount} shortcuts`);

const router = new Router(graph, ch);
const chq = new ChQuery(ch);
const dijkstra = new DijkstraSearch(graph);
const seed = (node: number): Seed[] => [{ node, cost: 0, edge: -1, fraction: 0 }];
const pairList = Array.from({ length: pairs }, () => {
  const a = rng.int(graph.nodeCount);
  let b = rng.int(graph.nodeCount);
  while (b === a) b = rng.int(graph.nodeCount);
  return [a, b] as const;
});

// ngraph.path baseline over the same directed weights (parallel roads reduced to the faster one).
const ng = createGraph<unknown, { w: number }>();
for (let e = 0; e < graph.edgeCount; e++) {
  const u = graph.tail[e]!;
  const v = graph.head[e]!;
  const link = ng.getLink(u, v);
  if (!link) ng.addLink(u, v, { w: graph.weight[e]! });
  else if (graph.weight[e]! < link.data.w) link.data.w = graph.weight[e]!;
}
let maxSpeed = 0; // metres per decisecond: keeps the A* heuristic admissible
for (let e = 0; e < graph.edgeCount; e++) maxSpeed = Math.max(maxSpeed, graph.length[e]! / graph.weight[e]!);
const pos = Array.from({ length: graph.nodeCount }, (_, v) => nodePosition(graph, v));
const finder = nba<unknown, { w: number }>(ng, {
  oriented: true,
  distance: (_a, _b, link) => link.data.w,
  // 0.999: rounding of stored lengths must not make the heuristic overestimate.
  heuristic: (a, b) => (0.999 * straightM(pos[a.id as number]!, pos[b.id as number]!)) / maxSpeed,
});
const ngCost = (a: number, b: number) => {
  const path = finder.find(a, b).reverse();
  let c = 0;
  for (let i = 1; i < path.length; i++) c += ng.getLink(path[i - 1]!.id, path[i]!.id)!.data.w;
  return path.length === 0 && a !== b ? Number.POSITIVE_INFINITY : c;
};

// Warm up the JIT on every path before timing.
for (const [a, b] of pairList.slice(0, 200)) {
  chq.run(seed(a), seed(b));
  dijkstra.run(graph.weight, seed(a), seed(b));
  ngCost(a, b);
}

const chMs: number[] = [];
const chCost: number[] = [];
for (const [a, b] of pairList) {
  const s = performance.now();
  const r = chq.run(seed(a), seed(b), true);
  chMs.push(performance.now() - s);
  chCost.push(r.cost);
}
const djMs: number[] = [];
let mismatches = 0;
pairList.forEach(([a, b], i) => {
  const s = performance.now();
  const c = dijkstra.run(graph.weight, seed(a), seed(b)).cost;
  djMs.push(performance.now() - s);
  if (Math.abs(c - chCost[i]!) > 1) {
    mismatches++;
    if (mismatches <= 10) log(`MISMATCH ${a} → ${b}: ch ${chCost[i]} ds, dijkstra ${c} ds`);
  }
});
const ngMs: number[] = [];
let ngMismatches = 0;
pairList.forEach(([a, b], i) => {
  const s = performance.now();
  const c = ngCost(a, b);
  ngMs.push(performance.now() - s);
  if (Math.abs(c - chCost[i]!) > 1) {
    ngMismatches++;
    if (ngMismatches <= 3) log(`ngraph.path differs on ${a} → ${b}: ${c} ds against ${chCost[i]} ds`);
  }
});

// Snapped positions part-way along roads: the case the product actually asks.
const randomPoint = (): SnappedPoint => {
  const e = rng.int(graph.edgeCount);
  const [lon, lat] = slicePolyline(edgeGeometry(graph, e), 0, rng.next()).at(-1)!;
  // Up to about 10 m off the road, as a GPS fix would be.
  return router.snap([lon + 0.0001 * (rng.next() - 0.5), lat + 0.0001 * (rng.next() - 0.5)] as LngLat);
};
let snappedMismatches = 0;
for (let i = 0; i < Math.min(pairs, 1000); i++) {
  const a = randomPoint();
  const b = randomPoint();
  const c1 = router.cost(a, b, 'ch');
  const c2 = router.cost(a, b, 'dijkstra');
  if (Math.abs(c1 - c2) > 1) {
    snappedMismatches++;
    if (snappedMismatches <= 10) log(`MISMATCH snapped: ch ${c1} ds, dijkstra ${c2} ds`);
  }
}

// Many-to-one: 300 units to one incident, checked against one reverse Dijkstra.
const sources = Array.from({ length: 300 }, randomPoint);
const targets = Array.from({ length: 20 }, randomPoint);
for (const t of targets.slice(0, 5)) router.manyToOne(sources, t);
const m2oMs = median(targets.map((t) => time(() => router.manyToOne(sources, t))));
const check = router.manyToOne(sources, targets[0]!);
const closureState = new RoadState(graph);
closureState.set({ id: 'bench-noop', cause: 'other', edges: [0], speedFactor: 1 });
const checkLive = router.manyToOne(sources, targets[0]!, closureState);
const m2oMismatches = check.filter((v, i) => Math.abs(v - checkLive[i]!) > 0.1).length;

// Isochrone: 10 minutes from random starts.
const starts = Array.from({ length: 25 }, randomPoint);
for (const s of starts.slice(0, 5)) router.isochrone(s, [10]);
const isoMs = median(starts.map((s) => time(() => router.isochrone(s, [10]))));

// Live closures: close the middle of free-flow routes and re-route around them.
const state = new RoadState(graph);
const liveMs: number[] = [];
for (let i = 0; i < 50; i++) {
  const a = randomPoint();
  const b = randomPoint();
  const free = router.routeSnapped(a, b);
  const mid = free.pieces[Math.floor(free.pieces.length / 2)]!.edge;
  const twin = graph.twin[mid]!;
  state.set({ id: 'bench', cause: 'accident', edges: twin >= 0 ? [mid, twin] : [mid] });
  liveMs.push(
    time(() => {
      try {
        router.routeSnapped(a, b, { state });
      } catch {
        // The closure may cut the only way out of a dead end.
      }
    }),
  );
}

const p50 = percentile(chMs, 50);
const ngP50 = percentile(ngMs, 50);
log('');
log(`CH point-to-point       p50 ${p50.toFixed(3)} ms  p95 ${percentile(chMs, 95).toFixed(3)} ms`);
log(
  `Dijkstra (reference)    p50 ${percentile(djMs, 50).toFixed(3)} ms  p95 ${percentile(djMs, 95).toFixed(3)} ms`,
);
log(
  `ngraph.path NBA*        p50 ${ngP50.toFixed(3)} ms  p95 ${percentile(ngMs, 95).toFixed(3)} ms (${ngMismatches} cost differences)`,
);
log(`many-to-one (300)       median ${m2oMs.toFixed(2)} ms`);
log(`isochrone 10 min        median ${isoMs.toFixed(2)} ms`);
log(`route around a closure  median ${median(liveMs).toFixed(2)} ms`);
log(`mismatches: ${mismatches} node pairs, ${snappedMismatches} snapped pairs, ${m2oMismatches} many-to-one`);
log(
  JSON.stringify({
    pairs,
    p2p_p50_ms: round(p50, 4),
    p2p_p95_ms: round(percentile(chMs, 95), 4),
    dijkstra_p50_ms: round(percentile(djMs, 50), 3),
    ngraph_p50_ms: round(ngP50, 3),
    speedup_vs_ngraph: round(ngP50 / p50, 1),
    speedup_vs_dijkstra: round(percentile(djMs, 50) / p50, 1),
    many_to_one_300_ms: round(m2oMs, 3),
    isochrone_10min_ms: round(isoMs, 2),
    live_reroute_ms: round(median(liveMs), 2),
    preprocess_s: round(preprocessS, 3),
    import_s: round(importS, 2),
    load_ms: round(loadMs, 2),
    graph_bytes: bytes.length,
    bytes_per_edge: round(bytes.length / graph.edgeCount, 1),
    nodes: graph.nodeCount,
    edges: graph.edgeCount,
    mismatches: mismatches + snappedMismatches + m2oMismatches,
  }),
);

function time(f: () => unknown): number {
  const s = performance.now();
  f();
  return performance.now() - s;
}
function times(n: number, f: () => unknown): number[] {
  return Array.from({ length: n }, () => time(f));
}
function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
}
function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}
function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
function straightM(a: LngLat, b: LngLat): number {
  const k = Math.cos((a[1] * Math.PI) / 180);
  return Math.hypot((b[0] - a[0]) * k, b[1] - a[1]) * 111_195;
}
