import { decodeGlyphRange, decodePng, decodeTerrarium, tilePointToLngLat } from '@ronghui/maptiles';
import { elevationAt } from '@ronghui/routing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { sharedFixture } from '../../../../../test/support/env.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Database } from '../../platform/db/database.ts';
import { readElevationTile } from '../routing/index.ts';
import { createMapService } from './map.service.ts';

const andorraDem = sharedFixture('osm/N42E001.hgt.zip');

describe('map resources over HTTP', () => {
  let database: Database;
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    database = await openTestDatabase('pglite', { demo: true });
    t = await testApp(
      await testServices(database, {
        env: {
          ...(andorraDem ? { DEM_PATH: andorraDem } : {}),
          MAP_TILE_URL: 'http://tiles.bureau.example/{z}/{x}/{y}.png',
          MAP_TILE_ATTRIBUTION: '县局地图服务',
        },
      }),
    );
    cookie = await t.login('dispatcher');
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  const get = (url: string) => t.as(cookie, { method: 'GET', url });

  it('needs a signed-in user', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/map/glyphs/Noto%20Sans%20Regular/0-255.pbf' });
    expect(res.statusCode).toBe(401);
  });

  it('serves SDF glyphs of Noto Sans as glyphs.proto', async () => {
    const res = await get('/api/map/glyphs/Noto%20Sans%20Regular/0-255.pbf');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-protobuf');
    const [stack, ...more] = decodeGlyphRange(res.rawPayload);
    expect(more).toHaveLength(0);
    expect(stack?.name).toBe('Noto Sans Regular');
    expect(stack?.range).toBe('0-255');
    expect(stack!.glyphs.length).toBeGreaterThan(180);

    const space = stack!.glyphs.find((g) => g.id === 32)!;
    expect(space).toMatchObject({ width: 0, height: 0, bitmap: new Uint8Array() });
    expect(space.advance).toBe(6);

    // "H" in Noto Sans: 1000 units/em, cap height 714, advance 742 → at 24 px ≈ 17 px tall, 18 px on.
    const h = stack!.glyphs.find((g) => g.id === 72)!;
    expect(h.height).toBeGreaterThanOrEqual(17);
    expect(h.height).toBeLessThanOrEqual(18);
    expect(h.advance).toBe(18);
    expect(h.top).toBe(h.height - 26); // measured from the ascender (1069/1000 em → 26 px)
    const w = h.width + 6;
    expect(h.bitmap.length).toBe(w * (h.height + 6));
    // The middle row crosses the left stem, the bar and the right stem: ink, then the gap-free bar.
    const middle = [...h.bitmap.subarray(((h.height + 6) >> 1) * w, ((h.height + 6) >> 1) * w + w)];
    expect(Math.max(...middle)).toBeGreaterThan(200);
    // Row 8 (upper half) has the two stems with a gap of paper between them.
    const upper = [...h.bitmap.subarray(8 * w, 9 * w)];
    const inked = upper.map((v) => v > 191);
    expect(inked.filter(Boolean).length).toBeGreaterThanOrEqual(4);
    expect(upper[Math.floor(w / 2)]).toBeLessThan(150);
    // The buffer's corners are far outside.
    expect(h.bitmap[0]).toBeLessThan(120);
    expect(h.bitmap[w - 1]).toBeLessThan(120);
  });

  it('takes the first served font of a stack; a range without glyphs is empty', async () => {
    const bold = decodeGlyphRange(
      (await get('/api/map/glyphs/Unknown%20Font,Noto%20Sans%20Bold/0-255.pbf')).rawPayload,
    )[0]!;
    expect(bold.name).toBe('Noto Sans Bold');
    const regular = decodeGlyphRange(
      (await get('/api/map/glyphs/Noto%20Sans%20Regular/0-255.pbf')).rawPayload,
    )[0]!;
    const ink = (g: { bitmap: Uint8Array }) => g.bitmap.filter((v) => v > 191).length;
    const boldH = bold.glyphs.find((g) => g.id === 72)!;
    expect(ink(boldH)).toBeGreaterThan(ink(regular.glyphs.find((g) => g.id === 72)!) * 1.2);
    // Ideographs are drawn by the browser's CJK fonts: the range exists but holds no glyph.
    const cjk = await get('/api/map/glyphs/Noto%20Sans%20Regular/19968-20223.pbf');
    expect(cjk.statusCode).toBe(200);
    expect(decodeGlyphRange(cjk.rawPayload)[0]).toMatchObject({ range: '19968-20223', glyphs: [] });
    // Latin Extended (ě, ő …) comes from the second subset file.
    const ext = decodeGlyphRange(
      (await get('/api/map/glyphs/Noto%20Sans%20Regular/256-511.pbf')).rawPayload,
    )[0]!;
    expect(ext.glyphs.some((g) => g.id === 0x11b && g.width > 0)).toBe(true);
  });

  it('refuses a bad range (400) and an unknown font stack (404) with a clear message', async () => {
    const range = await get('/api/map/glyphs/Noto%20Sans%20Regular/0-300.pbf');
    expect(range.statusCode).toBe(400);
    expect(range.headers['content-type']).toContain('application/problem+json');
    expect(range.json().detail).toMatch(/range "0-300" is not a block of 256/);
    const font = await get('/api/map/glyphs/Comic%20Sans%20MS/0-255.pbf');
    expect(font.statusCode).toBe(404);
    expect(font.json().detail).toMatch(/"Comic Sans MS" is not served; available: Noto Sans Regular/);
  });

  it('lists the gazetteer as place labels', async () => {
    const res = await get('/api/map/places');
    expect(res.statusCode).toBe(200);
    const features = res.json().features as { properties: { name: string; kind: string; rank: number } }[];
    const kinds = (kind: string) => features.filter((f) => f.properties.kind === kind);
    expect(kinds('township')).toHaveLength(18);
    expect(kinds('village')).toHaveLength(222);
    expect(kinds('place').map((f) => f.properties.name)).toContain('德化陶瓷博物馆');
    expect(features.find((f) => f.properties.name === '杨梅乡')?.properties.rank).toBe(0);
  });

  it('tells the console about base tiles and terrain', async () => {
    const res = await get('/api/map/config');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.baseTiles).toEqual({
      url: 'http://tiles.bureau.example/{z}/{x}/{y}.png',
      attribution: '县局地图服务',
    });
    expect(body.glyphs.fonts).toContain('Noto Sans Regular');
    if (andorraDem) expect(body.terrain).toMatchObject({ encoding: 'terrarium', bounds: [1, 42, 2, 43] });
  });

  it("says where the county lies: the bounds and centre of the tenant's outline", async () => {
    const body = (await get('/api/map/config')).json() as {
      center: { lon: number; lat: number };
      bounds: [number, number, number, number];
    };
    const orgs = (await get('/api/orgs/geojson?kinds=tenant')).json() as {
      features: { geometry: { coordinates: number[][][][] } }[];
    };
    const points = orgs.features[0]!.geometry.coordinates.flat(2);
    const lons = points.map((p) => p[0]!);
    const lats = points.map((p) => p[1]!);
    expect(body.bounds).toEqual([Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)]);
    // Dehua county, Fujian: the box is tens of kilometres across and holds the centre.
    const [west, south, east, north] = body.bounds;
    expect(west).toBeGreaterThan(117.5);
    expect(east).toBeLessThan(119);
    expect(south).toBeGreaterThan(25);
    expect(north).toBeLessThan(26.5);
    expect(body.center.lon).toBeGreaterThan(west);
    expect(body.center.lon).toBeLessThan(east);
    expect(body.center.lat).toBeGreaterThan(south);
    expect(body.center.lat).toBeLessThan(north);
  });

  it.skipIf(!andorraDem)('serves Terrarium tiles whose heights match the SRTM tile', async () => {
    const srtm = readElevationTile(andorraDem!);
    // z12 tile over Andorra la Vella (1.5218° E, 42.5063° N).
    const [z, x, y] = [12, 2065, 1512];
    const res = await get(`/api/map/terrain/${z}/${x}/${y}.png`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    const image = decodePng(res.rawPayload);
    expect(image).toMatchObject({ width: 256, height: 256, channels: 3 });
    let compared = 0;
    let highest = -Infinity;
    for (let row = 5; row < 256; row += 50) {
      for (let col = 7; col < 256; col += 50) {
        const [lon, lat] = tilePointToLngLat(z, x, y, (col + 0.5) / 256, (row + 0.5) / 256);
        const expected = elevationAt(srtm, lon, lat);
        if (expected === undefined) continue;
        const at = (row * 256 + col) * 3;
        const got = decodeTerrarium(image.pixels[at]!, image.pixels[at + 1]!, image.pixels[at + 2]!);
        expect(Math.abs(got - expected)).toBeLessThan(1);
        highest = Math.max(highest, got);
        compared++;
      }
    }
    expect(compared).toBe(30);
    // Andorra is mountains: the tile is well above sea level.
    expect(highest).toBeGreaterThan(1500);
  });

  it.skipIf(!andorraDem)(
    'answers 404 outside the elevation model and 400 for a tile that cannot exist',
    async () => {
      const outside = await get('/api/map/terrain/12/3400/1750.png'); // south China, far from Andorra
      expect(outside.statusCode).toBe(404);
      expect(outside.json().detail).toMatch(/outside the elevation model/);
      expect((await get('/api/map/terrain/3/9/1.png')).statusCode).toBe(400);
    },
  );
});

describe('map service without an elevation model or base tiles', () => {
  const map = createMapService({
    config: { DEM_PATH: [], MAP_TILE_URL: undefined, MAP_TILE_ATTRIBUTION: undefined },
  });

  it('stays offline: no base tiles, no terrain', () => {
    expect(map.settings().baseTiles).toBeNull();
    expect(map.settings().terrain).toBeNull();
    expect(() => map.terrain(12, 2065, 1504)).toThrow(/No elevation model is configured/);
  });

  it('knows no county without the org tree', async () => {
    const config = await map.config({ tenantCode: '350526' } as Principal);
    expect(config).toMatchObject({ center: null, bounds: null, baseTiles: null, terrain: null });
  });
});
