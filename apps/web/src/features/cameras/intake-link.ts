/** The command console with its intake point set: `/dispatch?lon=…&lat=…`. */
export function intakeLink(p: { lon: number; lat: number }): string {
  return `/dispatch?lon=${p.lon.toFixed(6)}&lat=${p.lat.toFixed(6)}`;
}

/** The intake point a link to the console carries, if any (and only a sane one). */
export function intakePointOf(search: string): { lon: number; lat: number } | null {
  const params = new URLSearchParams(search);
  const lon = Number(params.get('lon'));
  const lat = Number(params.get('lat'));
  if (!params.has('lon') || !params.has('lat') || !Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return null;
  return { lon, lat };
}
