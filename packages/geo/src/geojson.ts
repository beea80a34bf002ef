/**
 * The GeoJSON geometry shapes Ronghui uses (RFC 7946): positions are [longitude, latitude], WGS-84
 * unless a name says otherwise. Rings are closed (first position repeated last); the outer ring comes
 * first, holes after it.
 */
export type Position = readonly [lon: number, lat: number];
export type Ring = readonly Position[];

export interface Polygon {
  readonly type: 'Polygon';
  readonly coordinates: readonly Ring[];
}

export interface MultiPolygon {
  readonly type: 'MultiPolygon';
  readonly coordinates: readonly (readonly Ring[])[];
}

export type Areal = Polygon | MultiPolygon;

/** The polygons of a Polygon or MultiPolygon, each as [outer, ...holes]. */
export function polygonsOf(geometry: Areal): readonly (readonly Ring[])[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

export function multiPolygon(polygons: readonly (readonly Ring[])[]): MultiPolygon {
  return { type: 'MultiPolygon', coordinates: polygons };
}
