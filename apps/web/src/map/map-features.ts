import type { Incident, Unit } from '@ronghui/contracts';
import type { Feature, FeatureCollection, Point } from 'geojson';

const point = (lon: number, lat: number): Point => ({ type: 'Point', coordinates: [lon, lat] });

/** Units with a position as map points (status and heading drive the icon). */
export function unitFeatures(units: readonly Unit[], selectedId: string | null): FeatureCollection {
  const features: Feature[] = [];
  for (const u of units) {
    if (!u.position) continue;
    features.push({
      type: 'Feature',
      geometry: point(u.position.lon, u.position.lat),
      properties: {
        id: u.id,
        kind: 'unit',
        callsign: u.callsign,
        station: u.stationName,
        status: u.status,
        heading: u.position.heading ?? 0,
        speed: u.position.speedKmh ?? 0,
        selected: u.id === selectedId,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

export function incidentFeatures(
  incidents: readonly Incident[],
  selectedId: string | null,
): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: incidents.map((i) => ({
      type: 'Feature',
      geometry: point(i.location.lon, i.location.lat),
      properties: {
        id: i.id,
        kind: 'incident',
        number: i.number,
        category: i.category.zh,
        categoryEn: i.category.en,
        priority: i.priority,
        status: i.status,
        selected: i.id === selectedId,
      },
    })),
  };
}

export function pointFeature(at: { lon: number; lat: number } | null): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: at ? [{ type: 'Feature', geometry: point(at.lon, at.lat), properties: {} }] : [],
  };
}
