import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import { manualClock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import { createSimulator, type Simulator } from './simulator.ts';

/**
 * The seed article end to end: 110 call → recommendation across 北片 → five station requests → stations commit
 * (simulated) → units drive their road routes → arrivals stamped → closed, and the metrics show each step.
 */
describe.each(databaseKinds())('杨梅乡 scenario with the simulator (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let sim: Simulator;
  const clock = manualClock(new Date());

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    const services = await testServices(database, { clock });
    t = await testApp(services);
    sim = createSimulator(
      services,
      {
        tenantCode: '350526',
        speedup: 1,
        incidentsPerDay: 0,
        onSceneMinutes: 20,
        tickMs: 1_000,
        seed: 1,
        autoCommit: true,
      },
      pino({ level: process.env.SIM_LOG ? 'warn' : 'silent' }),
    );
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  it('runs from the call to the closed incident with every step timed', async () => {
    let north = await t.login('dispatcher-north');
    const created = await t.as(north, {
      method: 'POST',
      url: '/api/incidents',
      payload: {
        source: '110',
        category: '刑事',
        priority: 1,
        description: '涉嫌盗窃的犯罪嫌疑人出现在杨梅乡',
        address: '德化县杨梅乡',
      },
    });
    const id = created.json().id;
    clock.advance(20_000);
    const rec = (
      await t.as(north, {
        method: 'GET',
        url: `/api/incidents/${id}/recommendations?scope=area&perStation=2`,
      })
    ).json();
    expect(rec.items.length).toBeGreaterThan(0);
    clock.advance(15_000);
    const requests = (
      await t.as(north, {
        method: 'POST',
        url: `/api/incidents/${id}/requests`,
        payload: { stations: 'area', perStation: 2 },
      })
    ).json();
    expect(requests.items).toHaveLength(5);

    await sim.tick();
    const board = (await t.as(north, { method: 'GET', url: `/api/incidents/${id}/requests` })).json().items;
    expect(board.every((r: { status: string }) => r.status === 'committed' || r.status === 'declined')).toBe(
      true,
    );
    const committed: string[] = board.flatMap((r: { unitIds: string[] }) => r.unitIds);
    expect(committed.length).toBeGreaterThanOrEqual(8);

    // Drive: 30 s steps for up to three hours of simulated time, until every committed unit is on scene.
    let onScene = 0;
    for (let i = 0; i < 360 && onScene < committed.length; i++) {
      clock.advance(30_000);
      await sim.tick();
      const rows = await database.db
        .selectFrom('units')
        .select('status')
        .where('id', 'in', committed)
        .execute();
      onScene = rows.filter((r) => r.status === 'on-scene').length;
    }
    const left = await database.db
      .selectFrom('units')
      .select(['id', 'status', 'lon', 'lat', 'station_id'])
      .where('id', 'in', committed)
      .where('status', '!=', 'on-scene')
      .execute();
    expect(onScene, JSON.stringify(left)).toBe(committed.length);
    expect(sim.stats.errors).toBe(0);
    expect(sim.stats.fixes).toBeGreaterThan(committed.length);

    // Hours of simulated time have passed: the dispatcher's idle session has ended; sign in again.
    north = await t.login('dispatcher-north');
    const incident = (await t.as(north, { method: 'GET', url: `/api/incidents/${id}` })).json();
    expect(incident.status).toBe('on-scene');
    expect(incident.times.dispatched).not.toBeNull();
    expect(incident.times.onScene).not.toBeNull();
    const positions = await database.db
      .selectFrom('avl_positions')
      .select('unit_id')
      .where('source', '=', 'simulator')
      .execute();
    expect(new Set(positions.map((p) => p.unit_id))).toEqual(new Set(committed));

    const commander = await t.login('commander');
    await t.as(commander, {
      method: 'POST',
      url: `/api/incidents/${id}/status`,
      payload: { status: 'resolved', disposition: 'handled-on-scene' },
    });
    const closed = await t.as(commander, {
      method: 'POST',
      url: `/api/incidents/${id}/status`,
      payload: { status: 'closed' },
    });
    expect(closed.json().status).toBe('closed');

    const metrics = (await t.as(north, { method: 'GET', url: '/api/dispatch/metrics?area=north' })).json();
    const area = metrics.byArea.find((a: { name: string }) => a.name === '北片联勤区');
    expect(area.incidents).toBe(1);
    expect(area.callToDispatch.p50Seconds).toBeGreaterThanOrEqual(35);
    // The incident is on scene with the first unit (杨梅's own, a few hundred metres away); the others drive on.
    expect(area.dispatchToArrival.count).toBe(1);
    expect(area.callToArrival.p50Seconds).toBeGreaterThanOrEqual(area.callToDispatch.p50Seconds);
    const history = await database.db
      .selectFrom('unit_status_history')
      .select(['unit_id', 'status', 'at'])
      .where('unit_id', 'in', committed)
      .where('status', 'in', ['en-route', 'on-scene'])
      .execute();
    const drive = committed.map((u) => {
      const left = history.find((h) => h.unit_id === u && h.status === 'en-route')!;
      const came = history.find((h) => h.unit_id === u && h.status === 'on-scene')!;
      return (new Date(came.at).getTime() - new Date(left.at).getTime()) / 1000;
    });
    expect(Math.min(...drive)).toBeLessThan(120);
    expect(Math.max(...drive)).toBeGreaterThan(600);
    expect(area.arrived).toBe(1);
    expect(typeof area.targetCompliance).toBe('number');
  });
});
