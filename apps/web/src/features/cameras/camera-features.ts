import { createLocalProjection, type LngLat } from '@ronghui/geo';
import type { Feature, FeatureCollection } from 'geojson';
import type { Camera } from '@ronghui/contracts';

/** The map layers of the camera group (the dispatch layer switcher turns them on and off). */
export const cameraLayerIds = ['camera-cone', 'camera-icon'] as const;

/** The cone drawn on the map reaches this far at most: full ranges of hill-top cameras would swamp it. */
export const coneMaxM = 600;

/**
 * Map features of cameras: a point per camera (rotated icon) and its view cone, a sector of the
 * horizontal field of view around the heading, `min(range, coneMaxM)` long.
 */
export function cameraFeatures(cameras: readonly Camera[]): {
  points: FeatureCollection;
  cones: FeatureCollection;
} {
  const points: Feature[] = [];
  const cones: Feature[] = [];
  for (const c of cameras) {
    const properties = { id: c.id, name: c.name, code: c.code, heading: c.headingDegrees, active: c.active };
    points.push({
      type: 'Feature',
      id: c.id,
      properties,
      geometry: { type: 'Point', coordinates: [c.lon, c.lat] },
    });
    const local = createLocalProjection([c.lon, c.lat] as LngLat);
    const r = Math.min(c.rangeMeters, coneMaxM);
    const ring: [number, number][] = [[c.lon, c.lat]];
    const steps = 12;
    for (let i = 0; i <= steps; i++) {
      const a = ((c.headingDegrees - c.hfovDegrees / 2 + (c.hfovDegrees * i) / steps) * Math.PI) / 180;
      const [lon, lat] = local.toLngLat([r * Math.sin(a), r * Math.cos(a)]);
      ring.push([lon, lat]);
    }
    ring.push([c.lon, c.lat]);
    cones.push({ type: 'Feature', id: c.id, properties, geometry: { type: 'Polygon', coordinates: [ring] } });
  }
  return {
    points: { type: 'FeatureCollection', features: points },
    cones: { type: 'FeatureCollection', features: cones },
  };
}
