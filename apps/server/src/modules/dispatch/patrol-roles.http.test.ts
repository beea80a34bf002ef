import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import { manualClock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';

const XUNZHONG = 'station-350526100';
const line = (unitIds: string[], stationId = XUNZHONG) => ({
  kind: 'patrol-line',
  name: '浔中城区夜巡线',
  geometry: {
    type: 'LineString',
    coordinates: [
      [118.24, 25.49],
      [118.25, 25.495],
    ],
  },
  stationId,
  unitIds,
});

describe.each(databaseKinds())('patrol plans and road closures: who may change them (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  const clock = manualClock(new Date());

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database, { clock }));
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  const unitsOf = async (stationId: string) =>
    (await database.db.selectFrom('units').select('id').where('station_id', '=', stationId).execute()).map(
      (u) => u.id,
    );

  it('lets leadership read the command picture but refuses its plan and closure writes', async () => {
    const leader = await t.login('leader');
    const commander = await t.login('commander');
    expect((await t.as(leader, { method: 'GET', url: '/api/coverage?minutes=5' })).statusCode).toBe(200);
    expect((await t.as(leader, { method: 'GET', url: '/api/patrol-plans' })).statusCode).toBe(200);
    expect((await t.as(leader, { method: 'GET', url: '/api/routing/closures' })).statusCode).toBe(200);

    const units = (await unitsOf(XUNZHONG)).slice(0, 1);
    const refused = await t.as(leader, { method: 'POST', url: '/api/patrol-plans', payload: line(units) });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/Planning patrols/);

    const created = await t.as(commander, { method: 'POST', url: '/api/patrol-plans', payload: line(units) });
    expect(created.statusCode).toBe(201);
    const url = `/api/patrol-plans/${created.json().id}`;
    expect((await t.as(leader, { method: 'PUT', url, payload: line([]) })).statusCode).toBe(403);
    expect((await t.as(leader, { method: 'DELETE', url })).statusCode).toBe(403);

    const closure = {
      cause: 'landslide',
      place: { kind: 'circle', center: [118.24, 25.49], radiusMeters: 200 },
    };
    expect(
      (await t.as(leader, { method: 'POST', url: '/api/routing/closures', payload: closure })).statusCode,
    ).toBe(403);
    expect((await t.as(commander, { method: 'DELETE', url })).statusCode).toBe(204);

    // Consoles in the station's line hear of each change (the refused ones are not announced).
    const announced = (
      await database.db
        .selectFrom('outbox')
        .select(['payload', 'org_ids'])
        .where('topic', '=', 'patrol.changed')
        .orderBy('id')
        .execute()
    )
      .map((o) => ({
        ...((typeof o.payload === 'string' ? JSON.parse(o.payload) : o.payload) as {
          featureId: string;
          change: string;
        }),
        orgIds: o.org_ids,
      }))
      .filter((e) => e.featureId === created.json().id);
    expect(announced.map((e) => e.change)).toEqual(['created', 'deleted']);
    for (const e of announced) expect(e.orgIds).toContain(XUNZHONG);
  });

  it('assigns only units of the plan station, naming the one that is not', async () => {
    const commander = await t.login('commander');
    const yangmei = (await unitsOf('station-350526200')).slice(0, 1);
    const res = await t.as(commander, { method: 'POST', url: '/api/patrol-plans', payload: line(yangmei) });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().errors)).toMatch(/belongs to another station.*浔中派出所/);
  });

  it('reopens a road by itself at the closure end time, and refuses an end time already past', async () => {
    const dispatcher = await t.login('dispatcher');
    const place = { kind: 'circle', center: [118.24, 25.49], radiusMeters: 200 };
    const past = await t.as(dispatcher, {
      method: 'POST',
      url: '/api/routing/closures',
      payload: { cause: 'accident', place, until: new Date(clock.now().getTime() - 60_000).toISOString() },
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().detail).toMatch(/end time has passed/);

    const until = new Date(clock.now().getTime() + 30 * 60_000).toISOString();
    const created = await t.as(dispatcher, {
      method: 'POST',
      url: '/api/routing/closures',
      payload: { cause: 'accident', note: '车祸', place, until },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().until).toBe(until);
    const ids = async () =>
      (await t.as(dispatcher, { method: 'GET', url: '/api/routing/closures' }))
        .json()
        .items.map((c: { id: string }) => c.id);
    expect(await ids()).toContain(created.json().id);
    clock.advance(29 * 60_000);
    expect(await ids()).toContain(created.json().id);
    clock.advance(2 * 60_000);
    expect(await ids()).not.toContain(created.json().id);
  });
});
