import gcoord from 'gcoord';
import type { GcjLngLat, LngLat } from './lnglat.ts';
import type { MultiPolygon, Position, Ring } from './geojson.ts';

/**
 * GCJ-02 (the datum of Chinese web maps: AMap, Tencent, the echarts map data) ↔ WGS-84 (GPS, OSM).
 * The offset is 100–700 m and varies smoothly; mixing the two puts a unit on the wrong street.
 * Outside mainland China both datums coincide, and gcoord returns the input unchanged.
 */

export function gcjLngLat(lon: number, lat: number): GcjLngLat {
  return [lon, lat] as unknown as GcjLngLat;
}

export function gcjToWgs(p: GcjLngLat): LngLat {
  const [lon, lat] = gcoord.transform([p[0], p[1]], gcoord.GCJ02, gcoord.WGS84);
  return [lon, lat] as LngLat;
}

export function wgsToGcj(p: LngLat): GcjLngLat {
  const [lon, lat] = gcoord.transform([p[0], p[1]], gcoord.WGS84, gcoord.GCJ02);
  return [lon, lat] as unknown as GcjLngLat;
}

const convertRing = (ring: Ring, f: (p: Position) => Position): Ring => ring.map(f);

/** Converts every vertex of a MultiPolygon whose coordinates are GCJ-02 to WGS-84. */
export function multiPolygonGcjToWgs(geometry: MultiPolygon): MultiPolygon {
  const f = (p: Position): Position => gcjToWgs(gcjLngLat(p[0], p[1]));
  return {
    type: 'MultiPolygon',
    coordinates: geometry.coordinates.map((poly) => poly.map((r) => convertRing(r, f))),
  };
}
