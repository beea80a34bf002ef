import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Services } from '../../main.ts';
import { manualClock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';

const TENANT = '350526';
const SEED_TEXT = '闽C8H58M,冰冻天气,地面湿滑,保持车距';

interface Sign {
  id: string;
  text: string;
  source: string;
  lines: string[];
  delivery: string;
}
interface Section {
  id: string;
  name: string;
  line: [number, number][];
  edges: number[];
}

/** 智慧交通 through HTTP: readings → rules → hazards on the road graph → signs, plates, outputs. */
describe.each(databaseKinds())('smart traffic 智慧交通 (%s)', (kind) => {
  let database: Database;
  let services: Services;
  let t: TestApp;
  const clock = manualClock(new Date('2026-12-06T22:30:00Z'));
  const cookies = new Map<string, string>();
  let jxs: Section;

  const signIn = async () => {
    for (const who of ['commander', 'dispatcher', 'officer', 'volunteer', 'leader'])
      cookies.set(who, await t.login(who));
  };
  const req = (
    who: string,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    t.as(cookies.get(who)!, {
      method,
      url,
      ...(payload === undefined
        ? {}
        : typeof payload === 'string'
          ? { payload, headers: { 'content-type': 'text/csv' } }
          : { payload: payload as object }),
    });
  const signs = async () => (await req('dispatcher', 'GET', '/api/traffic/signs')).json().items as Sign[];
  const sign = async (id: string) => (await signs()).find((s) => s.id === id)!;
  const at = (offsetS: number) => new Date(clock.now().getTime() + offsetS * 1000).toISOString();
  /** Seconds to drive the section end to end, as dispatch sees it (road travel time, live events included). */
  const etaThrough = () => {
    const from = jxs.line[0]!;
    const to = jxs.line[jxs.line.length - 1]!;
    return services.routing.travelTimes(TENANT, [from], to, false)[0]!.etaS;
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    services = await testServices(database, { clock });
    t = await testApp(services);
    await signIn();
    const sections = (await req('dispatcher', 'GET', '/api/traffic/sections')).json().items as Section[];
    jxs = sections.find((s) => s.name === '九仙山隧道口')!;
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  it('the demo has the 九仙山 tunnel mouth: a section on the road graph, its sensors, camera and sign', async () => {
    expect(jxs.edges.length).toBeGreaterThan(0);
    const devices = await req('dispatcher', 'GET', '/api/traffic/devices');
    expect(devices.statusCode).toBe(200);
    const byId = new Map((devices.json().items as { id: string }[]).map((d) => [d.id, d]));
    expect(byId.get('JXS-SURF-1')).toMatchObject({
      name: '九仙山路面传感器',
      kind: 'surface',
      sectionId: jxs.id,
    });
    expect(byId.get('JXS-ANPR-1')).toMatchObject({ kind: 'anpr', sectionId: jxs.id, signId: 'JXS-VMS-1' });
    expect(byId.get('JXS-VMS-1')).toMatchObject({ kind: 'sign', sectionId: jxs.id, online: false });
    expect(await sign('JXS-VMS-1')).toMatchObject({ text: '', source: 'blank' });
    expect((await req('volunteer', 'GET', '/api/traffic/devices')).statusCode).toBe(403);
  });

  it('refuses bad readings with the field named, stores nothing of that request and counts the refusal on the device', async () => {
    const bad = await req('officer', 'POST', '/api/traffic/readings', [
      { deviceId: 'JXS-SURF-1', at: at(-5), surfaceTempC: 1 },
      { deviceId: 'JXS-SURF-1', at: at(-4), friction: 1.5 },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors).toEqual([expect.objectContaining({ path: '[1].friction' })]);
    expect(bad.json().detail).toContain('[1].friction');
    const unknown = await req('officer', 'POST', '/api/traffic/readings', [
      { deviceId: 'NOPE-1', visibilityM: 80 },
    ]);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('[0].deviceId');
    const notSensor = await req('officer', 'POST', '/api/traffic/readings', [
      { deviceId: 'JXS-VMS-1', visibilityM: 80 },
    ]);
    expect(notSensor.json().detail).toContain('not a road-weather sensor');
    const future = await req('officer', 'POST', '/api/traffic/readings', [
      { deviceId: 'JXS-VIS-1', at: at(3600), visibilityM: 80 },
    ]);
    expect(future.json().errors[0].path).toBe('[0].at');
    expect(
      (await req('officer', 'POST', '/api/traffic/readings', { deviceId: 'JXS-VIS-1' })).statusCode,
    ).toBe(400);
    const stored = await database.db
      .selectFrom('traffic_readings')
      .select('device_id')
      .where('tenant_code', '=', TENANT)
      .execute();
    expect(stored).toHaveLength(0);
    const devices = (await req('dispatcher', 'GET', '/api/traffic/devices')).json().items as {
      id: string;
      rejected: Record<string, number>;
    }[];
    expect(devices.find((d) => d.id === 'JXS-SURF-1')!.rejected).toEqual({ 'friction-out-of-range': 1 });
    expect(devices.find((d) => d.id === 'JXS-VIS-1')!.rejected).toEqual({ 'at-in-future': 1 });
    const plate = await req('officer', 'POST', '/api/traffic/plate-reads', {
      deviceId: 'JXS-ANPR-1',
      plate: '闽C8HO8M',
    });
    expect(plate.statusCode).toBe(400);
    expect(plate.json().errors[0].path).toBe('plate');
    const noDevice = await req('officer', 'POST', '/api/traffic/plate-reads', {
      deviceId: 'JXS-SURF-1',
      plate: '闽C8H58M',
    });
    expect(noDevice.json().errors[0].path).toBe('deviceId');
  });

  it('replays 九仙山: surface −2 ℃ and friction 0.45 make an ice hazard, the sign warns, the driver of 闽C8H58M is addressed, ETAs grow', async () => {
    const before = etaThrough();
    expect(Number.isFinite(before)).toBe(true);
    const first = await req('officer', 'POST', '/api/traffic/readings', [
      { deviceId: 'JXS-SURF-1', at: at(-60), surfaceTempC: -2, dewPointC: -2.6, friction: 0.45 },
      {
        deviceId: 'JXS-WX-1',
        at: at(-60),
        airTempC: -1.2,
        dewPointC: -2.6,
        windSpeedMs: 3.1,
        precipitationMmH: 0,
      },
    ]);
    expect(first.statusCode, first.body).toBe(202);
    expect(first.json()).toEqual({ accepted: 2 });
    await services.traffic.idle(TENANT);
    // One reading is not yet a hazard: the condition must hold for the minimum duration (60 s).
    expect((await req('dispatcher', 'GET', '/api/traffic/hazards?active=true')).json().total).toBe(0);
    const second = await req('officer', 'POST', '/api/traffic/readings', [
      { deviceId: 'JXS-SURF-1', at: at(0), surfaceTempC: -2, dewPointC: -2.6, friction: 0.45 },
    ]);
    expect(second.statusCode).toBe(202);
    await services.traffic.idle(TENANT);
    const hazards = (await req('dispatcher', 'GET', '/api/traffic/hazards?active=true')).json();
    expect(hazards.total).toBe(1);
    expect(hazards.items[0]).toMatchObject({
      sectionId: jxs.id,
      sectionName: '九仙山隧道口',
      condition: 'ice',
      level: 'orange',
      label: '冰冻天气',
      advice: '地面湿滑,保持车距',
      endedAt: null,
      ntcipCode: 7,
      datexType: 'WeatherRelatedRoadConditions/ice',
    });
    expect(hazards.items[0].evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ deviceId: 'JXS-SURF-1', surfaceTempC: -2, friction: 0.45 }),
      ]),
    );
    expect(hazards.items[0].roadEventId).toBeTruthy();
    expect(await sign('JXS-VMS-1')).toMatchObject({ text: '冰冻天气,地面湿滑,保持车距', source: 'hazard' });
    // The hazard is a slow-down on the section's edges: the road engine (and so dispatch) drives it slower.
    const closures = (await req('dispatcher', 'GET', '/api/routing/closures')).json().items as {
      id: string;
      cause: string;
      kind: string;
    }[];
    expect(closures.find((c) => c.id === hazards.items[0].roadEventId)).toMatchObject({
      cause: 'ice',
      kind: 'slowdown',
    });
    const during = etaThrough();
    expect(during).toBeGreaterThan(before * 1.5);

    const read = await req('officer', 'POST', '/api/traffic/plate-reads', {
      deviceId: 'JXS-ANPR-1',
      plate: '闽C 8H58M',
    });
    expect(read.statusCode, read.body).toBe(202);
    expect(read.json()).toEqual({ accepted: 1, warned: true });
    const shown = await sign('JXS-VMS-1');
    expect(shown.text).toBe(SEED_TEXT);
    expect(shown.source).toBe('plate');
    expect(shown.lines.join('')).toBe(SEED_TEXT);
    // Plates are masked in lists, and reading them is audited.
    const reads = (await req('dispatcher', 'GET', '/api/traffic/plate-reads')).json();
    expect(reads.items[0]).toMatchObject({
      deviceId: 'JXS-ANPR-1',
      plate: '闽C****M',
      warned: true,
      signId: 'JXS-VMS-1',
    });
    const audited = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['traffic.plate.list', 'traffic.sign.read', 'traffic.hazard.start'])
      .execute();
    expect(new Set(audited.map((a) => a.action))).toEqual(
      new Set(['traffic.plate.list', 'traffic.sign.read', 'traffic.hazard.start']),
    );

    // 30 s later the sign gives the plate's place back to the hazard message.
    clock.set(new Date(clock.now().getTime() + 31_000));
    await services.traffic.sweep(TENANT);
    expect(await sign('JXS-VMS-1')).toMatchObject({ text: '冰冻天气,地面湿滑,保持车距', source: 'hazard' });

    // A plate read where no hazard is ahead warns nobody.
    const quiet = await req('officer', 'POST', '/api/traffic/plate-reads', {
      deviceId: 'LF-DET-A',
      plate: '闽CD12345',
    });
    expect(quiet.json().warned).toBe(false);
  });

  it('publishes the active warnings as CAP 1.2 and DATEX II', async () => {
    const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true });
    const feed = await req('dispatcher', 'GET', '/api/traffic/cap');
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    const entries = [parser.parse(feed.body).feed.entry].flat();
    expect(entries).toHaveLength(1);
    const hazardId = (await req('dispatcher', 'GET', '/api/traffic/hazards?active=true')).json().items[0].id;
    const alert = await req('dispatcher', 'GET', `/api/traffic/cap/${hazardId}`);
    const cap = parser.parse(alert.body).alert;
    expect(alert.body).toContain('xmlns="urn:oasis:names:tc:emergency:cap:1.2"');
    expect(cap.msgType).toBe('Alert');
    const info = [cap.info].flat()[0];
    expect(info).toMatchObject({ event: '冰冻天气', severity: 'Severe', certainty: 'Observed' });
    expect(info.area.areaDesc).toBe('九仙山隧道口');
    const datex = await req('dispatcher', 'GET', '/api/traffic/datex');
    expect(datex.statusCode).toBe(200);
    expect(datex.body).toContain('WeatherRelatedRoadConditions');
    expect(datex.body).toContain('九仙山隧道口');
    expect(datex.body).not.toContain('闽C');
  });

  it('an operator override wins over every automatic message until cleared, audited with its reason', async () => {
    expect(
      (await req('officer', 'POST', '/api/traffic/signs/JXS-VMS-1/override', { text: 'x', reason: 'y' }))
        .statusCode,
    ).toBe(403);
    const set = await req('dispatcher', 'POST', '/api/traffic/signs/JXS-VMS-1/override', {
      text: '隧道施工 请绕行',
      reason: '夜间隧道养护',
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ text: '隧道施工 请绕行', source: 'override' });
    await req('officer', 'POST', '/api/traffic/plate-reads', { deviceId: 'JXS-ANPR-1', plate: '闽C3K27P' });
    expect((await sign('JXS-VMS-1')).source).toBe('override');
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['reason'])
      .where('action', '=', 'traffic.sign.override')
      .executeTakeFirstOrThrow();
    expect(audit.reason).toBe('夜间隧道养护');
    const cleared = await req('dispatcher', 'DELETE', '/api/traffic/signs/JXS-VMS-1/override');
    expect(cleared.statusCode).toBe(200);
    expect(['plate', 'hazard']).toContain(cleared.json().source);
  });

  it('a vehicle on one branch of the blind 雷峰 junction warns the other branch', async () => {
    const res = await req('officer', 'POST', '/api/traffic/detections', { deviceId: 'LF-DET-A' });
    expect(res.statusCode).toBe(202);
    expect(await sign('LF-VMS-B')).toMatchObject({ text: '前方路口来车 减速慢行', source: 'convergence' });
    expect(await sign('LF-VMS-A')).toMatchObject({ text: '', source: 'blank' });
  });

  it('the hazard ends only after the road has been clear for the minimum duration, and the road engine follows', async () => {
    const base = clock.now().getTime();
    const warm = (s: number) => ({
      deviceId: 'JXS-SURF-1',
      at: new Date(base + s * 1000).toISOString(),
      surfaceTempC: 2.5,
      dewPointC: -1,
      friction: 0.78,
    });
    await req('officer', 'POST', '/api/traffic/readings', [warm(0)]);
    await services.traffic.idle(TENANT);
    expect((await req('dispatcher', 'GET', '/api/traffic/hazards?active=true')).json().total).toBe(1);
    clock.set(new Date(base + 601_000));
    await req('officer', 'POST', '/api/traffic/readings', [warm(601)]);
    await services.traffic.idle(TENANT);
    const all = (await req('dispatcher', 'GET', '/api/traffic/hazards')).json();
    expect(all.items[0]).toMatchObject({ condition: 'ice', endedAt: expect.any(String) });
    expect((await req('dispatcher', 'GET', '/api/traffic/hazards?active=true')).json().total).toBe(0);
    const closures = (await req('dispatcher', 'GET', '/api/routing/closures')).json().items as {
      id: string;
    }[];
    expect(closures.find((c) => c.id === all.items[0].roadEventId)).toBeUndefined();
    expect((await sign('JXS-VMS-1')).source).not.toBe('hazard');
    // Stored readings: every accepted one, once.
    const n = await database.db
      .selectFrom('traffic_readings')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('tenant_code', '=', TENANT)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(5);
  });

  it('a device silent past its heartbeat is offline, announced once', async () => {
    await services.traffic.sweep(TENANT);
    const devices = (await req('dispatcher', 'GET', '/api/traffic/devices')).json().items as {
      id: string;
      online: boolean;
    }[];
    const online = (id: string) => devices.find((d) => d.id === id)!.online;
    expect(online('JXS-SURF-1')).toBe(true);
    expect(online('JXS-WX-1')).toBe(false);
    const offline = await database.db
      .selectFrom('outbox')
      .select('payload')
      .where('topic', '=', 'traffic.device.changed')
      .execute();
    const payloads = offline.map((o) => (typeof o.payload === 'string' ? JSON.parse(o.payload) : o.payload));
    expect(payloads.filter((p) => p.deviceId === 'JXS-WX-1' && p.change === 'offline')).toHaveLength(1);
    // What the sweep keeps of each device: its last message, last reading and refusals.
    const stored = await database.db
      .selectFrom('traffic_devices')
      .select(['last_seen_at', 'last_reading', 'rejected'])
      .where('id', '=', 'JXS-SURF-1')
      .executeTakeFirstOrThrow();
    expect(stored.last_seen_at).not.toBeNull();
    expect(stored.last_reading).toMatchObject({ surfaceTempC: 2.5, friction: 0.78 });
    expect(stored.rejected).toEqual({ 'friction-out-of-range': 1 });
  });

  it('keeps readings and plate reads only for the configured retention', async () => {
    expect((await req('dispatcher', 'PUT', '/api/traffic/rules', { plateRetentionDays: 1 })).statusCode).toBe(
      403,
    );
    const put = await req('commander', 'PUT', '/api/traffic/rules', {
      plateRetentionDays: 1,
      readingRetentionDays: 2,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ plateRetentionDays: 1, readingRetentionDays: 2 });
    const bad = await req('commander', 'PUT', '/api/traffic/rules', { fogRedM: 600 });
    expect(bad.statusCode).toBe(400);
    const now = clock.now().getTime();
    clock.set(new Date(now + 1.5 * 86_400_000));
    expect(await services.traffic.purge(TENANT)).toEqual({ readings: 0, plates: 3 });
    clock.set(new Date(now + 2.5 * 86_400_000));
    expect(await services.traffic.purge(TENANT)).toEqual({ readings: 5, plates: 0 });
    clock.set(new Date(now));
    await signIn();
  });

  it('imports devices from CSV all or nothing, naming the bad line', async () => {
    const header = 'id,name,kind,lon,lat,sectionId,signId,junction,branch,lines,charsPerLine';
    const [lon, lat] = jxs.line[0]!;
    const bad = await req(
      'commander',
      'POST',
      '/api/traffic/devices/import',
      `${header}\nT-VIS-9,测试能见度仪,visibility,${lon},${lat},${jxs.id},,,,,\nT-X-1,坏设备,teleporter,${lon},${lat},,,,,,\n`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('line 3');
    expect(
      (await req('dispatcher', 'GET', '/api/traffic/devices'))
        .json()
        .items.some((d: { id: string }) => d.id === 'T-VIS-9'),
    ).toBe(false);
    const good = await req(
      'commander',
      'POST',
      '/api/traffic/devices/import',
      `${header}\nT-VIS-9,测试能见度仪,visibility,${lon},${lat},${jxs.id},,,,,\nT-VMS-9,测试情报板,sign,${lon},${lat},${jxs.id},,,,3,8\n`,
    );
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toEqual({ created: 2, updated: 0 });
    expect((await req('officer', 'POST', '/api/traffic/devices/import', `${header}\n`)).statusCode).toBe(403);
  });

  it('sections are drawn along roads; a line off the network is refused', async () => {
    const far = await req('commander', 'POST', '/api/traffic/sections', {
      name: '无路段',
      line: [
        [117.0, 24.0],
        [117.001, 24.001],
      ],
    });
    expect(far.statusCode).toBe(422);
    const copy = await req('commander', 'POST', '/api/traffic/sections', {
      name: '九仙山上行',
      direction: 'forward',
      line: jxs.line,
      rules: { minOnSeconds: 0 },
    });
    expect(copy.statusCode, copy.body).toBe(201);
    expect(copy.json().edges.length).toBeGreaterThan(0);
    expect(copy.json().edges.length).toBeLessThan(jxs.edges.length);
  });

  it('routes between configured points are computed with the hazards on the road', async () => {
    const routes = (await req('dispatcher', 'GET', '/api/traffic/routes')).json().items as {
      name: string;
      durationSeconds: number;
      normalDurationSeconds: number;
    }[];
    expect(routes.map((r) => r.name)).toEqual(['县城 → 赤水', '赤水 → 九仙山']);
    for (const r of routes) expect(r.durationSeconds).toBeGreaterThan(0);
  });
});

