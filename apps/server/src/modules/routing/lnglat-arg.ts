import { type LngLat, lngLat } from '@ronghui/geo';

/** Parse "lon,lat" (WGS-84 degrees) as typed on a command line or in a query string. */
export function parseLngLatArg(text: string, what: string): LngLat {
  const parts = text.split(',').map((s) => s.trim());
  const lon = Number(parts[0]);
  const lat = Number(parts[1]);
  if (
    parts.length !== 2 ||
    parts[0] === '' ||
    parts[1] === '' ||
    !Number.isFinite(lon) ||
    !Number.isFinite(lat)
  ) {
    throw new RangeError(`${what} must be "lon,lat" in degrees, got "${text}"`);
  }
  return lngLat(lon, lat);
}
