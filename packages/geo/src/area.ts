import type { Brand } from './units.ts';
import { EARTH_RADIUS_M } from './lnglat.ts';
import { type Areal, polygonsOf, type Ring } from './geojson.ts';

export type SquareMeters = Brand<number, 'SquareMeters'>;

const RAD = Math.PI / 180;

/**
 * Signed area of a lon/lat ring on the sphere, in m² (positive when counter-clockwise). The
 * Chamberlain–Duquette formula (JPL, 2007), the integral of sin(lat) dlon along the edges:
 * exact for edges along parallels and meridians; a ring must not cross the antimeridian.
 */
export function ringAreaSigned(ring: Ring): number {
  const n = ring.length;
  if (n < 3) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const [lon1, lat1] = ring[i]!;
    const [lon2, lat2] = ring[(i + 1) % n]!;
    sum += (lon1 - lon2) * RAD * (Math.sin(lat1 * RAD) + Math.sin(lat2 * RAD));
  }
  return (sum * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2;
}

/** Area of a Polygon or MultiPolygon in m², holes subtracted, whatever the winding. */
export function geometryArea(geometry: Areal): SquareMeters {
  let total = 0;
  for (const [outer, ...holes] of polygonsOf(geometry)) {
    if (!outer) continue;
    total += Math.abs(ringAreaSigned(outer));
    for (const h of holes) total -= Math.abs(ringAreaSigned(h));
  }
  return total as SquareMeters;
}

/** Signed planar area (shoelace) of a ring in its own units², positive when counter-clockwise. */
export function planarRingArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  }
  return sum / 2;
}
