import type { Meters } from './units.ts';

/** A WGS-84 position: [longitude, latitude] in degrees (GeoJSON order). */
export type LngLat = readonly [lon: number, lat: number] & { readonly __datum?: 'WGS84' };
/** A position in the GCJ-02 datum used by Chinese web maps; convert before mixing with WGS-84 data. */
export type GcjLngLat = readonly [lon: number, lat: number] & { readonly __datum: 'GCJ02' };

export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

export function lngLat(lon: number, lat: number): LngLat {
  if (!Number.isFinite(lon) || lon < -180 || lon > 180)
    throw new RangeError(`longitude out of range: ${lon}`);
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw new RangeError(`latitude out of range: ${lat}`);
  return [lon, lat] as LngLat;
}

/** Great-circle distance (haversine). */
export function haversine(a: LngLat, b: LngLat): Meters {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return (2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)))) as Meters;
}
