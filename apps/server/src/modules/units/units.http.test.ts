import { isOnDuty } from '@ronghui/dispatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Database } from '../../platform/db/database.ts';

describe.each(databaseKinds())('units, status and AVL (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let commander: string;
  let yangmei: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database));
    commander = await t.login('commander');
    yangmei = await t.login('officer-yangmei');
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  it('seeds every station with 6–12 people and 2–4 vehicles, at least 3 on duty at every hour', async () => {
    const units = await database.db.selectFrom('units').selectAll().execute();
    const rotations = await database.db.selectFrom('duty_rotations').selectAll().execute();
    const stations = [
      ...new Set(units.filter((u) => u.station_id.startsWith('station-')).map((u) => u.station_id)),
    ];
    expect(stations).toHaveLength(18);
    const start = Math.min(...rotations.map((r) => new Date(r.anchor).getTime()));
    for (const s of stations) {
      const mine = units.filter((u) => u.station_id === s);
      const people = mine.filter((u) => u.kind !== 'vehicle');
      const vehicles = mine.filter((u) => u.kind === 'vehicle');
      expect(people.length).toBeGreaterThanOrEqual(6);
      expect(people.length).toBeLessThanOrEqual(12);
      expect(vehicles.length).toBeGreaterThanOrEqual(2);
      expect(vehicles.length).toBeLessThanOrEqual(4);
      for (let h = -24; h < 72; h++) {
        const at = start + h * 3_600_000 + 1_000;
        const onDuty = people.filter((u) => {
          const r = rotations.find((x) => x.unit_id === u.id)!;
          return isOnDuty(
            { anchor: new Date(r.anchor).getTime(), onHours: r.on_hours, offHours: r.off_hours },
            at,
          );
        });
        expect(onDuty.length).toBeGreaterThanOrEqual(3);
      }
    }
    expect(units.filter((u) => u.pool === 'county-town').length).toBeGreaterThanOrEqual(20);
  });

  it('shows a station officer only the units of their station, the commander all', async () => {
    const mine = (await t.as(yangmei, { method: 'GET', url: '/api/units' })).json();
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((u: { stationName: string }) => u.stationName))).toEqual(new Set(['杨梅派出所']));
    const all = (await t.as(commander, { method: 'GET', url: '/api/units' })).json();
    expect(all.length).toBeGreaterThan(18 * 8);
    expect(all.some((u: { pool: string | null }) => u.pool === 'county-town')).toBe(true);
    const other = all.find((u: { stationName: string }) => u.stationName === '浔中派出所');
    expect((await t.as(yangmei, { method: 'GET', url: `/api/units/${other.id}` })).statusCode).toBe(404);
  });

  it('appends every status report to the unit history', async () => {
    const mine = (await t.as(yangmei, { method: 'GET', url: '/api/units' })).json();
    const unit = mine[0];
    const res = await t.as(yangmei, {
      method: 'POST',
      url: `/api/units/${unit.id}/status`,
      payload: { status: 'out-of-service', note: '车辆保养' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'out-of-service', statusName: { zh: '暂停服务' } });
    await t.as(yangmei, {
      method: 'POST',
      url: `/api/units/${unit.id}/status`,
      payload: { status: 'available' },
    });
    const detail = (await t.as(yangmei, { method: 'GET', url: `/api/units/${unit.id}` })).json();
    expect(detail.history.slice(0, 2).map((h: { status: string }) => h.status)).toEqual([
      'available',
      'out-of-service',
    ]);
    expect(detail.history[1].note).toBe('车辆保养');
    expect(detail.history[1].position).not.toBeNull();
    const bad = await t.as(yangmei, {
      method: 'POST',
      url: `/api/units/${unit.id}/status`,
      payload: { status: 'sleeping' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('stores accepted positions, refuses bad ones by reason, and loses none', async () => {
    const mine = (await t.as(yangmei, { method: 'GET', url: '/api/units' })).json();
    const all = (await t.as(commander, { method: 'GET', url: '/api/units' })).json();
    const foreign = all.find((u: { stationName: string }) => u.stationName === '浔中派出所');
    const before = await t.services.db
      .selectFrom('avl_positions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const now = Date.now();
    const positions = [
      {
        unitId: mine[0].id,
        lon: 118.02,
        lat: 25.7,
        speedKmh: 40,
        heading: 90,
        at: new Date(now).toISOString(),
      },
      { unitId: mine[1].id, lon: 118.021, lat: 25.701 },
      { unitId: mine[0].id, lon: 116.4, lat: 39.9 },
      { unitId: mine[0].id, lon: 118.02, lat: 25.7, at: now + 3_600_000 },
      { unitId: 'no-such-unit', lon: 118.02, lat: 25.7 },
      { unitId: foreign.id, lon: 118.24, lat: 25.49 },
    ];
    const res = await t.as(yangmei, { method: 'POST', url: '/api/avl', payload: { positions } });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({
      accepted: 2,
      rejected: [
        { index: 2, unitId: mine[0].id, reason: 'outside-area' },
        { index: 3, unitId: mine[0].id, reason: 'future-time' },
        { index: 4, unitId: 'no-such-unit', reason: 'unknown-unit' },
        { index: 5, unitId: foreign.id, reason: 'not-permitted' },
      ],
    });
    const after = await t.services.db
      .selectFrom('avl_positions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(2);
    const unit = (await t.as(yangmei, { method: 'GET', url: `/api/units/${mine[0].id}` })).json();
    expect(unit.position).toMatchObject({ lon: 118.02, lat: 25.7, speedKmh: 40, heading: 90 });
    const counts = (await t.as(commander, { method: 'GET', url: '/api/avl/rejections' })).json();
    expect(counts).toMatchObject({
      'outside-area': 1,
      'future-time': 1,
      'unknown-unit': 1,
      'not-permitted': 1,
    });
  });

  it('refuses malformed batches with the field named', async () => {
    const res = await t.as(yangmei, {
      method: 'POST',
      url: '/api/avl',
      payload: { positions: [{ unitId: 'x', lon: 'east', lat: 25 }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body/positions/0/lon');
    const analyst = await t.login('analyst');
    expect(
      (
        await t.as(analyst, {
          method: 'POST',
          url: '/api/avl',
          payload: { positions: [{ unitId: 'x', lon: 118, lat: 25 }] },
        })
      ).statusCode,
    ).toBe(403);
  });
});
