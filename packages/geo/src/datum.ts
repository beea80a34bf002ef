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

/**
 * gcoord's inverse is approximate (errors up to about 10 cm); a few fixed-point steps against the
 * forward transform make it exact to about a millimetre, so that converting back and forth is stable.
 */
export function gcjToWgs(p: GcjLngLat): LngLat {
  let [lon, lat] = gcoord.transform([p[0], p[1]], gcoord.GCJ02, gcoord.WGS84);
  for (let i = 0; i < 5; i++) {
    const [gLon, gLat] = gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02);
    const dLon = gLon - p[0];
    const dLat = gLat - p[1];
    lon -= dLon;
    lat -= dLat;
    if (Math.abs(dLon) < 1e-9 && Math.abs(dLat) < 1e-9) break;
  }
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
