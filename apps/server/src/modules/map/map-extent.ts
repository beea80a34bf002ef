import { bboxOf, centroidOf, type GeoJSON, nearestInside } from '@ronghui/geo';
import type { MapBounds } from '@ronghui/contracts';

function isAreal(geometry: unknown): geometry is GeoJSON.Areal {
  if (typeof geometry !== 'object' || geometry === null) return false;
  const g = geometry as { type?: unknown; coordinates?: unknown };
  return (g.type === 'Polygon' || g.type === 'MultiPolygon') && Array.isArray(g.coordinates);
}

/**
 * Where a county lies, from its outline (a GeoJSON Polygon or MultiPolygon in WGS-84): its bounding box
 * `[west, south, east, north]` and its centre, the area-weighted centroid (moved just inside the outline
 * when a concave shape puts it outside). Null for anything that is not an outline with coordinates.
 */
export function countyExtent(
  outline: unknown,
): { center: { lon: number; lat: number }; bounds: MapBounds } | null {
  if (!isAreal(outline)) return null;
  const [west, south, east, north] = bboxOf(outline);
  if (!(west <= east && south <= north)) return null;
  const centroid = centroidOf(outline);
  const [lon, lat] =
    Number.isFinite(centroid[0]) && Number.isFinite(centroid[1])
      ? nearestInside(centroid, outline, 1e-6)
      : [(west + east) / 2, (south + north) / 2];
  return { center: { lon, lat }, bounds: [west, south, east, north] };
}
