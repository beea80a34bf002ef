import polygonClipping, { type Geom, type MultiPolygon as PcMultiPolygon } from 'polygon-clipping';
import type { Areal, MultiPolygon } from './geojson.ts';

/**
 * Boolean operations on polygons (concave, with holes, multi-part) through polygon-clipping
 * (Martinez–Rueda sweep line, MIT). Sutherland–Hodgman is not enough here: the county boundary that
 * cells are clipped by is concave, and its result would join separate pieces with zero-width bridges.
 */

// polygon-clipping wants mutable arrays; it never writes to its inputs.
const asGeom = (g: Areal): Geom => g.coordinates as unknown as Geom;
const asMulti = (m: PcMultiPolygon): MultiPolygon => ({ type: 'MultiPolygon', coordinates: m });

export function intersectPolygons(a: Areal, ...others: Areal[]): MultiPolygon {
  return asMulti(polygonClipping.intersection(asGeom(a), ...others.map(asGeom)));
}

export function unionPolygons(a: Areal, ...others: Areal[]): MultiPolygon {
  return asMulti(polygonClipping.union(asGeom(a), ...others.map(asGeom)));
}

export function differencePolygons(a: Areal, ...others: Areal[]): MultiPolygon {
  return asMulti(polygonClipping.difference(asGeom(a), ...others.map(asGeom)));
}
