/** Mean Earth radius (m), as used for local equirectangular projections. */
const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

export interface LocalProjection {
  readonly lon0: number;
  readonly lat0: number;
  toXY(lon: number, lat: number): { x: number; y: number };
  toLonLat(x: number, y: number): { lon: number; lat: number };
}

/**
 * Equirectangular projection about (lon0, lat0): within a county (tens of km) the distance error is
 * well under 1%, which is far below the precision of a recorded crime location.
 */
export function equirectangular(lon0: number, lat0: number): LocalProjection {
  const kx = EARTH_RADIUS_M * Math.cos(lat0 * RAD) * RAD;
  const ky = EARTH_RADIUS_M * RAD;
  return {
    lon0,
    lat0,
    toXY: (lon, lat) => ({ x: (lon - lon0) * kx, y: (lat - lat0) * ky }),
    toLonLat: (x, y) => ({ lon: lon0 + x / kx, lat: lat0 + y / ky }),
  };
}

/** Projection about the centroid (mean lon/lat) of the given points. */
export function projectionAboutCentroid(points: readonly { lon: number; lat: number }[]): LocalProjection {
  let lon = 0;
  let lat = 0;
  for (const p of points) {
    lon += p.lon;
    lat += p.lat;
  }
  const n = Math.max(points.length, 1);
  return equirectangular(lon / n, lat / n);
}
