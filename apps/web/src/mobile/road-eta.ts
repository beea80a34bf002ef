import { useQuery } from '@tanstack/react-query';
import { dispatchApi } from '../api/dispatch-api.ts';

export interface Place {
  lon: number;
  lat: number;
}

/** Rounds a position to about 100 m, so a walking officer does not ask for a new route at every step. */
const rounded = (p: Place): [number, number] => [
  Math.round(p.lon * 1000) / 1000,
  Math.round(p.lat * 1000) / 1000,
];

/** Distance and time by road (our own road engine) from where the officer is to the incident, with the line. */
export function useRoadRoute(from: Place | null, to: Place | null, offline: boolean) {
  const a = from ? rounded(from) : null;
  return useQuery({
    queryKey: ['mobile', 'route', a, to ? [to.lon, to.lat] : null],
    queryFn: () => dispatchApi.route(a!, [to!.lon, to!.lat]),
    enabled: a !== null && to !== null && !offline,
    staleTime: 60_000,
    retry: false,
  });
}

/** "3.2 km" or "850 m". */
export function formatDistance(meters: number): string {
  return meters >= 1000 ? `${(meters / 1000).toFixed(1)} km` : `${Math.round(meters)} m`;
}

/** Whole minutes, at least 1. */
export function etaMinutes(seconds: number): number {
  return Math.max(1, Math.round(seconds / 60));
}

/**
 * Hand-off to the phone's navigation app by coordinates. 高德 takes WGS-84 when told so; the `geo:` URI
 * (Android's own chooser) is WGS-84 by definition.
 */
export function navigationLinks(to: Place, name: string): { amap: string; geo: string } {
  const label = encodeURIComponent(name);
  return {
    amap: `https://uri.amap.com/navigation?to=${to.lon},${to.lat},${label}&mode=car&coordinate=wgs84&callnative=1&src=ronghui`,
    geo: `geo:${to.lat},${to.lon}?q=${to.lat},${to.lon}(${label})`,
  };
}
