import type { Geometry, Position } from 'geojson';

/** [west, south, east, north] in degrees. */
export type Bounds = [number, number, number, number];

function visitPositions(geometry: Geometry, visit: (p: Position) => void): void {
  switch (geometry.type) {
    case 'Point':
      visit(geometry.coordinates);
      return;
    case 'MultiPoint':
    case 'LineString':
      for (const p of geometry.coordinates) visit(p);
      return;
    case 'MultiLineString':
    case 'Polygon':
      for (const line of geometry.coordinates) for (const p of line) visit(p);
      return;
    case 'MultiPolygon':
      for (const polygon of geometry.coordinates) for (const ring of polygon) for (const p of ring) visit(p);
      return;
    case 'GeometryCollection':
      for (const g of geometry.geometries) visitPositions(g, visit);
      return;
  }
}

/** The bounding box of some geometries, or null when they hold no coordinates. */
export function boundsOf(geometries: readonly Geometry[]): Bounds | null {
  let west = Number.POSITIVE_INFINITY;
  let south = Number.POSITIVE_INFINITY;
  let east = Number.NEGATIVE_INFINITY;
  let north = Number.NEGATIVE_INFINITY;
  for (const geometry of geometries) {
    visitPositions(geometry, ([lon, lat]) => {
      if (lon === undefined || lat === undefined) return;
      west = Math.min(west, lon);
      east = Math.max(east, lon);
      south = Math.min(south, lat);
      north = Math.max(north, lat);
    });
  }
  return west <= east && south <= north ? [west, south, east, north] : null;
}

/** True when the box has no extent (a single point): fit by centring, not by bounds. */
export function isPointLike([west, south, east, north]: Bounds): boolean {
  return east - west < 1e-9 && north - south < 1e-9;
}
