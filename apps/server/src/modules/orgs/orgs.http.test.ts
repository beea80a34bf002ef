import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Database } from '../../platform/db/database.ts';
import type { OrgTreeNode } from './org.ts';

function count(node: OrgTreeNode, kind: string): number {
  return (node.kind === kind ? 1 : 0) + node.children.reduce((s, c) => s + count(c, kind), 0);
}

describe.each(databaseKinds())('organisations (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database));
    cookie = await t.login('commander');
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  it('serves the Dehua tree: bureau → 5 areas → 18 stations + 2 brigades → 45 grids', async () => {
    const res = await t.as(cookie, { method: 'GET', url: '/api/orgs/tree' });
    expect(res.statusCode).toBe(200);
    const root: OrgTreeNode = res.json();
    expect(root).toMatchObject({ name: '德化县公安局', kind: 'tenant', code: '350526' });
    expect(root.children.map((a) => a.name).sort()).toEqual(
      ['中片联勤区', '北片联勤区', '南片联勤区', '东片联勤区', '西片联勤区'].sort(),
    );
    expect(count(root, 'station')).toBe(18);
    expect(count(root, 'brigade')).toBe(2);
    expect(count(root, 'grid')).toBe(45);
    const north = root.children.find((a) => a.name === '北片联勤区')!;
    expect(north.children.map((s) => s.name).sort()).toEqual(
      ['上涌派出所', '杨梅派出所', '桂阳派出所', '汤头派出所', '葛坑派出所'].sort(),
    );
    const center = root.children.find((a) => a.name === '中片联勤区')!;
    expect(
      center.children
        .filter((c) => c.kind === 'brigade')
        .map((b) => b.name)
        .sort(),
    ).toEqual(['交警大队', '巡特警大队'].sort());
    for (const station of north.children) expect(station.children.every((g) => g.kind === 'grid')).toBe(true);
  });

  it('serves boundaries and positions as WGS-84 GeoJSON, filterable by kind', async () => {
    const res = await t.as(cookie, { method: 'GET', url: '/api/orgs/geojson?kinds=tenant,grid' });
    const fc = res.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(46);
    const tenant = fc.features.find((f: { properties: { kind: string } }) => f.properties.kind === 'tenant');
    expect(tenant.geometry.type).toBe('MultiPolygon');
    const [lon, lat] = tenant.geometry.coordinates[0][0][0];
    expect(lon).toBeGreaterThan(117.9);
    expect(lon).toBeLessThan(118.6);
    expect(lat).toBeGreaterThan(25.3);
    expect(lat).toBeLessThan(26.0);
    const stations = (await t.as(cookie, { method: 'GET', url: '/api/orgs/geojson?kinds=station' })).json();
    expect(stations.features.every((f: { geometry: { type: string } }) => f.geometry.type === 'Point')).toBe(
      true,
    );
    expect((await t.as(cookie, { method: 'GET', url: '/api/orgs/geojson?kinds=planet' })).statusCode).toBe(
      400,
    );
  });

  it('seeds the gazetteer: 18 townships and 222 villages, each tied to a station and a grid', async () => {
    const rows = await database.db
      .selectFrom('divisions')
      .select(['level', 'station_id', 'grid_id', 'population'])
      .execute();
    const villages = rows.filter((r) => r.level === 'village');
    expect(rows.filter((r) => r.level === 'township')).toHaveLength(18);
    expect(villages).toHaveLength(222);
    expect(villages.every((v) => v.station_id && v.grid_id)).toBe(true);
    const population = villages.reduce((s, v) => s + v.population, 0);
    expect(population).toBeGreaterThan(336_000);
    expect(population).toBeLessThan(344_000);
  });

  it('needs a signed-in user', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/orgs/tree' })).statusCode).toBe(401);
  });
});
