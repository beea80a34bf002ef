import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import { HISTORY_TAG, seedIncidentHistory } from '../../demo/seed-incident-history.ts';
import type { Database } from '../../platform/db/database.ts';

describe.each(databaseKinds())('incident trend against last year (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let commander: string;
  let seeded: number;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database));
    commander = await t.login('commander');
    seeded = await seedIncidentHistory(t.services, { tenantCode: '350526', days: 400, perDay: 6 });
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  const count = async (from: string, to: string, stationId?: string) => {
    let q = database.db
      .selectFrom('incidents as i')
      .where('i.received_at', '>=', new Date(from))
      .where('i.received_at', '<', new Date(to));
    if (stationId) q = q.where('i.station_id', '=', stationId);
    return Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  };

  it('seeds a year of closed incidents, located and timed like real ones', async () => {
    expect(seeded).toBeGreaterThan(400 * 6 * 0.8);
    const rows = await database.db
      .selectFrom('incidents')
      .select([
        'status',
        'station_id',
        'zone',
        'received_at',
        'dispatched_at',
        'on_scene_at',
        'closed_at',
        'description',
      ])
      .where('description', 'like', `${HISTORY_TAG}%`)
      .execute();
    expect(rows).toHaveLength(seeded);
    for (const r of rows.slice(0, 200)) {
      expect(['closed', 'callback']).toContain(r.status);
      expect(r.station_id).toMatch(/^station-/);
      const times = [r.received_at, r.dispatched_at, r.on_scene_at, r.closed_at].map((x) =>
        new Date(x!).getTime(),
      );
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    }
  });

  it('compares the last 30 days with the same days last year, in total, by day and by kind', async () => {
    const res = await t.as(commander, { method: 'GET', url: '/api/incidents/trend?days=30' });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.days).toHaveLength(30);
    expect(r.total).toBe(await count(r.from, r.to));
    expect(r.lastYearTotal).toBe(await count(r.lastYearFrom, r.lastYearTo));
    expect(r.lastYearTotal).toBeGreaterThan(0);
    expect(r.days.reduce((s: number, d: { count: number }) => s + d.count, 0)).toBe(r.total);
    expect(r.byKind.reduce((s: number, k: { lastYear: number }) => s + k.lastYear, 0)).toBe(r.lastYearTotal);
    expect(r.changePercent).toBeCloseTo(((r.total - r.lastYearTotal) / r.lastYearTotal) * 100, 0);
  });

  it('keeps a station officer to their station and filters by area', async () => {
    const officer = await t.login('officer-yangmei');
    const mine = (await t.as(officer, { method: 'GET', url: '/api/incidents/trend?days=365' })).json();
    const station = (
      await database.db
        .selectFrom('orgs')
        .select('id')
        .where('name', '=', '杨梅派出所')
        .executeTakeFirstOrThrow()
    ).id;
    expect(mine.total).toBe(await count(mine.from, mine.to, station));
    const all = (await t.as(commander, { method: 'GET', url: '/api/incidents/trend?days=365' })).json();
    const north = (
      await t.as(commander, { method: 'GET', url: '/api/incidents/trend?days=365&area=north' })
    ).json();
    expect(mine.total).toBeLessThan(north.total);
    expect(north.total).toBeLessThan(all.total);
  });

  it('names what is wrong with a bad request', async () => {
    const bad = await t.as(commander, { method: 'GET', url: '/api/incidents/trend?days=0' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('days');
    const area = await t.as(commander, { method: 'GET', url: '/api/incidents/trend?area=nowhere' });
    expect(area.statusCode).toBe(400);
    expect(area.json().detail ?? JSON.stringify(area.json())).toContain('nowhere');
  });
});
