import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Database } from '../../platform/db/database.ts';

describe.each(databaseKinds())('coverage and patrol plans (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let commander: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database));
    commander = await t.login('commander');
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  it('reports the share of people and villages reached in 3/5/10 minutes, growing with time, by area', async () => {
    const res = await t.as(commander, { method: 'GET', url: '/api/coverage?minutes=3,5,10' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.availableUnits).toBeGreaterThan(50);
    const all = body.rows.find((r: { key: string }) => r.key === 'all');
    expect(all.villages).toBe(222);
    const shares = all.within.map((w: { populationShare: number }) => w.populationShare);
    expect(shares[0]).toBeLessThanOrEqual(shares[1]);
    expect(shares[1]).toBeLessThanOrEqual(shares[2]);
    expect(shares[2]).toBeGreaterThan(0.2);
    expect(
      body.rows
        .filter((r: { key: string }) => r.key !== 'all')
        .map((r: { name: string }) => r.name)
        .sort(),
    ).toEqual(['东片联勤区', '中片联勤区', '北片联勤区', '南片联勤区', '西片联勤区'].sort());
    // Each village with the road time of its first unit, for the map overlay; the rows count the same villages.
    expect(body.villages).toHaveLength(222);
    expect(body.villages[0]).toMatchObject({ code: expect.any(String), name: expect.any(String) });
    const in3 = body.villages.filter(
      (v: { arrivalSeconds: number | null }) => v.arrivalSeconds !== null && v.arrivalSeconds <= 180,
    );
    expect(in3.length).toBe(all.within[0].villages);
    expect((await t.as(commander, { method: 'GET', url: '/api/coverage?minutes=abc' })).statusCode).toBe(400);
  });

  it('loses coverage when units are busy', async () => {
    const before = (await t.as(commander, { method: 'GET', url: '/api/coverage?minutes=10' })).json();
    const yangmei = await database.db
      .selectFrom('units')
      .select('id')
      .where('station_id', '=', 'station-350526200')
      .execute();
    await database.db
      .updateTable('units')
      .set({ status: 'out-of-service' })
      .where(
        'id',
        'in',
        yangmei.map((u) => u.id),
      )
      .execute();
    const after = (await t.as(commander, { method: 'GET', url: '/api/coverage?minutes=10' })).json();
    expect(after.availableUnits).toBeLessThan(before.availableUnits);
    const north = (b: { rows: { name: string; within: { populationShare: number }[] }[] }) =>
      b.rows.find((r) => r.name === '北片联勤区')!.within[0]!.populationShare;
    expect(north(after)).toBeLessThan(north(before));
  });

  it('stores guard points, patrol lines and control areas with units, audited', async () => {
    const yangmeiUnits = await database.db
      .selectFrom('units')
      .select('id')
      .where('station_id', '=', 'station-350526100')
      .limit(2)
      .execute();
    const line = {
      kind: 'patrol-line',
      name: '浔中城区夜巡线',
      geometry: {
        type: 'LineString',
        coordinates: [
          [118.24, 25.49],
          [118.25, 25.495],
          [118.255, 25.5],
        ],
      },
      stationId: 'station-350526100',
      unitIds: yangmeiUnits.map((u) => u.id),
    };
    const created = await t.as(commander, { method: 'POST', url: '/api/patrol-plans', payload: line });
    expect(created.statusCode).toBe(201);
    expect(created.json().properties).toMatchObject({ name: '浔中城区夜巡线', stationName: '浔中派出所' });
    const wrong = await t.as(commander, {
      method: 'POST',
      url: '/api/patrol-plans',
      payload: { ...line, kind: 'guard-point' },
    });
    expect(wrong.statusCode).toBe(400);
    const list = (await t.as(commander, { method: 'GET', url: '/api/patrol-plans' })).json();
    // The demo's own features (古镇义警队's, 上涌) aside: 浔中 has the one just drawn.
    const xunzhong = list.items.filter(
      (f: { properties: { stationId: string } }) => f.properties.stationId === 'station-350526100',
    );
    expect(xunzhong).toMatchObject([{ type: 'Feature', id: created.json().id }]);
    expect(xunzhong[0].geometry).toEqual(line.geometry);
    const yangmei = await t.login('officer-yangmei');
    expect((await t.as(yangmei, { method: 'GET', url: '/api/patrol-plans' })).json()).toEqual({
      items: [],
      total: 0,
    });
    expect(
      (await t.as(commander, { method: 'DELETE', url: `/api/patrol-plans/${created.json().id}` })).statusCode,
    ).toBe(204);
    const audit = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'patrol.%')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['patrol.create', 'patrol.delete']);
  });
});
