import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import { manualClock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';

const TENANT = '350526';
const HEADER = '姓名*,手机号*,身份证号,预警时间*,诈骗类型*,来源*,风险等级*,涉案金额,地址*';

async function stationId(db: Kysely<DB>, name: string): Promise<string> {
  const row = await db
    .selectFrom('orgs')
    .select('id')
    .where('tenant_code', '=', TENANT)
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

describe.each(databaseKinds())('outreach 反诈预警·重点关爱·走访 (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  const texts: { to: string; text: string }[] = [];
  // 2024-03-05 10:00 Beijing.
  const clock = manualClock(new Date('2024-03-05T02:00:00Z'));
  let yangmei: string;
  let longxun: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    const services = await testServices(database, {
      clock,
      env: { SMS_WEBHOOK: 'http://sms.test/send', SMS_TOKEN: 'test-sms-token-0123456789' },
      smsTransport: async (_url, init) => {
        texts.push(JSON.parse(init.body));
        return { status: 202 };
      },
    });
    await services.bus.start();
    t = await testApp(services);
    yangmei = await stationId(database.db, '杨梅派出所');
    longxun = await stationId(database.db, '龙浔派出所');
  });
  afterAll(async () => {
    await t?.close();
    await t?.services.bus.close();
    await database?.close();
  });

  const upload = (session: string, csv: string) =>
    t.as(session, {
      method: 'POST',
      url: '/api/anti-fraud/warnings/import',
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
  const list = (session: string, query = '') =>
    t.as(session, {
      method: 'GET',
      url: `/api/anti-fraud/warnings?pageSize=500&from=2024-03-05&to=2024-03-05${query}`,
    });
  const step = (session: string, id: string, payload: Record<string, unknown>) =>
    t.as(session, { method: 'POST', url: `/api/anti-fraud/warnings/${id}/steps`, payload });

  it("has 连大爷's record: the 养老理财 call warning dissuaded at his home, and his visits", async () => {
    const officer = await t.login('officer');
    const res = await t.as(officer, {
      method: 'GET',
      url: `/api/anti-fraud/warnings?station=${yangmei}&risk=high&from=2023-11-16&to=2023-11-16`,
    });
    const [lian] = res.json().items.filter((w: { fraudType: string }) => w.fraudType === 'elderly-wealth');
    expect(lian).toMatchObject({
      risk: 'high',
      status: 'feedback',
      outcome: 'dissuaded',
      personName: '连**',
      moneyAtRisk: 300000,
      moneySaved: 300000,
      overdue: false,
      demo: true,
    });
    const detail = (
      await t.as(officer, { method: 'GET', url: `/api/anti-fraud/warnings/${lian.id}` })
    ).json();
    expect(detail.note).toContain('连大爷');
    expect(detail.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'issued',
      'signed',
      'called',
      'visited',
      'dissuaded',
      'feedback',
    ]);
    expect(detail.visits).toEqual([expect.objectContaining({ status: 'done', plannedFor: '2023-11-16' })]);
    const name = await t.as(officer, {
      method: 'POST',
      url: `/api/anti-fraud/warnings/${lian.id}/reveal`,
      payload: { field: 'personName', reason: '核对连大爷回访记录' },
    });
    expect(name.json().value).toBe('连永福');
    const row = await database.db
      .selectFrom('home_visits')
      .select('resident_id')
      .where('warning_id', '=', lian.id)
      .executeTakeFirstOrThrow();
    const history = (
      await t.as(officer, {
        method: 'GET',
        url: `/api/outreach/visits?resident=${row.resident_id}&status=done&pageSize=500`,
      })
    ).json();
    const before = history.items.filter((v: { plannedFor: string }) => v.plannedFor < '2023-11-16');
    const after = history.items.filter((v: { plannedFor: string }) => v.plannedFor > '2023-11-16');
    expect(before.length).toBeGreaterThanOrEqual(6);
    expect(after.length).toBeGreaterThanOrEqual(4);
    expect(history.items.filter((v: { antiFraudTalk: boolean }) => v.antiFraudTalk).length).toBeGreaterThan(
      5,
    );
  });

  let high: string;
  let medium: string;
  let low: string;

  it('imports nothing from a file with a bad line, and names the line and field', async () => {
    const commander = await t.login('commander');
    const before = (await list(commander)).json().total;
    const res = await upload(
      commander,
      [
        HEADER,
        '测试甲,13905950001,,2024-03-05 09:30,养老理财,省厅,高,200000,德化县杨梅乡',
        '测试乙,12345678901,,2024-03-05 09:40,刷单返利,市局,中,3000,德化县龙浔镇',
      ].join('\n'),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rows: 2, created: 0, rejected: 1 });
    expect(res.json().errors).toEqual([
      { line: 3, field: 'phone', message: expect.stringContaining('手机号') },
    ]);
    expect((await list(commander)).json().total).toBe(before);
  });

  it('imports a file: each grade gets its action and its station, the low one a text', async () => {
    const dispatcher = await t.login('dispatcher-north');
    const csv = [
      HEADER,
      '连德福,13905951234,,2024-03-05 09:30,养老理财,省厅,高,200000,德化县杨梅乡',
      '郑秀兰,13805956789,,2024-03-05 09:40,刷单返利,市局,中风险,3000,德化县龙浔镇',
      '林小明,13705950000,,2024-03-05 09:50,网络贷款,公安部,低,,德化县龙浔镇',
    ].join('\r\n');
    const commander = await t.login('commander');
    const res = await upload(commander, csv);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rows: 3, created: 3, rejected: 0, errors: [] });
    [high, medium, low] = res.json().ids;
    // A dispatcher of the north area may not import a warning of the county town's station.
    expect((await upload(dispatcher, csv)).statusCode).toBe(403);

    const all = await list(commander);
    expect(Object.keys(all.json()).sort()).toEqual(['items', 'total']);
    const byId = new Map(all.json().items.map((w: { id: string }) => [w.id, w]));
    expect(byId.get(high)).toMatchObject({
      risk: 'high',
      status: 'issued',
      action: 'visit',
      stationId: yangmei,
      personName: '连**',
      phone: '139****1234',
      fraudType: 'elderly-wealth',
      moneyAtRisk: 200000,
      issuedAt: '2024-03-05T01:30:00.000Z',
      dueAt: '2024-03-05T01:40:00.000Z',
    });
    expect(byId.get(medium)).toMatchObject({ risk: 'medium', action: 'call', stationId: longxun });
    expect(byId.get(low)).toMatchObject({ risk: 'low', action: 'sms', smsStatus: 'sent' });
    expect(texts.map((x) => x.to)).toEqual(['13705950000']);
    expect(texts[0]!.text).toContain('网络贷款');
  });

  it('shows a station its own warnings only; a clerk or a volunteer reads none', async () => {
    const officer = await t.login('officer-yangmei');
    const mine = await list(officer);
    expect(mine.statusCode).toBe(200);
    const ids = mine.json().items.map((w: { id: string }) => w.id);
    expect(ids).toContain(high);
    expect(ids).not.toContain(medium);
    expect(mine.json().items.every((w: { stationId: string }) => w.stationId === yangmei)).toBe(true);
    expect(
      (await t.as(officer, { method: 'GET', url: `/api/anti-fraud/warnings/${medium}` })).statusCode,
    ).toBe(404);
    const longxunOfficer = await t.login('officer-longxun');
    const theirs = (await list(longxunOfficer)).json().items.map((w: { id: string }) => w.id);
    expect(theirs).toContain(medium);
    expect(theirs).not.toContain(high);
    expect((await list(await t.login('clerk'))).statusCode).toBe(403);
    expect((await list(await t.login('volunteer-shangyong-1'))).statusCode).toBe(403);
    expect((await list(await t.login('leader'))).json().items.map((w: { id: string }) => w.id)).toContain(
      high,
    );
  });

  it('takes the high-risk warning through sign, visit, dissuaded and feedback, on record', async () => {
    const officer = await t.login('officer-yangmei');
    expect((await step(officer, high, { step: 'dissuade', outcome: 'dissuaded' })).statusCode).toBe(409);
    clock.set(new Date('2024-03-05T02:03:00Z'));
    const signed = await step(officer, high, { step: 'sign' });
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'signed', dueAt: '2024-03-05T02:30:00.000Z' });
    expect(signed.json().visits).toHaveLength(1);
    // The plan of the officer who signed shows the visit for today.
    const plan = await t.as(officer, { method: 'GET', url: '/api/outreach/plans' });
    const entry = plan
      .json()
      .items.find((e: { visitId: string }) => e.visitId === signed.json().visits[0].id);
    expect(entry).toMatchObject({ dueOn: '2024-03-05', kinds: ['fraud-target'], residentName: '连**' });
    clock.set(new Date('2024-03-05T02:20:00Z'));
    const visitId = randomUUID();
    const visit = {
      id: visitId,
      residentId: entry.residentId,
      warningId: high,
      activities: '上门讲解养老理财骗局，劝其挂断并停止转账',
      antiFraudTalk: true,
      needs: '子女在外，希望定期回访',
    };
    const recorded = await t.as(officer, { method: 'POST', url: '/api/outreach/visits', payload: visit });
    expect(recorded.statusCode).toBe(201);
    expect(recorded.json()).toMatchObject({
      id: visitId,
      status: 'done',
      antiFraudTalk: true,
      warningId: high,
    });
    // The outbox sends it again after a lost answer: the same visit comes back.
    const again = await t.as(officer, { method: 'POST', url: '/api/outreach/visits', payload: visit });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(visitId);
    const tooMuch = await step(officer, high, { step: 'dissuade', outcome: 'dissuaded', moneySaved: 300000 });
    expect(tooMuch.statusCode).toBe(400);
    const dissuaded = await step(officer, high, {
      step: 'dissuade',
      outcome: 'dissuaded',
      moneySaved: 200000,
      note: '老人已挂断诈骗电话',
    });
    expect(dissuaded.json()).toMatchObject({ status: 'dissuaded', outcome: 'dissuaded', moneySaved: 200000 });
    clock.set(new Date('2024-03-05T03:00:00Z'));
    const fed = await step(await t.login('officer-yangmei'), high, { step: 'feedback', note: '已反馈省厅' });
    expect(fed.json()).toMatchObject({ status: 'feedback', overdue: false, dueAt: null });
    expect(fed.json().timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'issued',
      'signed',
      'visited',
      'dissuaded',
      'feedback',
    ]);
    const trail = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('resource_id', '=', high)
      .execute();
    expect(trail.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'outreach.warning.issued',
        'outreach.warning.signed',
        'outreach.warning.dissuaded',
        'outreach.warning.feedback',
      ]),
    );
  });

  it('flags the unsigned medium warning overdue once and tells the station', async () => {
    // Issued 09:40 Beijing; 30 minutes to sign. Now 11:00.
    const swept = await t.services.fraudWarnings.sweep(TENANT, clock.now());
    expect(swept.overdue).toBeGreaterThanOrEqual(1);
    expect((await t.services.fraudWarnings.sweep(TENANT, clock.now())).overdue).toBe(0);
    const commander = await t.login('commander');
    const overdue = (await list(commander, '&overdue=true')).json().items.map((w: { id: string }) => w.id);
    expect(overdue).toContain(medium);
    expect(overdue).not.toContain(high);
    const events = await database.db
      .selectFrom('outbox')
      .select(['payload', 'org_ids'])
      .where('topic', '=', 'outreach.warning.changed')
      .execute();
    const flagged = events.find(
      (e) =>
        (e.payload as { warningId: string; change: string }).warningId === medium &&
        (e.payload as { change: string }).change === 'overdue',
    );
    expect(flagged?.org_ids).toContain(longxun);
    // A call is logged by the officer once signed.
    const officer = await t.login('officer-longxun');
    expect((await step(officer, medium, { step: 'call' })).statusCode).toBe(409);
    await step(officer, medium, { step: 'sign' });
    const called = await step(officer, medium, { step: 'call', answered: true, note: '已提醒勿刷单' });
    expect(called.json()).toMatchObject({ calls: 1, overdue: true });
  });

  it('reveals a phone only with a reason, and records who asked', async () => {
    const officer = await t.login('officer-yangmei');
    const url = `/api/anti-fraud/warnings/${high}/reveal`;
    expect(
      (await t.as(officer, { method: 'POST', url, payload: { field: 'phone', reason: '' } })).statusCode,
    ).toBe(400);
    const shown = await t.as(officer, {
      method: 'POST',
      url,
      payload: { field: 'phone', reason: '回访核实劝阻效果' },
    });
    expect(shown.json()).toEqual({ field: 'phone', value: '13905951234' });
    const auxiliary = await t.login('auxiliary');
    expect(
      (await t.as(auxiliary, { method: 'POST', url, payload: { field: 'phone', reason: '回访核实' } }))
        .statusCode,
    ).toBe(403);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('resource_id', '=', high)
      .where('action', '=', 'personal.unmask')
      .execute();
    expect(audit).toEqual([{ action: 'personal.unmask', reason: '回访核实劝阻效果' }]);
  });

  it('registers a resident at a registry address and a visit opens home service and a hazard', async () => {
    const officer = await t.login('officer-yangmei');
    const address = await database.db
      .selectFrom('registry_addresses')
      .select(['id', 'label'])
      .where('tenant_code', '=', TENANT)
      .where('station_id', '=', yangmei)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const created = await t.as(officer, {
      method: 'POST',
      url: '/api/outreach/residents',
      payload: {
        name: '苏阿婆',
        phone: '13605951111',
        kinds: ['elderly-alone', 'bedridden'],
        address: address.label,
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: '苏**',
      stationId: yangmei,
      addressId: address.id,
      nextDueOn: '2024-03-05',
      visits: 0,
    });
    const item = await database.db
      .selectFrom('service_items')
      .select('code')
      .where('tenant_code', '=', TENANT)
      .where('active', '=', true)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const res = await t.as(officer, {
      method: 'POST',
      url: '/api/outreach/visits',
      payload: {
        id: randomUUID(),
        residentId: created.json().id,
        activities: '测血压，讲解防诈骗知识',
        antiFraudTalk: true,
        needs: '身份证过期，行动不便',
        service: { itemCodes: [item.code], reason: 'illness' },
        hazard: { kind: 'fire', description: '厨房电线老化裸露' },
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().serviceVisitId).toEqual(expect.any(String));
    expect(res.json().hazardId).toEqual(expect.any(String));
    const home = await database.db
      .selectFrom('service_home_visits')
      .select(['station_id', 'status'])
      .where('id', '=', res.json().serviceVisitId)
      .executeTakeFirstOrThrow();
    expect(home).toEqual({ station_id: yangmei, status: 'requested' });
    const after = await t.as(officer, {
      method: 'GET',
      url: `/api/outreach/residents?station=${yangmei}&pageSize=500`,
    });
    const su = after.json().items.find((r: { id: string }) => r.id === created.json().id);
    expect(su).toMatchObject({ visits: 1, lastVisitOn: '2024-03-05', nextDueOn: '2024-03-19' });
    // Another station's officer cannot see her.
    const other = await t.login('officer-longxun');
    const theirs = await t.as(other, { method: 'GET', url: '/api/outreach/residents?pageSize=500' });
    expect(theirs.json().items.some((r: { id: string }) => r.id === created.json().id)).toBe(false);
  });

  it('raises a warning from one of our incidents: the caller, their phone and the address', async () => {
    const dispatcher = await t.login('dispatcher-north');
    const incident = await t.as(dispatcher, {
      method: 'POST',
      url: '/api/incidents',
      payload: {
        source: '110',
        category: '刑事',
        priority: 2,
        description: '报警人称接到自称客服的电话要求转账',
        address: '德化县杨梅乡',
        caller: { name: '黄丽珍', phone: '13859590001' },
      },
    });
    expect(incident.statusCode).toBe(201);
    const body = {
      incidentId: incident.json().id,
      fraudType: 'impersonate-service',
      risk: 'medium',
      moneyAtRisk: 8000,
    };
    const res = await t.as(dispatcher, {
      method: 'POST',
      url: '/api/anti-fraud/warnings/from-incident',
      payload: body,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      source: 'incident',
      incidentId: incident.json().id,
      personName: '黄**',
      phone: '138****0001',
      stationId: yangmei,
      action: 'call',
      status: 'issued',
    });
    const again = await t.as(dispatcher, {
      method: 'POST',
      url: '/api/anti-fraud/warnings/from-incident',
      payload: body,
    });
    expect(again.statusCode).toBe(409);
  });
});
