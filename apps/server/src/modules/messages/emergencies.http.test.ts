import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { TestSocket } from '../../../../../test/support/ws.ts';
import type { OrgDirectory } from '../orgs/index.ts';
import type { Database } from '../../platform/db/database.ts';
import { testClient } from './test-client.ts';
import { NEAREST_MAX_ETA_S, NEAREST_UNITS } from './emergencies.service.ts';

interface EmergencyView {
  id: string;
  priority: string;
  unit: { id: string };
  station: { name: string };
  area: { name: string } | null;
  position: { lon: number; lat: number } | null;
  nearest: { unitId: string; stationId: string; stationName: string; etaSeconds: number }[];
  open: boolean;
  acknowledgedBy: string | null;
}

describe.each(databaseKinds())('emergency button (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let url: string;
  let c: ReturnType<typeof testClient>;
  let dir: OrgDirectory;
  let yangmeiUnits: { id: string; lon: number | null; lat: number | null }[];
  let raised: EmergencyView;

  const stationId = (name: string) => dir.ofKind('station').find((s) => s.name === name)!.id;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    const services = await testServices(database);
    await services.bus.start();
    t = await testApp(services);
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    c = testClient(t, () => url);
    dir = await services.orgs.directory('350526');
    yangmeiUnits = await database.db
      .selectFrom('units')
      .select(['id', 'lon', 'lat'])
      .where('station_id', '=', stationId('杨梅派出所'))
      .orderBy('id')
      .execute();
  });
  afterAll(async () => {
    c?.close();
    await t?.close();
    await t?.services.bus.close();
    await database?.close();
  });

  it('alerts the joint-area command room, the county and the nearest units, even unsubscribed', async () => {
    // Subscribed to something else entirely: an emergency is delivered anyway.
    const north = await c.socket('dispatcher-north', ['org.changed']);
    const county = await c.socket('dispatcher', ['org.changed']);
    const xunzhong = await c.socket('officer-xunzhong', ['*']);
    const unit = yangmeiUnits.find((u) => u.lon !== null)!;
    const res = await c.call('officer-yangmei', 'POST', `/api/units/${unit.id}/emergency`, {
      note: '遭遇持刀嫌疑人',
    });
    expect(res.statusCode, res.body).toBe(201);
    raised = res.json();
    expect(raised).toMatchObject({ priority: 'urgent', open: true, station: { name: '杨梅派出所' } });
    expect(raised.area?.name).toMatch(/^北片/);
    expect(raised.position).toEqual({ lon: unit.lon, lat: unit.lat });
    expect(raised.nearest.length).toBeGreaterThan(0);
    expect(raised.nearest.length).toBeLessThanOrEqual(NEAREST_UNITS);
    const etas = raised.nearest.map((n) => n.etaSeconds);
    expect(etas).toEqual([...etas].sort((a, b) => a - b));
    expect(Math.max(...etas)).toBeLessThanOrEqual(NEAREST_MAX_ETA_S);
    expect(raised.nearest.map((n) => n.unitId)).not.toContain(unit.id);
    const statuses = await database.db
      .selectFrom('units')
      .select('status')
      .where(
        'id',
        'in',
        raised.nearest.map((n) => n.unitId),
      )
      .execute();
    expect(statuses.every((s) => s.status === 'available')).toBe(true);

    const isIt = (m: TestSocket['messages'][number]) =>
      m.topic === 'emergency.raised' && (m.payload as { emergencyId: string }).emergencyId === raised.id;
    expect((await north.waitFor(isIt)).payload).toMatchObject({ priority: 'urgent', unitId: unit.id });
    await county.waitFor(isIt);
    expect(raised.nearest.map((n) => n.stationId)).not.toContain(stationId('浔中派出所'));
    await new Promise((r) => setTimeout(r, 300));
    expect(xunzhong.messages.filter(isIt)).toEqual([]);
  });

  it('re-alerts the same open emergency when the button is pressed again', async () => {
    const north = await c.socket('dispatcher-north', []);
    const again = await c.call('officer-yangmei', 'POST', `/api/units/${raised.unit.id}/emergency`, {});
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(raised.id);
    const event = await north.waitFor(
      (m) => m.topic === 'emergency.raised' && (m.payload as { repeat: boolean }).repeat,
    );
    expect(event.payload).toMatchObject({ emergencyId: raised.id });
  });

  it('takes the button only from the people of the unit’s station, or a device token of it', async () => {
    const unit = yangmeiUnits[1]!;
    expect(
      (await c.call('officer-shangyong', 'POST', `/api/units/${unit.id}/emergency`, {})).statusCode,
    ).toBe(404);
    expect((await c.call('dispatcher-north', 'POST', `/api/units/${unit.id}/emergency`, {})).statusCode).toBe(
      403,
    );
    const half = await c.call('officer-yangmei', 'POST', `/api/units/${unit.id}/emergency`, { lon: 118.1 });
    expect(half.statusCode).toBe(400);
    const token = await c.call('officer-yangmei', 'POST', '/api/auth/tokens', { name: '杨梅车载终端' });
    expect(token.statusCode).toBe(201);
    const device = await t.app.inject({
      method: 'POST',
      url: `/api/units/${unit.id}/emergency`,
      headers: { authorization: `Bearer ${token.json().token}` },
      payload: { lon: 118.15, lat: 25.86, note: '车载终端一键报警' },
    });
    expect(device.statusCode, device.body).toBe(201);
    expect(device.json().position).toEqual({ lon: 118.15, lat: 25.86 });
  });

  it('lists open emergencies by scope and lets the area or county command room acknowledge once', async () => {
    const openIds = async (u: string) =>
      ((await c.call(u, 'GET', '/api/emergencies?open=true')).json().items as EmergencyView[]).map(
        (e) => e.id,
      );
    expect(await openIds('dispatcher-north')).toContain(raised.id);
    expect(await openIds('commander')).toContain(raised.id);
    expect(await openIds('officer-yangmei')).toContain(raised.id);
    expect(await openIds('officer-xunzhong')).not.toContain(raised.id);
    const southAlerted = raised.nearest.some((n) =>
      dir.pathOf(n.stationId).includes(dir.ofKind('area').find((a) => a.name.startsWith('南片'))!.id),
    );
    expect((await openIds('dispatcher-south')).includes(raised.id)).toBe(southAlerted);

    const north = await c.socket('dispatcher-north', ['emergency.acknowledged']);
    expect((await c.call('officer-yangmei', 'POST', `/api/emergencies/${raised.id}/ack`)).statusCode).toBe(
      403,
    );
    // Another area's command room: not its emergency (404 when not alerted at all, 403 when only informed).
    expect([403, 404]).toContain(
      (await c.call('dispatcher-east', 'POST', `/api/emergencies/${raised.id}/ack`)).statusCode,
    );
    const ack = await c.call('dispatcher-north', 'POST', `/api/emergencies/${raised.id}/ack`);
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ open: false, acknowledgedBy: 'dispatcher-north' });
    const late = await c.call('commander', 'POST', `/api/emergencies/${raised.id}/ack`);
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toContain('dispatcher-north');
    await north.waitFor((m) => m.topic === 'emergency.acknowledged');
    expect(await openIds('dispatcher-north')).not.toContain(raised.id);
    const all = (await c.call('dispatcher-north', 'GET', '/api/emergencies')).json();
    expect(all.total).toBe(all.items.length);
    expect((all.items as EmergencyView[]).find((e) => e.id === raised.id)?.open).toBe(false);
    const limited = (await c.call('dispatcher-north', 'GET', '/api/emergencies?limit=1')).json();
    expect(limited).toMatchObject({ items: [expect.any(Object)], total: all.total });
  });

  it('describes the messaging and emergency routes in the OpenAPI document', async () => {
    const res = await t.as(await t.login('dispatcher'), { method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of ['/api/messages/{id}/ack', '/api/units/{id}/emergency', '/api/emergencies/{id}/ack'])
      expect(paths).toContain(p);
  });

  it('audits raising, repeating, listing and acknowledging', async () => {
    const rows = await database.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('resource', '=', 'emergency')
      .execute();
    const count = (a: string) => rows.filter((r) => r.action === a).length;
    expect(count('emergency.raise')).toBe(2);
    expect(count('emergency.repeat')).toBe(1);
    expect(count('emergency.ack')).toBe(1);
    expect(count('emergency.list')).toBeGreaterThanOrEqual(6);
    expect(rows).toContainEqual({ action: 'emergency.ack', actor: 'dispatcher-north' });
  });
});
