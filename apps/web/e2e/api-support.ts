import { type GeoJSON, pointInPolygon } from '@ronghui/geo';
import { type APIRequestContext, request } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/demo/demo-accounts.ts';

/** An API client signed in as a demo account (its session cookie kept). */
export async function apiAs(baseURL: string, username: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL });
  const res = await api.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  return api;
}

/**
 * A point inside a polygon: of a 12×12 scan of its bounding box, the points that fall in it, the
 * first after `skip` of them (so a test can take several distinct points).
 */
export function pointInside(
  shape: GeoJSON.Polygon | GeoJSON.MultiPolygon,
  skip = 0,
): { lon: number; lat: number } {
  const rings = shape.type === 'Polygon' ? [shape.coordinates[0]!] : shape.coordinates.map((p) => p[0]!);
  const all = rings.flat();
  const lons = all.map((c) => c[0]!);
  const lats = all.map((c) => c[1]!);
  const [w, e, s, n] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  let found = 0;
  for (let i = 1; i < 12; i++)
    for (let j = 1; j < 12; j++) {
      const p: [number, number] = [w + ((e - w) * i) / 12, s + ((n - s) * j) / 12];
      if (pointInPolygon(p, shape) && found++ >= skip) return { lon: p[0], lat: p[1] };
    }
  throw new Error('no point found inside the grid');
}
