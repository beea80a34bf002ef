import {
  balanceClusters,
  bboxExpand,
  bboxOf,
  clipToBBox,
  type GeoJSON,
  intersectPolygons,
  kMeans,
  type LocalProjection,
  makeClustersContiguous,
  meanPoint,
  type Rng,
  unionPolygons,
  voronoiCells,
  voronoiNeighbours,
} from '@ronghui/geo';
import type { DemoVillage } from './dehua-villages.ts';
import { reassignFragments } from './grid-fragments.ts';

export interface DemoGrid {
  /** e.g. 350526-G01 */
  readonly code: string;
  /** e.g. 浔中第1警务网格 */
  readonly name: string;
  readonly townshipCode: string;
  readonly boundary: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  readonly villageCodes: string[];
  readonly population: number;
}

export interface BuildGridsInput {
  readonly tenantCode: string;
  readonly townships: readonly { readonly code: string; readonly name: string }[];
  readonly villages: readonly DemoVillage[];
  readonly boundary: GeoJSON.MultiPolygon;
  readonly projection: LocalProjection;
  readonly rng: Rng;
  readonly count: number;
}

/**
 * Grids per township: one each, then each further grid to the township with the most people per grid
 * (D'Hondt), never more grids than a township has villages.
 */
export function allocateGrids(
  townships: readonly { readonly population: number; readonly villages: number }[],
  count: number,
): number[] {
  if (count < townships.length)
    throw new RangeError(`${count} grids cannot cover ${townships.length} townships`);
  const grids = townships.map(() => 1);
  for (let given = townships.length; given < count; given++) {
    let best = -1;
    townships.forEach((t, i) => {
      if (
        grids[i]! < t.villages &&
        (best < 0 || t.population / grids[i]! > townships[best]!.population / grids[best]!)
      )
        best = i;
    });
    if (best < 0) throw new RangeError(`${count} grids exceed the number of villages`);
    grids[best]!++;
  }
  return grids;
}

/**
 * `shape ∩ county`. The outline has thousands of vertices; cutting it to the shape's box first keeps
 * the cost to the stretch of outline near the shape.
 */
export function clipToCounty(
  shape: GeoJSON.MultiPolygon,
  county: GeoJSON.MultiPolygon,
): GeoJSON.MultiPolygon {
  const box = bboxExpand(bboxOf(shape), 1e-3);
  return intersectPolygons(shape, clipToBBox(county, box));
}

const shortName = (township: string) => township.replace(/[镇乡]$/, '');

/**
 * Police grids that partition the county. Each township's villages are clustered (seeded k-means);
 * a grid is the union of its villages' Voronoi cells, clipped to the county. Building grids from
 * village cells, rather than from cells around the cluster centres, keeps every village inside its
 * own grid and every grid inside one township's list.
 */
export function buildGrids(input: BuildGridsInput): DemoGrid[] {
  const { projection, boundary } = input;
  const byTownship = input.townships.map((t) => ({
    township: t,
    villages: input.villages.filter((v) => v.townshipCode === t.code),
  }));
  const counts = allocateGrids(
    byTownship.map(({ villages }) => ({
      population: villages.reduce((s, v) => s + v.population, 0),
      villages: villages.length,
    })),
    input.count,
  );

  const index = new Map(input.villages.map((v, i) => [v.code, i]));
  const box = bboxOf(boundary);
  const [x0, y0] = projection.toXY([box[0], box[1]]);
  const [x1, y1] = projection.toXY([box[2], box[3]]);
  const sitesXY = input.villages.map((v) => projection.toXY(v.position));
  const bounds = bboxExpand([x0, y0, x1, y1], 2_000);
  const cellsXY = voronoiCells(sitesXY, bounds);
  const neighbours = voronoiNeighbours(sitesXY, bounds);
  const cellOf = (code: string): GeoJSON.Polygon => ({
    type: 'Polygon',
    coordinates: [cellsXY[index.get(code)!]!.map((xy) => projection.toLngLat(xy))],
  });

  const drafts: (Omit<DemoGrid, 'boundary'> & { shape: GeoJSON.MultiPolygon })[] = [];
  byTownship.forEach(({ township, villages }, t) => {
    // Weighted by population, then evened out, so that grids have similar numbers of people: small
    // in the crowded county town, large in the hills.
    const xy = villages.map((v) => projection.toXY(v.position));
    const weights = villages.map((v) => v.population);
    const seeds = kMeans(xy, counts[t]!, input.rng, { weights });
    const balanced = balanceClusters(xy, weights, seeds.centers);
    // Evening out can strand a village among another grid's; such pieces rejoin a neighbouring grid.
    const local = new Map(villages.map((v, i) => [index.get(v.code)!, i]));
    const localNeighbours = villages.map((v) =>
      neighbours[index.get(v.code)!]!.flatMap((g) => (local.has(g) ? [local.get(g)!] : [])),
    );
    const assignment = makeClustersContiguous(balanced.assignment, localNeighbours, weights);
    const clusters = [...new Set(assignment)];
    // Number a township's grids from north to south, then west to east.
    const order = clusters
      .map((i) => ({ c: meanPoint(xy.filter((_, v) => assignment[v] === i)), i }))
      .sort((a, b) => b.c[1] - a.c[1] || a.c[0] - b.c[0])
      .map(({ i }) => i);
    order.forEach((cluster, n) => {
      const members = villages.filter((_, i) => assignment[i] === cluster);
      const [first, ...rest] = members.map((v) => cellOf(v.code));
      drafts.push({
        code: `${input.tenantCode}-G${String(drafts.length + 1).padStart(2, '0')}`,
        name: `${shortName(township.name)}第${n + 1}警务网格`,
        townshipCode: township.code,
        shape: clipToCounty(unionPolygons(first!, ...rest), boundary),
        villageCodes: members.map((v) => v.code),
        population: members.reduce((s, v) => s + v.population, 0),
      });
    });
  });

  const positionOf = new Map(input.villages.map((v) => [v.code, v.position]));
  const shapes = reassignFragments(
    drafts.map((d) => ({ shape: d.shape, villages: d.villageCodes.map((c) => positionOf.get(c)!) })),
  );
  return drafts.map(({ shape: _shape, ...d }, i) => {
    const shape = shapes[i]!;
    const [only, ...more] = shape.coordinates;
    const boundary = more.length === 0 && only ? ({ type: 'Polygon', coordinates: only } as const) : shape;
    return { ...d, boundary };
  });
}
