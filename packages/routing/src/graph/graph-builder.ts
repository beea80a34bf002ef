import { COORD_SCALE, finishGraph, type RoadGraph } from './road-graph.ts';
import { stronglyConnected } from './strongly-connected.ts';

/** One road piece between two graph nodes, as both importers describe it. */
export interface RoadPiece {
  readonly from: number;
  readonly to: number;
  /** Intermediate shape points as flat [lon, lat, lon, lat, …] in degrees. */
  readonly shape: readonly number[];
  readonly lengthM: number;
  /** Travel time along the shape in seconds, or null when that direction is not allowed. */
  readonly forwardS: number | null;
  readonly backwardS: number | null;
  readonly roadClass: number;
  readonly name: string | null;
}

/**
 * Collects nodes and road pieces, then keeps the largest strongly connected component (so every
 * position snapped to the graph can reach every other) and packs the result into CSR arrays.
 */
export class GraphBuilder {
  private readonly lon: number[] = [];
  private readonly lat: number[] = [];
  private readonly pieces: RoadPiece[] = [];

  addNode(lon: number, lat: number): number {
    this.lon.push(lon);
    this.lat.push(lat);
    return this.lon.length - 1;
  }

  get nodeCount(): number {
    return this.lon.length;
  }

  addPiece(piece: RoadPiece): void {
    if (piece.forwardS === null && piece.backwardS === null) return;
    if (piece.from !== piece.to) {
      this.pieces.push(piece);
      return;
    }
    // A closed loop would be a self-loop edge that no route uses: split it at its middle shape point.
    const points = piece.shape.length / 2;
    if (points < 1) return;
    const mid = Math.floor(points / 2);
    const midNode = this.addNode(piece.shape[2 * mid]!, piece.shape[2 * mid + 1]!);
    const ratio = (mid + 1) / (points + 1);
    const scale = (v: number | null, f: number) => (v === null ? null : v * f);
    this.pieces.push({
      ...piece,
      to: midNode,
      shape: piece.shape.slice(0, 2 * mid),
      lengthM: piece.lengthM * ratio,
      forwardS: scale(piece.forwardS, ratio),
      backwardS: scale(piece.backwardS, ratio),
    });
    this.pieces.push({
      ...piece,
      from: midNode,
      shape: piece.shape.slice(2 * mid + 2),
      lengthM: piece.lengthM * (1 - ratio),
      forwardS: scale(piece.forwardS, 1 - ratio),
      backwardS: scale(piece.backwardS, 1 - ratio),
    });
  }

  build(): RoadGraph {
    const n = this.lon.length;
    const tails: number[] = [];
    const heads: number[] = [];
    const seconds: number[] = [];
    const pieceOf: number[] = [];
    this.pieces.forEach((p, i) => {
      if (p.forwardS !== null) {
        tails.push(p.from);
        heads.push(p.to);
        seconds.push(p.forwardS);
        pieceOf.push(i);
      }
      if (p.backwardS !== null) {
        tails.push(p.to);
        heads.push(p.from);
        seconds.push(p.backwardS);
        pieceOf.push(~i);
      }
    });
    const all = toCsr(n, tails, heads);
    const { component, largest } = stronglyConnected(n, all.firstOut, all.head);

    const newId = new Int32Array(n).fill(-1);
    let kept = 0;
    for (let u = 0; u < n; u++) if (largest >= 0 && component[u] === largest) newId[u] = kept++;
    const nodeLon = new Int32Array(kept);
    const nodeLat = new Int32Array(kept);
    for (let u = 0; u < n; u++) {
      const id = newId[u]!;
      if (id < 0) continue;
      nodeLon[id] = Math.round(this.lon[u]! * COORD_SCALE);
      nodeLat[id] = Math.round(this.lat[u]! * COORD_SCALE);
    }

    const segId = new Int32Array(this.pieces.length).fill(-1);
    const segPieces: number[] = [];
    const keptEdges: number[] = [];
    for (let e = 0; e < tails.length; e++) {
      if (newId[tails[e]!]! < 0 || newId[heads[e]!]! < 0) continue;
      keptEdges.push(e);
      const p = pieceOf[e]!;
      const pi = p >= 0 ? p : ~p;
      if (segId[pi]! < 0) {
        segId[pi] = segPieces.length;
        segPieces.push(pi);
      }
    }

    const names = new Map<string, number>();
    const segStart = new Uint32Array(segPieces.length + 1);
    const segName = new Int32Array(segPieces.length);
    let coordCount = 0;
    segPieces.forEach((pi, s) => {
      segStart[s] = coordCount;
      coordCount += this.pieces[pi]!.shape.length / 2;
    });
    segStart[segPieces.length] = coordCount;
    const segCoords = new Int32Array(coordCount * 2);
    segPieces.forEach((pi, s) => {
      const piece = this.pieces[pi]!;
      const base = segStart[s]! * 2;
      for (let i = 0; i < piece.shape.length; i++)
        segCoords[base + i] = Math.round(piece.shape[i]! * COORD_SCALE);
      if (piece.name === null) segName[s] = -1;
      else {
        let id = names.get(piece.name);
        if (id === undefined) {
          id = names.size;
          names.set(piece.name, id);
        }
        segName[s] = id;
      }
    });

    const m = keptEdges.length;
    const csr = toCsr(
      kept,
      keptEdges.map((e) => newId[tails[e]!]!),
      keptEdges.map((e) => newId[heads[e]!]!),
    );
    const weight = new Uint32Array(m);
    const length = new Float32Array(m);
    const roadClass = new Uint8Array(m);
    const segment = new Int32Array(m);
    for (let i = 0; i < m; i++) {
      const slot = csr.slotOf[i]!;
      const e = keptEdges[i]!;
      const p = pieceOf[e]!;
      const piece = this.pieces[p >= 0 ? p : ~p]!;
      weight[slot] = Math.max(1, Math.round(seconds[e]! * 10));
      length[slot] = piece.lengthM;
      roadClass[slot] = piece.roadClass;
      segment[slot] = p >= 0 ? segId[p]! : ~segId[~p]!;
    }
    return finishGraph({
      nodeCount: kept,
      edgeCount: m,
      nodeLon,
      nodeLat,
      firstOut: csr.firstOut,
      head: csr.head,
      weight,
      length,
      roadClass,
      segment,
      segStart,
      segCoords,
      segName,
      names: [...names.keys()],
    });
  }
}

/** Counting sort of edges by tail: `slotOf[i]` is where input edge i lands. */
function toCsr(n: number, tails: readonly number[], heads: readonly number[]) {
  const firstOut = new Uint32Array(n + 1);
  for (const t of tails) firstOut[t + 1]!++;
  for (let u = 0; u < n; u++) firstOut[u + 1]! += firstOut[u]!;
  const fill = firstOut.slice(0, n);
  const head = new Uint32Array(tails.length);
  const slotOf = new Uint32Array(tails.length);
  for (let i = 0; i < tails.length; i++) {
    const slot = fill[tails[i]!]!++;
    head[slot] = heads[i]!;
    slotOf[i] = slot;
  }
  return { firstOut, head, slotOf };
}
