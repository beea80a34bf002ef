import {
  createLocalProjection,
  createRng,
  type GeoJSON,
  type LngLat,
  type LocalProjection,
  nearestInside,
  pointInPolygon,
  type Rng,
} from '@ronghui/geo';
import { GraphBuilder } from '../graph/graph-builder.ts';
import { type RoadClass, type RoadGraph, roadClassCode } from '../graph/road-graph.ts';
import { meander, polylineLength, type XY } from './meander.ts';

export interface CountyNetworkInput {
  /** County outline, WGS-84. */
  readonly boundary: GeoJSON.Areal;
  readonly countyTown: LngLat;
  readonly townships: readonly { readonly code: string; readonly name: string; readonly position: LngLat }[];
  readonly villages: readonly {
    readonly code: string;
    readonly name: string;
    readonly townshipCode: string;
    readonly position: LngLat;
  }[];
}

export interface CountyNetworkOptions {
  /** Side of the county-town street grid in metres. */
  readonly townSizeM?: number;
  readonly townBlockM?: number;
}

/** One generated road, for display and for checking that the network looks like a real one. */
export interface SyntheticRoad {
  readonly name: string;
  readonly roadClass: RoadClass;
  readonly speedKmh: number;
  readonly lengthM: number;
  readonly straightM: number;
}

export interface CountyNetwork {
  readonly graph: RoadGraph;
  readonly roads: readonly SyntheticRoad[];
}

/** Free-flow speeds of the generated roads: town streets 30–40 km/h, mountain roads 30–60 km/h. */
export const SYNTHETIC_SPEEDS: Readonly<
  Record<'street' | 'avenue' | 'trunk' | 'primary' | 'secondary' | 'village', number>
> = {
  street: 30,
  avenue: 40,
  trunk: 60,
  primary: 50,
  secondary: 40,
  village: 30,
};

const EW = [
  '浔中',
  '龙津',
  '瓷都',
  '凤山',
  '宝美',
  '丁墘',
  '土坂',
  '东埔',
  '城东',
  '城南',
  '北环',
  '南环',
  '塔雅',
  '隆泰',
];
const NS = [
  '兴业',
  '建设',
  '人民',
  '解放',
  '金山',
  '团结',
  '唐寨',
  '祥光',
  '东岭',
  '西门',
  '三班',
  '植物',
  '环城',
  '新华',
];
/** Pieces are cut at graph nodes about this far apart, so later roads can join mid-way. */
const PIECE_M = 900;

/**
 * A plausible road network for a county with no offline map data: a county-town street grid, a
 * trunk and provincial network joining township seats to the town (minimum spanning tree plus a few
 * redundant links where the tree makes long detours), and a winding village road to every village
 * from its township seat or the nearest road. Deterministic for a seed; every road stays inside the
 * outline; all roads are two-way, so the network is strongly connected.
 */
export function generateCountyNetwork(
  input: CountyNetworkInput,
  seed: number,
  options: CountyNetworkOptions = {},
): CountyNetwork {
  const rng = createRng(seed);
  const proj = createLocalProjection(input.countyTown);
  const net = new Network(input.boundary, proj, rng);
  const townSize = options.townSizeM ?? 3000;
  const block = options.townBlockM ?? 300;

  const town = net.townGrid(townSize, block);
  if (town.all.length === 0) throw new RangeError('the county town lies outside the county outline');

  // Township seats: inside the town square they are town junctions; elsewhere their own node.
  const half = townSize / 2 + block;
  const seatNode = new Map<string, number>();
  const hubs: { node: number; xy: XY; code: string | null }[] = [
    { node: town.centre, xy: [0, 0], code: null },
  ];
  for (const t of input.townships) {
    const xy = net.inside(proj.toXY(t.position));
    if (Math.abs(xy[0]) <= half && Math.abs(xy[1]) <= half) {
      seatNode.set(t.code, net.nearestOf(town.all, xy));
      continue;
    }
    const node = net.addNode(xy);
    seatNode.set(t.code, node);
    hubs.push({ node, xy, code: t.code });
  }

  // Minimum spanning tree over the hubs (Prim), then redundant links where the tree detours most.
  const n = hubs.length;
  const dist = (i: number, j: number) =>
    Math.hypot(hubs[i]!.xy[0] - hubs[j]!.xy[0], hubs[i]!.xy[1] - hubs[j]!.xy[1]);
  const inTree = new Uint8Array(n);
  const best = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const parent = new Int32Array(n).fill(-1);
  const treeEdges: [number, number][] = [];
  best[0] = 0;
  for (let k = 0; k < n; k++) {
    let u = -1;
    for (let i = 0; i < n; i++) if (!inTree[i] && (u < 0 || best[i]! < best[u]!)) u = i;
    inTree[u] = 1;
    if (parent[u]! >= 0) treeEdges.push([parent[u]!, u]);
    for (let v = 0; v < n; v++) {
      if (!inTree[v] && dist(u, v) < best[v]!) {
        best[v] = dist(u, v);
        parent[v] = u;
      }
    }
  }
  const extra = redundantLinks(n, treeEdges, dist);

  let trunkNo = 0;
  let provNo = 0;
  let countyNo = 0;
  const hubNode = (i: number, toward: XY) =>
    i === 0 ? net.nearestOf(town.perimeter, toward) : hubs[i]!.node;
  for (const [i, j] of treeEdges) {
    const a = hubNode(i, hubs[j]!.xy);
    const b = hubNode(j, hubs[i]!.xy);
    if (i === 0 || j === 0) net.road(a, b, 'trunk', SYNTHETIC_SPEEDS.trunk, `国道G${356 + 2 * trunkNo++}`);
    else net.road(a, b, 'primary', SYNTHETIC_SPEEDS.primary, `省道S${212 + provNo++}`);
  }
  for (const [i, j] of extra) {
    net.road(
      hubNode(i, hubs[j]!.xy),
      hubNode(j, hubs[i]!.xy),
      'secondary',
      SYNTHETIC_SPEEDS.secondary,
      `县道X${301 + countyNo++}`,
    );
  }

  // Villages, nearest to their seat first, so that roads grow outward like real branch roads.
  const villages = input.villages
    .map((v) => ({ ...v, xy: net.inside(proj.toXY(v.position)) }))
    .map((v) => {
      const s = seatNode.get(v.townshipCode);
      const d = s === undefined ? 0 : Math.hypot(v.xy[0] - net.xy(s)[0], v.xy[1] - net.xy(s)[1]);
      return { ...v, seat: s, d };
    })
    .sort((a, b) => a.d - b.d || (a.code < b.code ? -1 : 1));
  for (const v of villages) {
    const nearest = net.nearestOf(net.allNodes(), v.xy);
    const dn = Math.hypot(v.xy[0] - net.xy(nearest)[0], v.xy[1] - net.xy(nearest)[1]);
    if (dn < 60) continue; // already on a road: the village uses it
    const target = v.seat !== undefined && v.d < dn * 1.25 ? v.seat : nearest;
    const node = net.addNode(v.xy);
    net.road(target, node, 'unclassified', SYNTHETIC_SPEEDS.village, `通${v.name}公路`);
  }

  return { graph: net.build(), roads: net.roads };
}

