import type { Feature, Geometry } from 'geojson';
import type { OrgFeatureProperties } from '@ronghui/contracts';

export interface OrgHighlight {
  /** Polygons to fill and outline: the org's own area, or (for a station) the grids it serves. */
  polygons: string[];
  /** Points to ring: the org itself if it is a point, and the stations and brigades under it. */
  points: string[];
  /** Every feature the view should fit. */
  all: string[];
}

const isPolygon = (g: Geometry) => g.type === 'Polygon' || g.type === 'MultiPolygon';
const isPoint = (g: Geometry) => g.type === 'Point' || g.type === 'MultiPoint';

/**
 * What to show for a chosen org. A station is only a point on the map; what it answers for is its
 * grids, so they are highlighted with it. Nested polygons are not filled twice.
 */
export function orgHighlight(
  features: readonly Feature<Geometry, OrgFeatureProperties>[],
  selectedId: string | null,
): OrgHighlight {
  if (!selectedId) return { polygons: [], points: [], all: [] };
  const children = new Map<string, string[]>();
  for (const f of features) {
    const parent = f.properties.parentId;
    if (parent) children.set(parent, [...(children.get(parent) ?? []), f.properties.id]);
  }
  const byId = new Map(features.map((f) => [f.properties.id, f]));
  const ids: string[] = [];
  const queue = [selectedId];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    ids.push(id);
    queue.push(...(children.get(id) ?? []));
  }
  const present = ids.filter((id) => byId.has(id));
  const geometryOf = (id: string) => byId.get(id)!.geometry;
  const selected = byId.get(selectedId);
  const polygons =
    selected && isPolygon(selected.geometry)
      ? [selectedId]
      : present.filter((id) => isPolygon(geometryOf(id)));
  const points = present.filter((id) => isPoint(geometryOf(id)));
  return { polygons, points, all: present };
}
