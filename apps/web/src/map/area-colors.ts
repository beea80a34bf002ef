import type { FeatureCollection, Geometry } from 'geojson';
import type { OrgFeatureProperties } from '@ronghui/contracts';
import type { OrgFeatureCollection } from '../api/orgs-api.ts';

/** Five joint-service areas (东西南北中), five colors that stay apart for color-blind viewers too. */
export const areaPalette = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#e15759'] as const;
export const fallbackAreaColor = '#9aa5b1';

export type ColoredOrgFeatureCollection = FeatureCollection<
  Geometry,
  OrgFeatureProperties & { color: string }
>;

/**
 * Adds a `color` property to each area, in a stable order (by areaKey, then code), and gives each
 * grid its area's color, so the style reads colors with a plain `get`.
 */
export function withAreaColors(collection: OrgFeatureCollection): ColoredOrgFeatureCollection {
  const areas = collection.features
    .filter((f) => f.properties.kind === 'area')
    .map((f) => f.properties)
    .sort((a, b) => (a.areaKey ?? a.code).localeCompare(b.areaKey ?? b.code));
  const colorById = new Map(
    areas.map((area, i) => [area.id, areaPalette[i % areaPalette.length] ?? fallbackAreaColor]),
  );
  const parentOf = new Map(collection.features.map((f) => [f.properties.id, f.properties.parentId]));
  const areaColor = (id: string | null): string => {
    let current = id;
    for (let hops = 0; current && hops < 8; hops++) {
      const color = colorById.get(current);
      if (color) return color;
      current = parentOf.get(current) ?? null;
    }
    return fallbackAreaColor;
  };
  return {
    ...collection,
    features: collection.features.map((f) => ({
      ...f,
      properties: { ...f.properties, color: areaColor(f.properties.id) },
    })),
  };
}
