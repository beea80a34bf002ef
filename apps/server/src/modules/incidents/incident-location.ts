import type { IncidentCreateBody } from '@ronghui/contracts';
import { type AddressCandidate, nearestEntry, resolveAddress } from '@ronghui/dispatch';
import { gcjLngLat, gcjToWgs, type GeoJSON, type LngLat, pointInPolygon } from '@ronghui/geo';
import { DomainError, invalid } from '../../platform/http/errors.ts';
import type { TenantGeo } from './incident-context.ts';

/** Where an incident is, and who answers for that place. */
export interface ResolvedLocation {
  point: LngLat;
  source: 'point' | 'address';
  confidence: number;
  candidates: AddressCandidate[];
  townshipCode: string | null;
  villageCode: string | null;
  placeId: string | null;
  road: string | null;
  houseNumber: string | null;
  stationId: string | null;
  areaId: string | null;
  gridId: string | null;
}

/** A point further than this from every village of the county is taken for a typing mistake. */
const MAX_DISTANCE_FROM_GAZETTEER_M = 20_000;

function gridAt(geo: TenantGeo, point: LngLat): string | null {
  for (const grid of geo.dir.ofKind('grid')) {
    const boundary = grid.boundary as GeoJSON.Polygon | GeoJSON.MultiPolygon | null;
    if (boundary && pointInPolygon(point, boundary)) return grid.id;
  }
  return null;
}

function areaOf(geo: TenantGeo, stationId: string | null): string | null {
  if (!stationId) return null;
  const path = geo.dir.pathOf(stationId);
  return path.find((id) => geo.dir.get(id)?.kind === 'area') ?? null;
}

function fromPoint(geo: TenantGeo, point: LngLat): ResolvedLocation {
  const gridId = gridAt(geo, point);
  const entries = geo.gazetteer.entries;
  const village =
    (gridId &&
      nearestEntry(
        point,
        entries,
        (e) => e.kind === 'village' && geo.divisions.get(e.code)?.grid_id === gridId,
      )) ||
    nearestEntry(point, entries, (e) => e.kind === 'village') ||
    nearestEntry(point, entries, (e) => e.kind === 'township');
  if (!village || village.distanceM > MAX_DISTANCE_FROM_GAZETTEER_M)
    throw invalid(
      '/location',
      'the point lies outside the county: check longitude and latitude (WGS-84, or set datum "gcj02")',
    );
  const division = geo.divisions.get(village.entry.code);
  const stationId = (gridId && geo.dir.get(gridId)?.parentId) || division?.station_id || null;
  return {
    point,
    source: 'point',
    confidence: 1,
    candidates: [],
    townshipCode: village.entry.townshipCode,
    villageCode: village.entry.kind === 'village' ? village.entry.code : null,
    placeId: null,
    road: null,
    houseNumber: null,
    stationId,
    areaId: areaOf(geo, stationId),
    gridId,
  };
}

function fromAddress(geo: TenantGeo, address: string): ResolvedLocation {
  const match = resolveAddress(address, geo.gazetteer);
  if (!match)
    throw new DomainError(
      'unprocessable',
      'Address not found',
      `"${address}" names no township, village, community or known place of this county; give the township (e.g. 杨梅乡) or a location {lon, lat}.`,
      {},
      [{ path: '/address', message: 'no township, village or known place found in it' }],
    );
  const { best } = match;
  const village = best.villageCode ? geo.divisions.get(best.villageCode) : undefined;
  const township = geo.divisions.get(best.townshipCode);
  const stationId = village?.station_id ?? township?.station_id ?? null;
  // A township alone says nothing about the grid; a village or a place does.
  const gridId = best.kind === 'township' ? null : (village?.grid_id ?? gridAt(geo, best.position));
  return {
    point: best.position,
    source: 'address',
    confidence: match.confidence,
    candidates: [...match.candidates],
    townshipCode: best.townshipCode,
    villageCode: best.villageCode,
    placeId: best.kind === 'place' ? best.code : null,
    road: match.road,
    houseNumber: match.houseNumber,
    stationId,
    areaId: areaOf(geo, stationId),
    gridId,
  };
}

/** A given point wins over the address (the address is still kept as text and mined for road/number). */
export function resolveLocation(
  geo: TenantGeo,
  input: Pick<IncidentCreateBody, 'location' | 'address'>,
): ResolvedLocation {
  if (input.location) {
    const { lon, lat, datum } = input.location;
    const point = datum === 'gcj02' ? gcjToWgs(gcjLngLat(lon, lat)) : ([lon, lat] as LngLat);
    const resolved = fromPoint(geo, point);
    const text = input.address ? resolveAddress(input.address, geo.gazetteer) : null;
    return text ? { ...resolved, road: text.road, houseNumber: text.houseNumber } : resolved;
  }
  if (input.address) return fromAddress(geo, input.address);
  throw invalid('/location', 'give a location {lon, lat} or an address');
}

/** The incident columns a resolved location fills (the point, how sure, and who answers for the place). */
export function locationColumns(place: ResolvedLocation) {
  return {
    road: place.road,
    house_number: place.houseNumber,
    lon: place.point[0],
    lat: place.point[1],
    location_source: place.source,
    confidence: place.confidence,
    candidates: JSON.stringify(place.candidates),
    township_code: place.townshipCode,
    village_code: place.villageCode,
    place_id: place.placeId,
    station_id: place.stationId,
    area_id: place.areaId,
    grid_id: place.gridId,
  };
}
