import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { DEMO_PASSWORD, testApp } from '../../../../../test/support/http.ts';
import { buildDehuaDemo } from '../../demo/dehua.ts';
import type { Services } from '../../main.ts';
import { installAuthentication, registerAuthRoutes } from '../../platform/auth/auth.routes.ts';
import type { Database } from '../../platform/db/database.ts';
import type { App } from '../../platform/http/app-types.ts';
import { createHttpApp } from '../../platform/http/app.ts';
import { generatedDemoRoads } from './demo-roads.ts';
import { createGraphRegistry, graphPath } from './graph-registry.ts';
import { writeGraphFile } from './graph-files.ts';
import { registerRoutingRoutes } from './routing.routes.ts';

const demo = buildDehuaDemo();
const seat = (name: string) => demo.townships.find((t) => t.name === name)!.seat.join(',');
const TOWN = demo.tenant.countyTown.join(',');
const dataDir = mkdtempSync(join(tmpdir(), 'ronghui-routing-http-'));

describe.each(databaseKinds())('routing over HTTP (demo county, generated roads, %s)', (kind) => {
  let database: Database;
  let services: Services;
  let app: App;
  const cookies = new Map<string, string>();
  const as = async (user: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) => {
    if (!cookies.has(user)) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: user, password: DEMO_PASSWORD },
      });
      cookies.set(user, `rh_session=${res.cookies.find((c) => c.name === 'rh_session')!.value}`);
    }
    const options: InjectOptions = { method, url, headers: { cookie: cookies.get(user)! } };
    if (payload !== undefined) options.payload = payload as InjectOptions['payload'];
    return app.inject(options);
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    services = await testServices(database);
    // Events are relayed as in a running server: handlers run inside the relay's transaction.
    await services.bus.start();
    app = await createHttpApp({ logger: false, bodyLimit: 1_048_576 });
    installAuthentication(app, services.auth);
    registerAuthRoutes(app, services.auth, '350526');
    registerRoutingRoutes(app, services.routing);
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await services?.bus.close();
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('routes from the county town to a far township and back', async () => {
    const res = await as('dispatcher', 'GET', `/api/routing/route?from=${TOWN}&to=${seat('葛坑镇')}`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.distanceMeters).toBeGreaterThan(30_000);
    expect(r.durationSeconds / 60).toBeGreaterThan(30);
    expect(r.durationSeconds / 60).toBeLessThan(150);
    expect(r.geometry.coordinates.length).toBeGreaterThan(10);
    expect(r.snappedFromMeters).toBeLessThan(500);
    expect(r.snappedToMeters).toBeLessThan(500);
    expect(r).toMatchObject({ searched: 'ch', avoided: [] });
    const dj = (
      await as('dispatcher', 'GET', `/api/routing/route?from=${TOWN}&to=${seat('葛坑镇')}&algo=dijkstra`)
    ).json();
    expect(dj.durationSeconds).toBeCloseTo(r.durationSeconds, 1);
  });

  it('answers 400 for bad positions and 422 for positions off the network', async () => {
    expect((await as('dispatcher', 'GET', '/api/routing/route?from=abc&to=1,2')).statusCode).toBe(400);
    const far = await as('dispatcher', 'GET', `/api/routing/route?from=116.0,25.0&to=${TOWN}`);
    expect(far.statusCode).toBe(422);
    expect(far.json().detail).toMatch(/no road within 500 m/);
    expect(
      (await app.inject({ method: 'GET', url: `/api/routing/route?from=${TOWN}&to=${TOWN}` })).statusCode,
    ).toBe(401);
  });

  it('closes a road, routes around it naming the closure, and reopens it', async () => {
    const free = (
      await as('dispatcher', 'GET', `/api/routing/route?from=${TOWN}&to=${seat('葛坑镇')}`)
    ).json();
    // Close the road at a point a third of the way along the free-flow route.
    const coords = free.geometry.coordinates as [number, number][];
    const center = coords[Math.floor(coords.length / 3)]!;
    const denied = await as('officer', 'POST', '/api/routing/closures', {
      cause: 'landslide',
      place: { kind: 'circle', center, radiusMeters: 30 },
    });
    expect(denied.statusCode).toBe(403);
    const created = await as('dispatcher', 'POST', '/api/routing/closures', {
      cause: 'landslide',
      note: '塌方',
      place: { kind: 'circle', center, radiusMeters: 30 },
    });
    expect(created.statusCode).toBe(201);
    const closure = created.json();
    expect(closure).toMatchObject({ kind: 'closure', cause: 'landslide', createdBy: 'dispatcher' });
    expect(
      (await as('analyst', 'GET', '/api/routing/closures')).json().items.map((c: { id: string }) => c.id),
    ).toEqual([closure.id]);

    const res = await as('dispatcher', 'GET', `/api/routing/route?from=${TOWN}&to=${seat('葛坑镇')}`);
    // The generated network has spare links, so a detour exists (the demo roads are seeded).
    expect(res.statusCode).toBe(200);
    const detour = res.json();
    expect(detour.avoided.map((c: { id: string }) => c.id)).toEqual([closure.id]);
    expect(detour.searched).toBe('live-dijkstra');
    expect(detour.durationSeconds).toBeGreaterThan(free.durationSeconds);
    expect((await as('dispatcher', 'DELETE', `/api/routing/closures/${closure.id}`)).statusCode).toBe(204);
    expect((await as('dispatcher', 'DELETE', `/api/routing/closures/${closure.id}`)).statusCode).toBe(404);
    const again = (
      await as('dispatcher', 'GET', `/api/routing/route?from=${TOWN}&to=${seat('葛坑镇')}`)
    ).json();
    expect(again.durationSeconds).toBe(free.durationSeconds);
  });

  it('keeps road events in the database: a restarted or second instance lays them on its own graph', async () => {
    const free = (
      await as('dispatcher', 'GET', `/api/routing/route?from=${TOWN}&to=${seat('葛坑镇')}`)
    ).json();
    const coords = free.geometry.coordinates as [number, number][];
    const center = coords[Math.floor(coords.length / 2)]!;
    const created = (
      await as('commander', 'POST', '/api/routing/closures', {
        cause: 'flood',
        note: '漫水桥封闭',
        until: new Date(Date.now() + 3_600_000).toISOString(),
        place: { kind: 'circle', center, radiusMeters: 30 },
      })
    ).json();
    const row = await database.db
      .selectFrom('road_events')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ cause: 'flood', created_by: 'commander', removed_at: null });
    expect(row.edges).toEqual(created.edges);

    // Another instance on the same database (or this one after a restart) starts with the road closed.
    const other = await testApp(await testServices(database));
    try {
      const token = await other.login('dispatcher');
      const listed = (await other.as(token, { method: 'GET', url: '/api/routing/closures' })).json();
      expect(listed).toEqual({ items: [created], total: 1 });
      const detour = (
        await other.as(token, {
          method: 'GET',
          url: `/api/routing/route?from=${TOWN}&to=${seat('葛坑镇')}`,
        })
      ).json();
      expect(detour.avoided.map((c: { id: string }) => c.id)).toEqual([created.id]);
      expect(detour.durationSeconds).toBeGreaterThan(free.durationSeconds);

      // Reopened here: the other instance follows when the change reaches it (road.event.changed).
      expect((await as('commander', 'DELETE', `/api/routing/closures/${created.id}`)).statusCode).toBe(204);
      // This instance hears its own change (the handler must not wait on the one embedded connection).
      await services.bus.drain();
      expect((await as('commander', 'GET', '/api/routing/closures')).json()).toEqual({ items: [], total: 0 });
      await other.services.routing.sync('350526');
      expect((await other.as(token, { method: 'GET', url: '/api/routing/closures' })).json()).toEqual({
        items: [],
        total: 0,
      });
      const reopened = (
        await other.as(token, {
          method: 'GET',
          url: `/api/routing/route?from=${TOWN}&to=${seat('葛坑镇')}`,
        })
      ).json();
      expect(reopened.durationSeconds).toBe(free.durationSeconds);
      const gone = await database.db
        .selectFrom('road_events')
        .select(['removed_by', 'removed_at'])
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      expect(gone.removed_by).toBe('commander');
      expect(gone.removed_at).toBeInstanceOf(Date);
      const outbox = await database.db
        .selectFrom('outbox')
        .select('payload')
        .where('topic', '=', 'road.event.changed')
        .execute();
      const changes = outbox
        .map((o) => (typeof o.payload === 'string' ? JSON.parse(o.payload) : o.payload))
        .filter((p: { eventId: string }) => p.eventId === created.id)
        .map((p: { change: string }) => p.change);
      expect(changes).toEqual(['created', 'removed']);
    } finally {
      await other.close();
    }
  });

  it('rejects malformed closures', async () => {
    const bad = [
      { cause: 'meteor', place: { kind: 'edges', edges: [1] } },
      { cause: 'fog', speedFactor: 2, place: { kind: 'edges', edges: [1] } },
      { cause: 'fog', place: { kind: 'edges', edges: [] } },
      { cause: 'fog', place: { kind: 'edges', edges: [99_999_999] } },
      // Lengths carry their unit in the name.
      { cause: 'fog', place: { kind: 'circle', center: [118.24, 25.49], radiusM: 50 } },
      {
        cause: 'fog',
        place: {
          kind: 'line',
          line: [
            [118.24, 25.49],
            [118.25, 25.5],
          ],
          toleranceM: 20,
        },
      },
    ];
    for (const body of bad)
      expect((await as('dispatcher', 'POST', '/api/routing/closures', body)).statusCode).toBe(400);
    const nowhere = await as('dispatcher', 'POST', '/api/routing/closures', {
      cause: 'fog',
      place: { kind: 'circle', center: [116, 25], radiusMeters: 50 },
    });
    expect(nowhere.statusCode).toBe(422);
  });

  it('serves isochrones and the road map as GeoJSON', async () => {
    const iso = (await as('commander', 'GET', `/api/routing/isochrone?at=${TOWN}&minutes=5,10`)).json();
    expect(iso.features.map((f: { properties: { minutes: number } }) => f.properties.minutes)).toEqual([
      10, 5,
    ]);
    expect(iso.features[0].geometry.type).toBe('MultiPolygon');
    expect(iso.features[0].properties.reachableNodes).toBeGreaterThan(
      iso.features[1].properties.reachableNodes,
    );
    expect((await as('commander', 'GET', `/api/routing/isochrone?at=${TOWN}&minutes=0`)).statusCode).toBe(
      400,
    );
    const roads = (await as('commander', 'GET', '/api/routing/roads')).json();
    expect(roads.features.length).toBeGreaterThan(500);
    expect(roads.features[0].properties).toEqual({
      segment: expect.any(Number),
      name: roads.features[0].properties.name,
      class: expect.any(String),
      oneway: expect.any(Boolean),
      speedKmh: expect.any(Number),
      edges: expect.any(Array),
    });
    expect(
      roads.features.some((f: { properties: { name: string } }) => f.properties.name === '瓷都大道'),
    ).toBe(true);
  });
});

describe('graph registry', () => {
  it('prefers the imported file and explains a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ronghui-graphs-'));
    try {
      const none = createGraphRegistry({ dataDir: dir });
      expect(() => none.get('350526')).toThrow(/ronghui import-osm/);
      const path = graphPath(dir, '350526');
      rmSync(join(dir, 'graphs'), { recursive: true, force: true });
      mkdirSync(join(dir, 'graphs'));
      writeGraphFile(path, generatedDemoRoads('350526')!);
      expect(createGraphRegistry({ dataDir: dir }).get('350526').source).toBe('file');
      expect(() => graphPath(dir, '../etc')).toThrow(/6 digits/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
