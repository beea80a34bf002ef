import { isOnDuty } from '@ronghui/dispatch';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import { openSocket } from '../../../../../test/support/ws.ts';
import type { Database } from '../../platform/db/database.ts';
import { createAvlService } from './avl.service.ts';
import { createUnitsRepo } from './units.repo.ts';

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
    const list = (await t.as(yangmei, { method: 'GET', url: '/api/units' })).json();
    expect(list.total).toBe(list.items.length);
    const mine = list.items;
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((u: { stationName: string }) => u.stationName))).toEqual(new Set(['杨梅派出所']));
    const all = (await t.as(commander, { method: 'GET', url: '/api/units' })).json().items;
    expect(all.length).toBeGreaterThan(18 * 8);
    expect(all.some((u: { pool: string | null }) => u.pool === 'county-town')).toBe(true);
    const other = all.find((u: { stationName: string }) => u.stationName === '浔中派出所');
    expect((await t.as(yangmei, { method: 'GET', url: `/api/units/${other.id}` })).statusCode).toBe(404);
  });

  it('appends every status report to the unit history', async () => {
    const mine = (await t.as(yangmei, { method: 'GET', url: '/api/units' })).json().items;
    const unit = mine[0];
    const res = await t.as(yangmei, {
      method: 'POST',
      url: `/api/units/${unit.id}/status`,
      payload: { status: 'out-of-service', note: '车辆保养' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'out-of-service', statusName: { zh: '暂停服务' } });
    const event = await t.services.db
      .selectFrom('outbox')
      .select(['payload', 'org_ids'])
      .where('topic', '=', 'unit.status')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.payload).toMatchObject({
      unitId: unit.id,
      callsign: unit.callsign,
      stationId: unit.stationId,
      from: unit.status,
      status: 'out-of-service',
      incidentId: unit.incidentId,
    });
    expect(event.org_ids).toEqual(expect.arrayContaining(['350526', 'station-350526200']));
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
    const mine = (await t.as(yangmei, { method: 'GET', url: '/api/units' })).json().items;
    const all = (await t.as(commander, { method: 'GET', url: '/api/units' })).json().items;
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

  it('stores concurrent batches before answering, audits each sender, shows positions live within scope', async () => {
    const mine = (await t.as(yangmei, { method: 'GET', url: '/api/units' })).json().items;
    const all = (await t.as(commander, { method: 'GET', url: '/api/units' })).json().items;
    const foreign = all.find((u: { stationName: string }) => u.stationName === '浔中派出所');
    await t.services.bus.start();
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const officerSocket = await openSocket(url, yangmei);
    const commandSocket = await openSocket(url, commander);
    for (const s of [officerSocket, commandSocket]) {
      s.send({ type: 'subscribe', topics: ['unit.positions'] });
      await s.waitFor((m) => m.type === 'subscribed');
    }
    const count = async () =>
      Number(
        (
          await t.services.db
            .selectFrom('avl_positions')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const lastSeq = Number(
      (
        await t.services.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.max('seq').as('s'))
          .executeTakeFirstOrThrow()
      ).s,
    );
    const batches = 20;
    const results = await Promise.all(
      Array.from({ length: batches }, (_, i) =>
        t.as(i % 2 ? yangmei : commander, {
          method: 'POST',
          url: '/api/avl',
          payload: {
            positions: [
              { unitId: mine[i % mine.length].id, lon: 118.03 + i / 10_000, lat: 25.71 },
              ...(i % 2 ? [] : [{ unitId: foreign.id, lon: 118.25 + i / 10_000, lat: 25.5 }]),
            ],
          },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(batches).fill(200));
    // Acknowledged means stored: no waiting for anything after the replies.
    expect((await count()) - before).toBe(batches + batches / 2);
    const audits = await t.services.db
      .selectFrom('audit_log')
      .select(['actor', 'detail'])
      .where('action', '=', 'avl.ingest')
      .where('seq', '>', String(lastSeq) as never)
      .execute();
    const sum = (who: string, key: 'accepted' | 'batches') =>
      audits
        .filter((a) => a.actor === who)
        .reduce((n, a) => n + Number((a.detail as Record<string, number>)[key]), 0);
    expect(sum('officer-yangmei', 'batches')).toBe(batches / 2);
    expect(sum('officer-yangmei', 'accepted')).toBe(batches / 2);
    expect(sum('commander', 'batches')).toBe(batches / 2);
    expect(sum('commander', 'accepted')).toBe(batches);
    const seen = (s: typeof officerSocket, unitId: string) =>
      s.messages.some(
        (m) =>
          m.topic === 'unit.positions' &&
          (m.payload as { positions: { unitId: string }[] }).positions.some((p) => p.unitId === unitId),
      );
    await commandSocket.waitFor(() => seen(commandSocket, foreign.id));
    await officerSocket.waitFor(() => seen(officerSocket, mine[0].id));
    expect(seen(officerSocket, foreign.id)).toBe(false);
    officerSocket.close();
    commandSocket.close();
  });

  it('batches arriving during a write share the next transaction; one that cannot be written fails alone', async () => {
    const repo = createUnitsRepo();
    const s = t.services;
    const avl = createAvlService({
      db: s.db,
      orgs: s.orgs,
      audit: s.audit,
      bus: s.bus,
      clock: s.clock,
      repo: {
        ...repo,
        async storePositions(trx, tenantCode, rows) {
          if (rows.some((r) => r.lon === 118.0999)) throw new Error('storage refused the batch');
          return repo.storePositions(trx, tenantCode, rows);
        },
      },
    });
    const mine = (await t.as(yangmei, { method: 'GET', url: '/api/units' })).json().items;
    const actor = { tenantCode: '350526', userId: 'system:test', username: 'test' };
    const fix = (lon: number) => [{ unitId: mine[0].id, lon, lat: 25.72 }];
    // One batch first, so the service's caches (units, county bounds) are warm and the next four reach the
    // writer in the order they were handed in, without waiting on the database in between.
    await avl.ingest('350526', actor, fix(118.09), 'http');
    const outcomes = await Promise.allSettled([
      avl.ingest('350526', actor, fix(118.0901), 'http'),
      avl.ingest('350526', actor, fix(118.0902), 'http'),
      avl.ingest('350526', actor, fix(118.0999), 'http'),
      avl.ingest('350526', actor, fix(118.0903), 'http'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    // After the warm-up batch, the first was written at once; the three that came meanwhile were tried
    // together, and when that failed, one by one: the audit shows the good ones in their own records.
    const audited = await s.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'avl.ingest')
      .where('actor', '=', 'test')
      .orderBy('seq')
      .execute();
    expect(audited.map((a) => (a.detail as { accepted: number; batches: number }).batches)).toEqual([
      1, 1, 1, 1,
    ]);
    const grouped = await Promise.all(
      [118.0911, 118.0912, 118.0913, 118.0914].map((lon) => avl.ingest('350526', actor, fix(lon), 'mqtt')),
    );
    expect(grouped.map((g) => g.accepted)).toEqual([1, 1, 1, 1]);
    const mqttAudits = await s.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'avl.ingest')
      .where('actor', '=', 'test')
      .where(sql<boolean>`detail->>'source' = 'mqtt'`)
      .orderBy('seq')
      .execute();
    // Four batches in fewer transactions (normally 1 and 3: the first is written at once).
    const batches = mqttAudits.map((a) => (a.detail as { batches: number }).batches);
    expect(batches.reduce((n, b) => n + b, 0)).toBe(4);
    expect(batches.length).toBeLessThan(4);
    const stored = await s.db
      .selectFrom('avl_positions')
      .select('lon')
      .where('lon', 'in', [118.0901, 118.0902, 118.0903, 118.0999])
      .execute();
    expect(stored.map((r) => r.lon).sort()).toEqual([118.0901, 118.0902, 118.0903]);
  });

  it("writes a unit's own position at most once a second, every fix to the history at once", async () => {
    const mine = (await t.as(yangmei, { method: 'GET', url: '/api/units' })).json().items;
    const unitId = mine[2].id;
    // The unit moved in the test before: let its second pass.
    await t.services.avl.flush();
    await new Promise((r) => setTimeout(r, 1_100));
    const base = Date.now() + 5_000;
    const post = (lon: number, at: number) =>
      t.as(yangmei, {
        method: 'POST',
        url: '/api/avl',
        payload: { positions: [{ unitId, lon, lat: 25.73, at: new Date(at).toISOString() }] },
      });
    const position = async () =>
      (await t.as(yangmei, { method: 'GET', url: `/api/units/${unitId}` })).json().position;
    expect((await post(118.0501, base)).statusCode).toBe(200);
    expect(await position()).toMatchObject({ lon: 118.0501 });
    expect((await post(118.0502, base + 1_000)).statusCode).toBe(200);
    expect((await post(118.0503, base + 2_000)).statusCode).toBe(200);
    // Within the second: the history has every fix, the unit row waits for the newest.
    const stored = await t.services.db
      .selectFrom('avl_positions')
      .select('lon')
      .where('unit_id', '=', unitId)
      .where('lon', 'in', [118.0501, 118.0502, 118.0503])
      .execute();
    expect(stored).toHaveLength(3);
    expect(await position()).toMatchObject({ lon: 118.0501 });
    await t.services.avl.flush();
    expect(await position()).toMatchObject({ lon: 118.0503 });
    // An older fix arriving late never moves the unit back.
    expect((await post(118.0504, base + 500)).statusCode).toBe(200);
    await t.services.avl.flush();
    expect(await position()).toMatchObject({ lon: 118.0503 });
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
