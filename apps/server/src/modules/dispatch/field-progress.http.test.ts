import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import { openSocket } from '../../../../../test/support/ws.ts';
import type { Database } from '../../platform/db/database.ts';

interface UnitView {
  id: string;
  callsign: string;
  stationName: string;
  kind: string;
  onDuty: boolean;
  status: string;
}

/** The officer in the field: signing on to a unit, reporting progress on an incident, asking for backup. */
describe.each(databaseKinds())('field progress from the phone (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let north: string;
  let yangmei: string;
  let incidentId: string;
  let mine: UnitView[];

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database));
    north = await t.login('dispatcher-north');
    yangmei = await t.login('officer-yangmei');
    const res = await t.as(north, {
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
    expect(res.statusCode).toBe(201);
    incidentId = res.json().id;
    mine = (await t.as(yangmei, { method: 'GET', url: '/api/units' })).json().items;
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  it('signs an officer on to a unit of their station and off again, audited; never onto a foreign one', async () => {
    expect((await t.as(yangmei, { method: 'GET', url: '/api/units/mine' })).json()).toEqual({
      unit: null,
      since: null,
    });
    const unit = mine.find((u) => u.kind === 'officer')!;
    const on = await t.as(yangmei, { method: 'PUT', url: '/api/units/mine', payload: { unitId: unit.id } });
    expect(on.statusCode).toBe(200);
    expect(on.json().unit.id).toBe(unit.id);
    expect(Date.parse(on.json().since)).toBeGreaterThan(0);
    expect((await t.as(yangmei, { method: 'GET', url: '/api/units/mine' })).json().unit.callsign).toBe(
      unit.callsign,
    );

    const all = (await t.as(north, { method: 'GET', url: '/api/units' })).json().items as UnitView[];
    const foreign = all.find((u) => u.stationName === '上涌派出所')!;
    const refused = await t.as(yangmei, {
      method: 'PUT',
      url: '/api/units/mine',
      payload: { unitId: foreign.id },
    });
    expect(refused.statusCode).toBe(404);
    // Still on the unit signed on to before.
    expect((await t.as(yangmei, { method: 'GET', url: '/api/units/mine' })).json().unit.id).toBe(unit.id);
    // A command room does not crew units.
    expect(
      (await t.as(north, { method: 'PUT', url: '/api/units/mine', payload: { unitId: unit.id } })).statusCode,
    ).toBe(403);

    const off = await t.as(yangmei, { method: 'DELETE', url: '/api/units/mine' });
    expect(off.json()).toEqual({ unit: null, since: null });
    const actions = await database.db
      .selectFrom('audit_log')
      .select(['action', 'resource_id'])
      .where('action', 'in', ['unit.sign-on', 'unit.sign-off'])
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => `${a.action} ${a.resource_id}`)).toEqual([
      `unit.sign-on ${unit.id}`,
      `unit.sign-off ${unit.id}`,
    ]);
  });

  it('stamps en route and on scene on the incident: the first unit moves it on, later ones only add entries', async () => {
    const [a, b] = mine.filter((u) => u.kind !== 'vehicle' && u.onDuty && u.status === 'available');
    expect(a && b).toBeTruthy();
    const sent = await t.as(north, {
      method: 'POST',
      url: `/api/incidents/${incidentId}/dispatch`,
      payload: { unitIds: [a!.id, b!.id] },
    });
    expect(sent.statusCode).toBeLessThan(300);
    // The incident's readers see which units it has had and since when (the console's per-unit progress).
    const assigned = await t.as(yangmei, { method: 'GET', url: `/api/incidents/${incidentId}/units` });
    expect(assigned.statusCode).toBe(200);
    expect(
      assigned
        .json()
        .items.map((u: { unitId: string }) => u.unitId)
        .sort(),
    ).toEqual([a!.id, b!.id].sort());
    expect(Date.parse(assigned.json().items[0].dispatchedAt)).toBeGreaterThan(0);
    const foreign = await t.as(await t.login('officer-shangyong'), {
      method: 'GET',
      url: `/api/incidents/${incidentId}/units`,
    });
    expect(foreign.statusCode).toBe(404);
    const status = (unitId: string, s: string) =>
      t.as(yangmei, {
        method: 'POST',
        url: `/api/units/${unitId}/status`,
        // Available is free again: tied to no incident (the one it leaves is stamped all the same).
        payload: s === 'available' ? { status: s } : { status: s, incidentId },
      });

    expect((await status(a!.id, 'en-route')).statusCode).toBe(200);
    let incident = (await t.as(north, { method: 'GET', url: `/api/incidents/${incidentId}` })).json();
    expect(incident.status).toBe('en-route');
    const enRouteAt = incident.times.enRoute;
    expect(enRouteAt).not.toBeNull();

    expect((await status(b!.id, 'en-route')).statusCode).toBe(200);
    expect((await status(b!.id, 'on-scene')).statusCode).toBe(200);
    incident = (await t.as(north, { method: 'GET', url: `/api/incidents/${incidentId}` })).json();
    expect(incident.status).toBe('on-scene');
    expect(incident.times.enRoute).toBe(enRouteAt);
    expect(Date.parse(incident.times.onScene)).toBeGreaterThanOrEqual(Date.parse(enRouteAt));
    expect((await status(a!.id, 'on-scene')).statusCode).toBe(200);
    expect((await status(a!.id, 'returning')).statusCode).toBe(200);
    const freed = await status(a!.id, 'available');
    expect(freed.statusCode, freed.body).toBe(200);

    incident = (await t.as(north, { method: 'GET', url: `/api/incidents/${incidentId}` })).json();
    const reports = incident.timeline
      .filter((e: { kind: string }) => e.kind === 'unit-status')
      .map(
        (e: { detail: { callsign: string; status: string } }) => `${e.detail.callsign} ${e.detail.status}`,
      );
    expect(reports).toEqual([
      `${a!.callsign} en-route`,
      `${b!.callsign} en-route`,
      `${b!.callsign} on-scene`,
      `${a!.callsign} on-scene`,
      `${a!.callsign} returning`,
      `${a!.callsign} available`,
    ]);
    // The incident moved on twice, each change by the officer who reported it.
    const moves = incident.timeline.filter((e: { kind: string }) => e.kind === 'status');
    expect(moves.map((e: { toStatus: string }) => e.toStatus).slice(-2)).toEqual(['en-route', 'on-scene']);
    expect(moves.at(-1).actor).toBe('officer-yangmei');
  });

  it('alerts the command rooms over the incident when an officer asks for backup, and refuses bad input', async () => {
    await t.services.bus.start();
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const north2 = await openSocket(url, north);
    const shangyong = await openSocket(url, await t.login('officer-shangyong'));
    for (const s of [north2, shangyong]) {
      s.send({ type: 'subscribe', topics: ['incident.*'] });
      await s.waitFor((m) => m.type === 'subscribed');
    }
    const unit = mine[0]!;
    const bad = await t.as(yangmei, {
      method: 'POST',
      url: `/api/incidents/${incidentId}/backup`,
      payload: { quantity: 0, reason: '嫌疑人' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('quantity');
    const res = await t.as(yangmei, {
      method: 'POST',
      url: `/api/incidents/${incidentId}/backup`,
      payload: { quantity: 2, reason: '嫌疑人持刀，需要增援', unitId: unit.id },
    });
    expect(res.statusCode).toBe(200);
    const entry = res.json().timeline.find((e: { kind: string }) => e.kind === 'backup-requested');
    expect(entry.note).toBe('嫌疑人持刀，需要增援');
    expect(entry.detail).toMatchObject({ quantity: 2, unitId: unit.id, callsign: unit.callsign });
    const event = (await north2.waitFor((m) => m.topic === 'incident.backup')) as {
      payload: { quantity: number; callsign: string; by: string };
    };
    expect(event.payload).toMatchObject({ quantity: 2, callsign: unit.callsign, by: 'officer-yangmei' });
    // Another station's officer is not told about an incident of 杨梅.
    await new Promise((r) => setTimeout(r, 300));
    expect(shangyong.messages.some((m) => m.topic === 'incident.backup')).toBe(false);
    north2.close();
    shangyong.close();
  });
});