describe('the 22 Dec 2023 replay at 九仙山', () => {
  it('goes through the devices’ own paths and ends with that driver’s plate on the tunnel-mouth sign', async () => {
    const database = await openTestDatabase('pglite', { demo: true });
    const services = await testServices(database);
    const t = await testApp(services);
    try {
      const cookie = await t.login('dispatcher');
      expect(
        (
          await t.as(await t.login('officer'), {
            method: 'POST',
            url: '/api/traffic/replay',
            payload: { scenario: 'jiuxianshan-2023-12-22' },
          })
        ).statusCode,
      ).toBe(403);
      const commander = (
        await services.auth.login({ tenantCode: TENANT, username: 'commander', password: 'ronghui-demo' })
      ).principal;
      expect(await services.traffic.replay(commander, 'jiuxianshan-2023-12-22', 0)).toMatchObject({
        section: '九仙山隧道口',
      });
      await services.traffic.idle(TENANT);
      const hazards = (await t.as(cookie, { method: 'GET', url: '/api/traffic/hazards?active=true' })).json();
      expect(hazards.items.map((h: { condition: string }) => h.condition)).toContain('ice');
      const signs = (await t.as(cookie, { method: 'GET', url: '/api/traffic/signs' })).json().items as Sign[];
      // Each car on the approach is addressed in turn: the sign's history has that driver's message.
      expect(signs.find((s) => s.id === 'JXS-VMS-1')!.text).toMatch(/^.{7,8},冰冻天气,地面湿滑,保持车距$/);
      const shown = await database.db
        .selectFrom('traffic_sign_log')
        .select(['text', 'source'])
        .where('sign_id', '=', 'JXS-VMS-1')
        .orderBy('at')
        .execute();
      expect(shown).toContainEqual({ text: SEED_TEXT, source: 'plate' });
    } finally {
      await t.close();
      await database.close();
    }
  });
});
