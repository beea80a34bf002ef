import { haversine, type LngLat } from '@ronghui/geo';

/**
 * Response zones and arrival targets (DOMAIN-RULES, local values): county town 5 min, suburbs 10 min,
 * rural "as soon as possible" (a target is still needed to measure against; 20 min by default).
 */
export type Zone = 'county-town' | 'suburb' | 'rural';
export const ZONES: readonly Zone[] = ['county-town', 'suburb', 'rural'];

export interface ZoneSettings {
  /** Seats of the townships that form the built-up county town (德化: 浔中镇, 龙浔镇). */
  readonly countyTownSeats: readonly LngLat[];
  /** Within this distance of a county-town seat: county town. */
  readonly countyTownRadiusM: number;
  /** Within this distance of the county town's centre (mean of the seats): suburb. */
  readonly suburbRadiusM: number;
  readonly targetSeconds: Readonly<Record<Zone, number>>;
}

export const DEFAULT_ZONE_SETTINGS = {
  countyTownRadiusM: 3_000,
  suburbRadiusM: 10_000,
  targetSeconds: { 'county-town': 300, suburb: 600, rural: 1_200 },
} as const;

export function countyTownCentre(seats: readonly LngLat[]): LngLat | undefined {
  if (seats.length === 0) return undefined;
  const lon = seats.reduce((s, p) => s + p[0], 0) / seats.length;
  const lat = seats.reduce((s, p) => s + p[1], 0) / seats.length;
  return [lon, lat] as LngLat;
}

/** Without county-town seats every place is rural. */
export function zoneOf(point: LngLat, settings: ZoneSettings): Zone {
  const centre = countyTownCentre(settings.countyTownSeats);
  if (!centre) return 'rural';
  if (settings.countyTownSeats.some((s) => haversine(point, s) <= settings.countyTownRadiusM))
    return 'county-town';
  return haversine(point, centre) <= settings.suburbRadiusM ? 'suburb' : 'rural';
}

export function arrivalTarget(point: LngLat, settings: ZoneSettings): { zone: Zone; targetSeconds: number } {
  const zone = zoneOf(point, settings);
  return { zone, targetSeconds: settings.targetSeconds[zone] };
}
