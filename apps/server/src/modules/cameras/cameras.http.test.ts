import { createCameraProjector } from '@ronghui/geo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Database } from '../../platform/db/database.ts';

const newCamera = {
  code: 'DH-CAM-T01',
  name: '测试路口',
  stationId: 'station-350526100',
  lon: 118.245,
  lat: 25.492,
  heightMeters: 11,
  headingDegrees: 135,
  tiltDegrees: 8,
  hfovDegrees: 62,
  rangeMeters: 1200,
  streamKind: 'snapshot',
  streamUrl: 'http://10.35.5.20/snapshot.jpg',
};

describe.each(databaseKinds())('camera registry (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let commander: string;
  let dispatcher: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database));
    commander = await t.login('commander');
    dispatcher = await t.login('dispatcher');
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  it('lists the demo cameras with their pose; a station sees only its own', async () => {
    const res = await t.as(dispatcher, { method: 'GET', url: '/api/cameras' });
    expect(res.statusCode).toBe(200);
    const { items: all, total } = res.json();
    expect(total).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(10);
    expect(all.length).toBeLessThanOrEqual(16);
    const tunnel = all.find((c: { name: string }) => c.name === '九仙山隧道北口');
    expect(tunnel).toMatchObject({
      stationName: '赤水派出所',
      streamKind: 'none',
      streamUrl: null,
      active: true,
    });
    // Demo cameras look south at the tunnel mouth, slightly down.
    expect(tunnel.headingDegrees).toBeGreaterThan(170);
    expect(tunnel.headingDegrees).toBeLessThan(190);
    expect(tunnel.tiltDegrees).toBeGreaterThan(0);
    const officer = await t.login('officer-yangmei');
    const own = (await t.as(officer, { method: 'GET', url: '/api/cameras' })).json().items;
    expect(own.map((c: { name: string }) => c.name).sort()).toEqual(['杨梅乡集镇路口', '杨梅乡高点'].sort());
    const other = await t.as(officer, { method: 'GET', url: `/api/cameras/${tunnel.id}` });
    expect(other.statusCode).toBe(404);
    const analyst = await t.login('analyst');
    expect((await t.as(analyst, { method: 'GET', url: '/api/cameras' })).statusCode).toBe(403);
  });

  it('gives the places within range, and the demo camera sees the place it is aimed at', async () => {
    const cameras = (await t.as(dispatcher, { method: 'GET', url: '/api/cameras' })).json().items;
    const museum = cameras.find((c: { name: string }) => c.name === '陶瓷博物馆广场');
    const res = await t.as(dispatcher, { method: 'GET', url: `/api/cameras/${museum.id}/scene` });
    expect(res.statusCode).toBe(200);
    const { items: places, total } = res.json();
    expect(total).toBeGreaterThanOrEqual(places.length);
    const target = places.find((p: { name: string }) => p.name === '德化陶瓷博物馆');
    expect(target).toBeDefined();
    expect(places.every((p: { distanceMeters: number }) => p.distanceMeters <= museum.rangeMeters)).toBe(
      true,
    );
    const camera = createCameraProjector({
      lon: museum.lon,
      lat: museum.lat,
      groundElevationM: museum.groundElevationMeters,
      heightM: museum.heightMeters,
      headingDeg: museum.headingDegrees,
      tiltDeg: museum.tiltDegrees,
      rollDeg: museum.rollDegrees,
      hfovDeg: museum.hfovDegrees,
      rangeM: museum.rangeMeters,
      width: 1280,
      height: 720,
    });
    const seen = camera.project(target);
    expect(seen.visible).toBe(true);
    if (seen.visible) {
      // Straight ahead, in the upper part of the picture: the camera looks down past it.
      expect(Math.abs(seen.x - 640)).toBeLessThan(5);
      expect(seen.y).toBeLessThan(360);
      expect(seen.y).toBeGreaterThan(100);
    }
  });

  it('registers, changes and removes a camera for the commander, audited; dispatchers only read', async () => {
    const refused = await t.as(dispatcher, { method: 'POST', url: '/api/cameras', payload: newCamera });
    expect(refused.statusCode).toBe(403);
    const created = await t.as(commander, { method: 'POST', url: '/api/cameras', payload: newCamera });
    expect(created.statusCode).toBe(201);
    const camera = created.json();
    expect(camera).toMatchObject({
      ...newCamera,
      stationName: '浔中派出所',
      rollDegrees: 0,
      groundElevationMeters: 0,
      active: true,
    });
    const id = camera.id as string;
    const patched = await t.as(commander, {
      method: 'PATCH',
      url: `/api/cameras/${id}`,
      payload: { headingDegrees: 200.5, streamKind: 'none' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      headingDegrees: 200.5,
      streamKind: 'none',
      streamUrl: null,
      tiltDegrees: 8,
    });
    const admin = await t.login('system-admin');
    const byAdmin = await t.as(admin, {
      method: 'PATCH',
      url: `/api/cameras/${id}`,
      payload: { streamKind: 'hls', streamUrl: 'https://video.example.cn/live/t01.m3u8', active: false },
    });
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
    expect(byAdmin.json()).toMatchObject({ streamKind: 'hls', active: false });
    expect((await t.as(commander, { method: 'DELETE', url: `/api/cameras/${id}` })).statusCode).toBe(204);
    expect((await t.as(commander, { method: 'GET', url: `/api/cameras/${id}` })).statusCode).toBe(404);
    expect((await t.as(commander, { method: 'DELETE', url: `/api/cameras/${id}` })).statusCode).toBe(404);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'resource_id'])
      .where('action', 'like', 'camera.%')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'camera.create',
      'camera.update',
      'camera.update',
      'camera.delete',
    ]);
    expect(audit.every((a) => a.resource_id === id)).toBe(true);
  });

  it('documents the camera routes in the OpenAPI document under the tag cameras', async () => {
    const res = await t.as(dispatcher, { method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths as Record<string, Record<string, { tags?: string[] }>>;
    for (const [path, methods] of [
      ['/api/cameras', ['get', 'post']],
      ['/api/cameras/{id}', ['get', 'patch', 'delete']],
      ['/api/cameras/{id}/scene', ['get']],
    ] as const)
      for (const m of methods) expect(paths[path]?.[m]?.tags, `${m} ${path}`).toEqual(['cameras']);
  });

  it('refuses bad input with a 400 that names the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...newCamera, streamUrl: 'javascript:alert(1)' }, 'streamUrl'],
      [{ ...newCamera, streamUrl: 'file:///etc/passwd' }, 'streamUrl'],
      [{ ...newCamera, streamUrl: 'rtsp://10.35.5.20/live' }, 'streamUrl'],
      [{ ...newCamera, headingDegrees: 360 }, 'headingDegrees'],
      [{ ...newCamera, hfovDegrees: 0 }, 'hfovDegrees'],
      [{ ...newCamera, heightMeters: -3 }, 'heightMeters'],
      [{ ...newCamera, lat: 95 }, 'lat'],
      [{ ...newCamera, code: 'has space' }, 'code'],
      [{ ...newCamera, streamUrl: undefined }, 'streamUrl'],
      [{ ...newCamera, streamKind: 'rtsp' }, 'streamKind'],
      [{ ...newCamera, stationId: 'grid-350526100001' }, 'stationId'],
      [{ ...newCamera, colour: 'red' }, 'colour'],
    ];
    for (const [payload, field] of cases) {
      const res = await t.as(commander, { method: 'POST', url: '/api/cameras', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(res.json().errors), field).toContain(field);
    }
    const empty = await t.as(commander, {
      method: 'PATCH',
      url: '/api/cameras/cam-yangmei-hill',
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
    const dup = await t.as(commander, {
      method: 'POST',
      url: '/api/cameras',
      payload: { ...newCamera, code: 'DH-CAM-001' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().detail).toContain('DH-CAM-001');
    expect(
      await database.db.selectFrom('cameras').select('id').where('code', '=', 'DH-CAM-T01').execute(),
    ).toEqual([]);
  });
});
