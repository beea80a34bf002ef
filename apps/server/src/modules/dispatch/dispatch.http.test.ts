import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Database } from '../../platform/db/database.ts';

interface RequestView {
  id: string;
  station: { id: string; name: string };
  quantity: number;
  status: string;
  unitIds: string[];
}

const PINYIN: Record<string, string> = {
  杨梅派出所: 'yangmei',
  上涌派出所: 'shangyong',
  葛坑派出所: 'gekeng',
  桂阳派出所: 'guiyang',
  汤头派出所: 'tangtou',
};

/** The seed article's scenario: 北片 asks each of its five stations for two officers to 杨梅乡. */
describe.each(databaseKinds())('joint-area dispatch "1+5+X" (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let north: string;
  let incidentId: string;
  let requests: RequestView[];

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database));
    north = await t.login('dispatcher-north');
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
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  it('recommends on-duty units across 北片 (+ county brigades) ranked by road ETA, with the shortfall', async () => {
    const res = await t.as(north, {
      method: 'GET',
      url: `/api/incidents/${incidentId}/recommendations?scope=area&perStation=2`,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.length).toBeGreaterThan(0);
    const etas = body.items.map((i: { etaSeconds: number }) => i.etaSeconds);
    expect(etas).toEqual([...etas].sort((a, b) => a - b));
    expect(body.items[0].station.name).toBe('杨梅派出所');
    expect(body.items[0].distanceMeters).toBeGreaterThan(0);
    const stations = new Set(body.items.map((i: { station: { name: string } }) => i.station.name));
    for (const name of stations)
      expect([
        '杨梅派出所',
        '上涌派出所',
        '葛坑派出所',
        '桂阳派出所',
        '汤头派出所',
        '交警大队',
        '巡特警大队',
      ]).toContain(name);
    const perStation = new Map<string, number>();
    for (const i of body.items) perStation.set(i.station.name, (perStation.get(i.station.name) ?? 0) + 1);
    expect(Math.max(...perStation.values())).toBeLessThanOrEqual(2);
    expect(body.targetSeconds).toBeGreaterThan(0);
    expect(body.shortfall).toBeGreaterThanOrEqual(0);
    const county = (
      await t.as(north, {
        method: 'GET',
        url: `/api/incidents/${incidentId}/recommendations?scope=county&limit=500`,
      })
    ).json();
    expect(county.items.length).toBeGreaterThan(body.items.length);
  });

  it('sends one request to each of the five stations of 北片', async () => {
    const res = await t.as(north, {
      method: 'POST',
      url: `/api/incidents/${incidentId}/requests`,
      payload: { stations: 'area', perStation: 2 },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().total).toBe(5);
    requests = res.json().items;
    expect(requests.map((r) => r.station.name).sort()).toEqual(Object.keys(PINYIN).sort());
    expect(requests.every((r) => r.status === 'requested' && r.quantity === 2)).toBe(true);
  });

  it('lets each station see its request and the incident, commit two units, or decline with a reason', async () => {
    for (const r of requests) {
      const officer = await t.login(`officer-${PINYIN[r.station.name]}`);
      const open = (await t.as(officer, { method: 'GET', url: '/api/requests' })).json().items;
      expect(open.map((o: RequestView) => o.id)).toEqual([r.id]);
      expect((await t.as(officer, { method: 'GET', url: `/api/incidents/${incidentId}` })).statusCode).toBe(
        200,
      );
      if (r.station.name === '桂阳派出所') {
        const declined = await t.as(officer, {
          method: 'POST',
          url: `/api/requests/${r.id}/decline`,
          payload: { reason: '警力正在处置山林火情' },
        });
        expect(declined.json()).toMatchObject({ status: 'declined', reason: '警力正在处置山林火情' });
        continue;
      }
      const units = (await t.as(officer, { method: 'GET', url: '/api/units?status=available' })).json().items;
      const pick = units
        .filter((u: { onDuty: boolean; kind: string }) => u.onDuty && u.kind !== 'vehicle')
        .slice(0, 2);
      const res = await t.as(officer, {
        method: 'POST',
        url: `/api/requests/${r.id}/commit`,
        payload: { unitIds: pick.map((u: { id: string }) => u.id) },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'committed',
        unitIds: pick.map((u: { id: string }) => u.id),
      });
      const again = await t.as(officer, {
        method: 'POST',
        url: `/api/requests/${r.id}/decline`,
        payload: { reason: 'too late' },
      });
      expect(again.statusCode, again.body).toBe(409);
    }
  });

  it('keeps stations to their own requests and units', async () => {
    const yangmei = await t.login('officer-yangmei');
    const other = requests.find((r) => r.station.name === '上涌派出所')!;
    expect(
      (
        await t.as(yangmei, {
          method: 'POST',
          url: `/api/requests/${other.id}/decline`,
          payload: { reason: 'x1' },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('fills the board, marks the incident dispatched and the units en route, and audits every answer', async () => {
    const board = (await t.as(north, { method: 'GET', url: `/api/incidents/${incidentId}/requests` })).json()
      .items;
    expect(board.filter((r: RequestView) => r.status === 'committed')).toHaveLength(4);
    expect(board.filter((r: RequestView) => r.status === 'declined')).toHaveLength(1);
    const incident = (await t.as(north, { method: 'GET', url: `/api/incidents/${incidentId}` })).json();
    expect(incident.status).toBe('dispatched');
    expect(incident.times.dispatched).not.toBeNull();
    const committed = board.flatMap((r: RequestView) => r.unitIds);
    expect(committed).toHaveLength(8);
    const rows = await database.db
      .selectFrom('units')
      .select(['id', 'status', 'incident_id'])
      .where('id', 'in', committed)
      .execute();
    expect(rows.every((u) => u.status === 'en-route' && u.incident_id === incidentId)).toBe(true);
    // Consoles learn of the units' new state like any status report.
    const statusEvents = await database.db
      .selectFrom('outbox')
      .select('payload')
      .where('topic', '=', 'unit.status')
      .execute();
    expect(statusEvents.filter((e) => (e.payload as { status: string }).status === 'en-route')).toHaveLength(
      8,
    );
    const audit = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'request.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'request.commit',
      'request.commit',
      'request.commit',
      'request.commit',
      'request.create',
      'request.decline',
    ]);
  });

  it('re-requests elsewhere, dispatches directly, and releases units at the end', async () => {
    const dir = await t.services.orgs.directory('350526');
    const swat = dir.ofKind('brigade').find((b) => b.name === '巡特警大队')!;
    const res = await t.as(north, {
      method: 'POST',
      url: `/api/incidents/${incidentId}/requests`,
      payload: { stations: [swat.id], perStation: 1 },
    });
    expect(res.json().items[0].station.name).toBe('巡特警大队');
    const rec = (
      await t.as(north, {
        method: 'GET',
        url: `/api/incidents/${incidentId}/recommendations?scope=county&limit=1`,
      })
    ).json();
    const direct = await t.as(north, {
      method: 'POST',
      url: `/api/incidents/${incidentId}/dispatch`,
      payload: { unitIds: [rec.items[0].unit.id] },
    });
    expect(direct.statusCode).toBe(200);
    expect(direct.json().total).toBe(direct.json().items.length);
    expect(
      direct
        .json()
        .items.some(
          (a: { unitId: string; etaSeconds: number }) =>
            a.unitId === rec.items[0].unit.id && a.etaSeconds >= 0,
        ),
    ).toBe(true);
    const busy = await t.as(north, {
      method: 'POST',
      url: `/api/incidents/${incidentId}/dispatch`,
      payload: { unitIds: [rec.items[0].unit.id] },
    });
    expect(busy.statusCode).toBe(409);
    const committed = requests.find((r) => r.station.name === '杨梅派出所')!;
    const released = await t.as(north, { method: 'POST', url: `/api/requests/${committed.id}/release` });
    expect(released.json().status).toBe('released');
    const units = await database.db
      .selectFrom('units')
      .select(['status'])
      .where('id', 'in', released.json().unitIds)
      .execute();
    expect(units.every((u) => u.status === 'returning')).toBe(true);
  });

  it('answers response metrics with every duration, also for a period without incidents', async () => {
    const empty = await t.as(north, {
      method: 'GET',
      url: '/api/dispatch/metrics?from=2001-01-01T00:00:00Z&to=2001-01-08T00:00:00Z',
    });
    expect(empty.statusCode, empty.body).toBe(200);
    const none = { count: 0, p50Seconds: null, p90Seconds: null, meanSeconds: null };
    expect(empty.json()).toEqual({
      from: '2001-01-01T00:00:00.000Z',
      to: '2001-01-08T00:00:00.000Z',
      overall: {
        key: 'all',
        incidents: 0,
        callToDispatch: none,
        dispatchToArrival: none,
        callToArrival: none,
        targetCompliance: null,
        arrived: 0,
        withinTarget: 0,
      },
      byArea: [],
      byStation: [],
    });
    const week = (await t.as(north, { method: 'GET', url: '/api/dispatch/metrics' })).json();
    expect(week.overall.incidents).toBeGreaterThanOrEqual(1);
    expect(week.overall.callToDispatch.p50Seconds).toBeGreaterThanOrEqual(0);
  });

  it("refuses a joint area tasking another area's station, and lets it refer the incident up to the county", async () => {
    const dir = await t.services.orgs.directory('350526');
    const xunzhong = dir.ofKind('station').find((o) => o.name === '浔中派出所')!;
    const refused = await t.as(north, {
      method: 'POST',
      url: `/api/incidents/${incidentId}/requests`,
      payload: { stations: [xunzhong.id], perStation: 1 },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/浔中派出所 lie outside your joint area.*escalate/);

    const county = await t.login('dispatcher');
    const top = await t.as(county, {
      method: 'POST',
      url: `/api/incidents/${incidentId}/escalate`,
      payload: { reason: '需县局协调' },
    });
    expect(top.statusCode).toBe(409);
    expect(
      (await t.as(north, { method: 'POST', url: `/api/incidents/${incidentId}/escalate`, payload: {} }))
        .statusCode,
    ).toBe(400);
    const referred = await t.as(north, {
      method: 'POST',
      url: `/api/incidents/${incidentId}/escalate`,
      payload: { reason: '嫌疑人逃往浔中方向，需县局调派中片警力' },
    });
    expect(referred.statusCode).toBe(200);
    expect(
      referred
        .json()
        .timeline.some(
          (e: { kind: string; actor: string; note: string | null; detail: { role?: string } }) =>
            e.kind === 'org-linked' &&
            e.detail.role === 'escalated' &&
            e.actor === 'dispatcher-north' &&
            e.note === '嫌疑人逃往浔中方向，需县局调派中片警力',
        ),
    ).toBe(true);
    const again = await t.as(north, {
      method: 'POST',
      url: `/api/incidents/${incidentId}/escalate`,
      payload: { reason: '再次上报' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(/already been referred/);

    // The county hears of it (an event for county-wide users only) and tasks the other area's station.
    const root = dir.root()!;
    const events = await database.db
      .selectFrom('outbox')
      .select(['payload', 'org_ids'])
      .where('topic', '=', 'incident.escalated')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.org_ids).toEqual([root.id]);
    const payload = (
      typeof events[0]!.payload === 'string' ? JSON.parse(events[0]!.payload) : events[0]!.payload
    ) as { incidentId: string; fromName: string; reason: string };
    expect(payload).toMatchObject({
      incidentId,
      fromName: '北片联勤区',
      reason: '嫌疑人逃往浔中方向，需县局调派中片警力',
    });
    const audited = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('resource_id', '=', incidentId)
      .where('action', '=', 'incident.escalate')
      .execute();
    expect(audited).toHaveLength(1);
    const ordered = await t.as(county, {
      method: 'POST',
      url: `/api/incidents/${incidentId}/requests`,
      payload: { stations: [xunzhong.id], perStation: 1 },
    });
    expect(ordered.statusCode).toBe(201);
  });
});
