import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Database } from '../../platform/db/database.ts';

const YANGMEI_BODY = {
  source: '110',
  category: '刑事',
  priority: 1,
  description: '涉嫌盗窃的犯罪嫌疑人出现在杨梅乡',
  address: '德化县杨梅乡',
};

describe.each(databaseKinds())('incident intake (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let dispatcher: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database));
    dispatcher = await t.login('dispatcher');
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  const post = (body: object, cookie = dispatcher, headers: Record<string, string> = {}) =>
    t.as(cookie, { method: 'POST', url: '/api/incidents', payload: body, headers });

  it('suggests gazetteer addresses as the dispatcher types, and each one files where it says', async () => {
    const get = (q: string, who = dispatcher) =>
      t.as(who, { method: 'GET', url: `/api/incidents/address-suggestions?q=${encodeURIComponent(q)}` });
    const res = await get('杨梅乡');
    expect(res.statusCode).toBe(200);
    const answer = res.json() as {
      items: { text: string; kind: string; name: string; lon: number; lat: number }[];
      total: number;
    };
    const list = answer.items;
    expect(answer.total).toBe(list.length);
    expect(list[0]).toMatchObject({ text: '杨梅乡', kind: 'township' });
    expect(list.slice(1).every((s) => s.text.startsWith('杨梅乡'))).toBe(true);
    expect(list.length).toBeGreaterThan(3);
    const tunnel = (await get('德化县九仙')).json().items;
    expect(tunnel[0]).toMatchObject({ kind: 'place', name: '九仙山隧道', text: '德化县九仙山隧道' });
    const created = await post({
      source: '110',
      category: '交通',
      priority: 2,
      description: '隧道口两车追尾',
      address: tunnel[0].text,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().location).toMatchObject({ lon: tunnel[0].lon, lat: tunnel[0].lat });
    const empty = await get('  ');
    expect(empty.statusCode).toBe(400);
    expect(JSON.stringify(empty.json())).toContain('q');
    expect((await get('杨梅', await t.login('auditor'))).statusCode).toBe(403);
  });

  it('takes the 杨梅乡 report: township, station, area, rural zone and its target', async () => {
    const res = await post(YANGMEI_BODY);
    expect(res.statusCode).toBe(201);
    const incident = res.json();
    expect(incident.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(incident.number).toMatch(/^350526-\d{8}-\d{4}$/);
    expect(incident).toMatchObject({
      source: '110',
      category: { kind: 'criminal', code: 'criminal', zh: '刑事' },
      priority: 1,
      priorityName: '一级',
      status: 'received',
      caller: null,
      location: {
        source: 'address',
        township: { code: '350526200', name: '杨梅乡' },
        village: null,
        confidence: 0.5,
        candidates: [],
      },
      station: { id: 'station-350526200', name: '杨梅派出所' },
      area: { name: '北片联勤区' },
      grid: null,
      zone: 'rural',
      targetSeconds: 1200,
    });
    expect(incident.times.received).toBeTruthy();
    expect(incident.times.dispatched).toBeNull();
  });

  it('resolves named places, villages and roads; lists candidates when a name is ambiguous', async () => {
    const hospital = (
      await post({ ...YANGMEI_BODY, category: '求助', priority: 2, address: '县医院门口城东路8号' })
    ).json();
    expect(hospital.location).toMatchObject({
      place: { id: 'county-hospital', name: '德化县医院' },
      township: { name: '龙浔镇' },
      road: '城东路',
      houseNumber: '8号',
    });
    expect(hospital.location.confidence).toBeGreaterThanOrEqual(0.8);
    expect(hospital).toMatchObject({
      zone: 'county-town',
      targetSeconds: 300,
      station: { name: '龙浔派出所' },
    });
    expect(hospital.grid).not.toBeNull();

    const village = (await post({ ...YANGMEI_BODY, category: '纠纷', address: '上涌镇曾坂村' })).json();
    expect(village.location.village.name).toBe('曾坂村委会');
    expect(village.station.name).toBe('上涌派出所');

    const ambiguous = (await post({ ...YANGMEI_BODY, category: 'traffic', address: '东山村' })).json();
    expect(ambiguous.location.candidates.length).toBe(2);
    expect(ambiguous.location.confidence).toBeLessThan(0.3);
  });

  it('takes coordinates, WGS-84 or GCJ-02, and finds station and grid by the grid boundaries', async () => {
    const point = { lon: 118.2452, lat: 25.4998 };
    const wgs = (
      await post({ ...YANGMEI_BODY, category: '火灾', address: undefined, location: point })
    ).json();
    expect(wgs.location).toMatchObject({ source: 'point', confidence: 1, lon: point.lon, lat: point.lat });
    expect(wgs).toMatchObject({ zone: 'county-town', targetSeconds: 300, station: { name: '浔中派出所' } });
    expect(wgs.grid.name).toMatch(/浔中/);
    const gcj = (
      await post({
        ...YANGMEI_BODY,
        category: '火灾',
        address: undefined,
        location: { ...point, datum: 'gcj02' },
      })
    ).json();
    // GCJ-02 lies a few hundred metres off WGS-84 in Fujian: the stored point moved.
    expect(Math.abs(gcj.location.lon - point.lon)).toBeGreaterThan(0.002);
    const suburb = (
      await post({
        ...YANGMEI_BODY,
        category: '火灾',
        address: undefined,
        location: { lon: 118.27, lat: 25.44 },
      })
    ).json();
    expect(suburb).toMatchObject({ zone: 'suburb', targetSeconds: 600 });
  });

  it('refuses what it cannot use, naming the field', async () => {
    const cases: [object, number, string][] = [
      [{ ...YANGMEI_BODY, address: undefined }, 400, '/location'],
      [{ ...YANGMEI_BODY, address: '北京市朝阳区' }, 422, '/address'],
      [{ ...YANGMEI_BODY, category: '巫术' }, 400, '/category'],
      [{ ...YANGMEI_BODY, caller: { phone: '1381234' } }, 400, '/caller/phone'],
      [{ ...YANGMEI_BODY, address: undefined, location: { lon: 116.4, lat: 39.9 } }, 400, '/location'],
      [{ ...YANGMEI_BODY, receivedAt: '2099-01-01T00:00:00Z' }, 400, '/receivedAt'],
    ];
    for (const [body, status, path] of cases) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().errors[0].path).toBe(path);
    }
    const priority = await post({ ...YANGMEI_BODY, priority: 4 });
    expect(priority.statusCode).toBe(400);
  });

  it('masks the caller in every answer and reveals only with a reason, audited', async () => {
    const created = (
      await post({ ...YANGMEI_BODY, caller: { name: '王小明', phone: '+86 138-1234-5678' } })
    ).json();
    expect(created.caller).toEqual({ name: '王**', phone: '138****5678' });
    const got = (await t.as(dispatcher, { method: 'GET', url: `/api/incidents/${created.id}` })).json();
    expect(JSON.stringify(got)).not.toContain('13812345678');
    const list = await t.as(dispatcher, { method: 'GET', url: '/api/incidents?pageSize=200' });
    expect(list.body).not.toContain('13812345678');
    // At rest the caller is SM4-encrypted: the database holds neither the number nor the name.
    const stored = await t.services.db
      .selectFrom('incidents')
      .select(['caller_name', 'caller_phone'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(stored.caller_phone).toMatch(/^sm4:1:/);
    expect(stored.caller_name).toMatch(/^sm4:1:/);
    expect(JSON.stringify(stored)).not.toMatch(/1381234|王小明/);
    expect(t.services.fieldCrypto.decrypt(stored.caller_phone)).toBe('13812345678');
    const reveal = (body: object, cookie = dispatcher) =>
      t.as(cookie, { method: 'POST', url: `/api/incidents/${created.id}/reveal`, payload: body });
    expect((await reveal({ field: 'callerPhone', reason: '' })).statusCode).toBe(400);
    const ok = await reveal({ field: 'callerPhone', reason: '回拨核实现场情况' });
    expect(ok.json()).toEqual({ field: 'callerPhone', value: '13812345678' });
    expect(
      (await reveal({ field: 'callerPhone', reason: '想看看' }, await t.login('auditor'))).statusCode,
    ).toBe(403);
    const audit = await t.services.audit.search({
      tenantCode: '350526',
      action: 'personal.unmask',
      limit: 10,
      offset: 0,
    });
    expect(audit.items.some((a) => a.resourceId === created.id && a.reason === '回拨核实现场情况')).toBe(
      true,
    );
  });

  it('answers a repeated Idempotency-Key with the same incident, a reused key with 409', async () => {
    const body = { ...YANGMEI_BODY, category: '举报', address: '德化县国宝乡' };
    const headers = { 'idempotency-key': 'call-2026-11-29-0001' };
    const first = await post(body, dispatcher, headers);
    expect(first.statusCode).toBe(201);
    const again = await post(body, dispatcher, headers);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const other = await post({ ...body, priority: 3 }, dispatcher, headers);
    expect(other.statusCode).toBe(409);
    const count = await t.services.db
      .selectFrom('incidents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('idempotency_key', '=', headers['idempotency-key'])
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('creates one incident when the same keyed request arrives twice at once', async () => {
    const body = { ...YANGMEI_BODY, category: '纠纷', address: '德化县大铭乡' };
    const headers = { 'idempotency-key': 'call-2026-11-29-race' };
    const [a, b] = await Promise.all([post(body, dispatcher, headers), post(body, dispatcher, headers)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().id).toBe(b.json().id);
  });

  it('warns of the same category within 500 m and 30 minutes, not otherwise', async () => {
    const near = {
      ...YANGMEI_BODY,
      category: '盗窃',
      address: undefined,
      location: { lon: 118.03, lat: 25.6 },
    };
    const old = await post({ ...near, receivedAt: new Date(Date.now() - 45 * 60_000).toISOString() });
    const first = (await post(near)).json();
    expect(first.possibleDuplicates.map((d: { id: string }) => d.id)).not.toContain(old.json().id);
    const second = (await post({ ...near, location: { lon: 118.032, lat: 25.601 } })).json();
    expect(second.possibleDuplicates).toEqual([
      expect.objectContaining({ id: first.id, number: first.number, status: 'received' }),
    ]);
    expect(second.possibleDuplicates[0].distanceMeters).toBeLessThan(500);
    const otherKind = (await post({ ...near, category: '交通事故' })).json();
    expect(otherKind.possibleDuplicates).toEqual([]);
    const far = (await post({ ...near, location: { lon: 118.05, lat: 25.6 } })).json();
    expect(far.possibleDuplicates).toEqual([]);
  });

  it('lets the source decide who may take a report', async () => {
    const volunteer = await t.login('volunteer');
    expect((await post(YANGMEI_BODY, volunteer)).statusCode).toBe(403);
    const report = await post({ ...YANGMEI_BODY, source: 'volunteer', category: '求助' }, volunteer);
    expect(report.statusCode).toBe(201);
    expect(
      (await t.as(volunteer, { method: 'GET', url: `/api/incidents/${report.json().id}` })).statusCode,
    ).toBe(403);
    // A station officer reporting a walk-in about another township keeps seeing it.
    const xunzhong = await t.login('officer-xunzhong');
    const walkIn = (await post({ ...YANGMEI_BODY, source: 'walk-in', category: '求助' }, xunzhong)).json();
    expect(walkIn.station.name).toBe('杨梅派出所');
    expect((await t.as(xunzhong, { method: 'GET', url: `/api/incidents/${walkIn.id}` })).statusCode).toBe(
      200,
    );
    const shangyong = await t.login('officer-shangyong');
    expect((await t.as(shangyong, { method: 'GET', url: `/api/incidents/${walkIn.id}` })).statusCode).toBe(
      404,
    );
  });
});
