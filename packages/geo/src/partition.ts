import { bboxOf } from './bbox.ts';
import { intersectPolygons } from './clip.ts';
import type { Areal, MultiPolygon, Position } from './geojson.ts';
import { kMeans } from './kmeans.ts';
import type { LocalProjection } from './local-projection.ts';
import { pointInPolygon } from './point-in-polygon.ts';
import type { Rng } from './rng.ts';
import { voronoiCells } from './voronoi.ts';

const EMPTY: MultiPolygon = { type: 'MultiPolygon', coordinates: [] };

/**
 * Splits `area` among `sites` (lon/lat): each site gets the part of the area nearer to it than to any
 * other site (its Voronoi cell, computed in the projection's metres, clipped to the area). The pieces
 * cover the area without overlapping; a site repeated, or whose cell misses the area, gets an empty
 * MultiPolygon.
 */
export function partitionBySites(
  area: Areal,
  sites: readonly Position[],
  projection: LocalProjection,
): MultiPolygon[] {
  if (sites.length === 0) return [];
  if (sites.length === 1) return [intersectPolygons(area)];
  const xy = sites.map((s) => projection.toXY(s) as Position);
  const areaXY = bboxOf(area);
  const corners = [projection.toXY([areaXY[0], areaXY[1]]), projection.toXY([areaXY[2], areaXY[3]])] as const;
  const xs = [...xy.map((p) => p[0]), corners[0][0], corners[1][0]];
  const ys = [...xy.map((p) => p[1]), corners[0][1], corners[1][1]];
  const margin = 1_000;
  const bounds = [
    Math.min(...xs) - margin,
    Math.min(...ys) - margin,
    Math.max(...xs) + margin,
    Math.max(...ys) + margin,
  ] as const;
  return voronoiCells(xy, bounds).map((cell) => {
    if (cell.length < 4) return EMPTY;
    const ring = cell.map((p) => projection.toLngLat(p) as Position);
    return intersectPolygons(area, { type: 'Polygon', coordinates: [ring] });
  });
}

/**
 * Splits `area` into `parts` pieces of similar size: a lattice of about `samples` points inside the area
 * is clustered (seeded k-means) and the area is partitioned among the cluster centres. Fewer pieces come
 * back only when the area is too small for the lattice to hold `parts` points.
 */
export function splitArea(
  area: Areal,
  parts: number,
  projection: LocalProjection,
  rng: Rng,
  samples = 400,
): MultiPolygon[] {
  if (!Number.isInteger(parts) || parts < 1)
    throw new RangeError(`parts must be a positive integer, got ${parts}`);
  const whole = intersectPolygons(area);
  if (parts === 1) return [whole];
  const box = bboxOf(area);
  const [x0, y0] = projection.toXY([box[0], box[1]]);
  const [x1, y1] = projection.toXY([box[2], box[3]]);
  const step = Math.sqrt(((x1 - x0) * (y1 - y0)) / samples) || 1;
  const inside: Position[] = [];
  for (let x = x0 + step / 2; x < x1; x += step)
    for (let y = y0 + step / 2; y < y1; y += step) {
      const p = projection.toLngLat([x, y]) as Position;
      if (pointInPolygon(p, area)) inside.push([x, y]);
    }
  if (inside.length < parts) return [whole];
  const { centers } = kMeans(inside, parts, rng);
  return partitionBySites(
    area,
    centers.map((c) => projection.toLngLat(c) as Position),
    projection,
  ).filter((piece) => piece.coordinates.length > 0);
}
