import { GraphBuilder } from '../graph/graph-builder.ts';
import { type RoadGraph, roadClassCode } from '../graph/road-graph.ts';

/** Hand-made graphs for tests. Positions near Dehua; one degree of latitude ≈ 111.2 km. */
export const ORIGIN: readonly [number, number] = [118.24, 25.49];
const M_PER_DEG_LAT = 111_195;
const M_PER_DEG_LON = M_PER_DEG_LAT * Math.cos((ORIGIN[1] * Math.PI) / 180);

/** Position `x` metres east and `y` metres north of ORIGIN. */
export function at(x: number, y: number): [number, number] {
  return [ORIGIN[0] + x / M_PER_DEG_LON, ORIGIN[1] + y / M_PER_DEG_LAT];
}

export interface StreetSpec {
  readonly from: number;
  readonly to: number;
  /** Seconds each way; null forbids that direction. */
  readonly forwardS: number | null;
  readonly backwardS?: number | null;
  readonly name?: string;
}

/** Nodes at the given metre offsets, streets straight between them. */
export function streets(
  points: readonly (readonly [number, number])[],
  specs: readonly StreetSpec[],
): RoadGraph {
  const b = new GraphBuilder();
  for (const [x, y] of points) b.addNode(...at(x, y));
  for (const s of specs) {
    const [x0, y0] = points[s.from]!;
    const [x1, y1] = points[s.to]!;
    b.addPiece({
      from: s.from,
      to: s.to,
      shape: [],
      lengthM: Math.hypot(x1 - x0, y1 - y0),
      forwardS: s.forwardS,
      backwardS: s.backwardS === undefined ? s.forwardS : s.backwardS,
      roadClass: roadClassCode('residential'),
      name: s.name ?? null,
    });
  }
  return b.build();
}

/** A cols × rows street grid, `spacing` metres apart, every street two-way at `speedKmh`. */
export function gridGraph(cols: number, rows: number, spacing = 100, speedKmh = 36): RoadGraph {
  const points: [number, number][] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) points.push([c * spacing, r * spacing]);
  const s = spacing / (speedKmh / 3.6);
  const specs: StreetSpec[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const id = r * cols + c;
      if (c + 1 < cols) specs.push({ from: id, to: id + 1, forwardS: s });
      if (r + 1 < rows) specs.push({ from: id, to: id + cols, forwardS: s });
    }
  }
  return streets(points, specs);
}