/** Non-tree links among each hub's three nearest, where the tree path is ≥ 1.6× the straight line. */
function redundantLinks(
  n: number,
  tree: readonly [number, number][],
  dist: (i: number, j: number) => number,
): [number, number][] {
  const adj: number[][] = Array.from({ length: n }, () => []);
  for (const [i, j] of tree) {
    adj[i]!.push(j);
    adj[j]!.push(i);
  }
  const treeDist = (from: number): Float64Array => {
    const d = new Float64Array(n).fill(-1);
    d[from] = 0;
    const stack = [from];
    while (stack.length > 0) {
      const u = stack.pop()!;
      for (const v of adj[u]!) {
        if (d[v]! < 0) {
          d[v] = d[u]! + dist(u, v);
          stack.push(v);
        }
      }
    }
    return d;
  };
  const candidates: { i: number; j: number; detour: number }[] = [];
  for (let i = 0; i < n; i++) {
    const td = treeDist(i);
    const near = [...Array(n).keys()]
      .filter((j) => j !== i)
      .sort((a, b) => dist(i, a) - dist(i, b))
      .slice(0, 3);
    for (const j of near) {
      if (j < i && near.includes(j)) continue;
      const detour = td[j]! / dist(i, j);
      if (detour >= 1.6) candidates.push({ i, j, detour });
    }
  }
  candidates.sort((a, b) => b.detour - a.detour || a.i - b.i || a.j - b.j);
  const seen = new Set<string>();
  const out: [number, number][] = [];
  for (const c of candidates) {
    const key = c.i < c.j ? `${c.i}-${c.j}` : `${c.j}-${c.i}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push([c.i, c.j]);
    if (out.length >= Math.max(1, Math.ceil(n / 4))) break;
  }
  return out;
}

/** Nodes and roads under construction, in local metres around the county town. */
class Network {
  private readonly builder = new GraphBuilder();
  private readonly nodes: XY[] = [];
  readonly roads: SyntheticRoad[] = [];

  constructor(
    private readonly boundary: GeoJSON.Areal,
    private readonly proj: LocalProjection,
    private readonly rng: Rng,
  ) {}

  isInside(xy: XY): boolean {
    return pointInPolygon(this.proj.toLngLat(xy), this.boundary);
  }

  /** The point itself, or the nearest point just inside the outline. */
  inside(xy: XY): XY {
    if (this.isInside(xy)) return xy;
    return this.proj.toXY(nearestInside(this.proj.toLngLat(xy), this.boundary, 2e-4) as LngLat);
  }

  addNode(xy: XY): number {
    this.nodes.push(xy);
    return this.builder.addNode(...(this.proj.toLngLat(xy) as [number, number]));
  }

  xy(node: number): XY {
    return this.nodes[node]!;
  }

  allNodes(): number[] {
    return [...this.nodes.keys()];
  }

  nearestOf(candidates: readonly number[], p: XY): number {
    let best = candidates[0]!;
    let bestD = Number.POSITIVE_INFINITY;
    for (const c of candidates) {
      const d = Math.hypot(this.nodes[c]![0] - p[0], this.nodes[c]![1] - p[1]);
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    return best;
  }

  /** A jittered street grid centred on the town; junctions outside the outline are left out. */
  townGrid(size: number, block: number): { all: number[]; perimeter: number[]; centre: number } {
    const k = Math.max(1, Math.round(size / block));
    const mid = Math.floor(k / 2);
    const id: number[][] = [];
    const all: number[] = [];
    const perimeter: number[] = [];
    for (let i = 0; i <= k; i++) {
      id[i] = [];
      for (let j = 0; j <= k; j++) {
        const jitter = () => (this.rng.next() - 0.5) * 0.2 * block;
        const xy: XY = [(i - k / 2) * block + jitter(), (j - k / 2) * block + jitter()];
        if (!this.isInside(xy)) {
          id[i]![j] = -1;
          continue;
        }
        const node = this.addNode(i === mid && j === mid ? [0, 0] : xy);
        id[i]![j] = node;
        all.push(node);
        if (i === 0 || j === 0 || i === k || j === k) perimeter.push(node);
      }
    }
    for (let i = 0; i <= k; i++) {
      for (let j = 0; j <= k; j++) {
        const a = id[i]![j]!;
        if (a < 0) continue;
        const east = i < k ? id[i + 1]![j]! : -1;
        const north = j < k ? id[i]![j + 1]! : -1;
        // Two avenues cross at the centre; the rest are ordinary streets.
        if (east >= 0) {
          const avenue = j === mid;
          const name = avenue ? '瓷都大道' : `${EW[j % EW.length]}路`;
          this.straight(
            a,
            east,
            avenue ? 'tertiary' : 'residential',
            avenue ? SYNTHETIC_SPEEDS.avenue : SYNTHETIC_SPEEDS.street,
            name,
          );
        }
        if (north >= 0) {
          const avenue = i === mid;
          const name = avenue ? '城关大道' : `${NS[i % NS.length]}街`;
          this.straight(
            a,
            north,
            avenue ? 'tertiary' : 'residential',
            avenue ? SYNTHETIC_SPEEDS.avenue : SYNTHETIC_SPEEDS.street,
            name,
          );
        }
      }
    }
    const centre = id[mid]![mid]! >= 0 ? id[mid]![mid]! : all[0]!;
    return { all, perimeter: perimeter.length > 0 ? perimeter : all, centre };
  }

  private straight(a: number, b: number, roadClass: RoadClass, speedKmh: number, name: string): void {
    this.pieces(a, b, [this.xy(a), this.xy(b)], roadClass, speedKmh, name);
  }

  /** A winding two-way road from node a to node b, 1.2–1.6× the straight distance, kept inside. */
  road(a: number, b: number, roadClass: RoadClass, speedKmh: number, name: string): void {
    if (a === b) return;
    const target = 1.2 + 0.4 * this.rng.next();
    let ratio = target;
    let pts = meander(this.xy(a), this.xy(b), ratio, this.rng);
    for (let tries = 0; tries < 4 && pts.some((p) => !this.isInside(p)); tries++) {
      ratio = 1 + (ratio - 1) * 0.7;
      pts = meander(this.xy(a), this.xy(b), ratio, this.rng);
    }
    pts = pts.map((p, i) => (i === 0 || i === pts.length - 1 ? p : this.inside(p)));
    this.pieces(a, b, pts, roadClass, speedKmh, name);
  }

  /** Cut a polyline into graph pieces about PIECE_M long, adding junction nodes at the cuts. */
  private pieces(
    a: number,
    b: number,
    pts: readonly XY[],
    roadClass: RoadClass,
    speedKmh: number,
    name: string,
  ): void {
    const lengthM = polylineLength(pts);
    this.roads.push({
      name,
      roadClass,
      speedKmh,
      lengthM,
      straightM: Math.hypot(pts.at(-1)![0] - pts[0]![0], pts.at(-1)![1] - pts[0]![1]),
    });
    const ms = speedKmh / 3.6;
    let from = a;
    let shape: number[] = [];
    let len = 0;
    let done = 0;
    for (let i = 1; i < pts.length; i++) {
      len += Math.hypot(pts[i]![0] - pts[i - 1]![0], pts[i]![1] - pts[i - 1]![1]);
      const last = i === pts.length - 1;
      if (!last && (len < PIECE_M || lengthM - done - len < PIECE_M * 0.5)) {
        const [lon, lat] = this.proj.toLngLat(pts[i]!);
        shape.push(lon, lat);
        continue;
      }
      const to = last ? b : this.addNode(pts[i]!);
      this.builder.addPiece({
        from,
        to,
        shape,
        lengthM: len,
        forwardS: len / ms,
        backwardS: len / ms,
        roadClass: roadClassCode(roadClass),
        name,
      });
      from = to;
      shape = [];
      done += len;
      len = 0;
    }
  }

  build(): RoadGraph {
    return this.builder.build();
  }
}
