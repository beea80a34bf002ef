import { addDays, localDate } from '@ronghui/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Database } from '../../platform/db/database.ts';

const ROUTES = [
  '/api/welfare/staff',
  '/api/welfare/condolences',
  '/api/welfare/campaigns',
  '/api/welfare/injuries',
  '/api/welfare/schooling',
  '/api/welfare/reminders',
  '/api/welfare/stats?year=2023',
];

describe.each(databaseKinds())('爱警暖警 officer welfare (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let staffOfficer: string;
  let leader: string;
  const today = localDate(new Date());

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database));
    staffOfficer = await t.login('staff-officer');
    leader = await t.login('leader');
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  const get = (session: string, url: string) => t.as(session, { method: 'GET', url });
  const post = (session: string, url: string, payload: Record<string, unknown>) =>
    t.as(session, { method: 'POST', url, payload });

  it("recomputes the demo's 2023 figures from the records: 335 visits, 318 health checks, 21 schooling cases", async () => {
    const res = await get(staffOfficer, '/api/welfare/stats?year=2023');
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({ year: 2023, condolences: 335, healthChecks: 318, schooling: 21 });
    expect(s.byMechanism.daily + s.byMechanism.holiday + s.byMechanism.operation).toBe(335);
    expect(s.byMechanism.daily).toBeGreaterThan(0);
    expect(s.byMechanism.operation).toBeGreaterThan(0);
    expect(s.campaigns).toHaveLength(1);
    expect(s.campaigns[0]).toMatchObject({ done: 318 });
    expect(s.campaignCompletionRate).toBe(Math.round((318 / s.campaigns[0].targets) * 10_000) / 10_000);
    expect(s.staff.total).toBeGreaterThanOrEqual(340);
    expect(s.staff.total).toBeLessThanOrEqual(380);
    expect(s.staff.officer + s.staff.auxiliary + s.staff.civilian).toBe(s.staff.total);
    // The same totals from the lists: the figures are the records, counted.
    const visits = await get(staffOfficer, '/api/welfare/condolences?year=2023&pageSize=1');
    expect(visits.json().total).toBe(335);
    const holiday = await get(
      staffOfficer,
      '/api/welfare/condolences?year=2023&mechanism=holiday&pageSize=1',
    );
    expect(holiday.json().total).toBe(s.byMechanism.holiday);
    const done = await get(
      staffOfficer,
      `/api/welfare/campaigns/${s.campaigns[0].id}/checks?status=done&pageSize=1`,
    );
    expect(done.json().total).toBe(318);
    const placed = await get(staffOfficer, '/api/welfare/schooling?status=done&year=2023&pageSize=1');
    expect(placed.json().total).toBe(21);
    // Another year counts only its own records.
    const other = (await get(staffOfficer, '/api/welfare/stats?year=2022')).json();
    expect(other).toMatchObject({ condolences: 0, healthChecks: 0, schooling: 0 });
  });

  it('lets only the staff office and leadership in: an officer, a commander and an auditor are refused', async () => {
    for (const who of ['officer', 'commander', 'auditor', 'auxiliary']) {
      const session = await t.login(who);
      for (const url of ROUTES) expect((await get(session, url)).statusCode, `${who} ${url}`).toBe(403);
    }
    const officer = await t.login('officer');
    const staff = (await get(leader, '/api/welfare/staff?pageSize=1')).json().items[0];
    expect((await get(officer, `/api/welfare/staff/${staff.id}`)).statusCode).toBe(403);
    const reveal = await post(officer, `/api/welfare/staff/${staff.id}/reveal`, {
      field: 'healthNotes',
      reason: '了解身体情况',
    });
    expect(reveal.statusCode).toBe(403);
    for (const url of ROUTES) expect((await get(leader, url)).statusCode, url).toBe(200);
  });

  it('masks health data for the leader until it is revealed with a reason, and audits every read and the reveal', async () => {
    const list = await get(leader, '/api/welfare/staff?pageSize=200');
    expect(list.statusCode).toBe(200);
    const withNotes = list.json().items.find((s: { healthNotes: string | null }) => s.healthNotes);
    expect(withNotes.healthNotes).toBe('***');
    expect(withNotes.name).toMatch(/\*/);
    if (withNotes.phone) expect(withNotes.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    const read = await get(leader, `/api/welfare/staff/${withNotes.id}`);
    expect(read.json().healthNotes).toBe('***');
    const readAudit = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('resource_id', '=', withNotes.id)
      .where('action', '=', 'welfare.staff.read')
      .execute();
    expect(readAudit).toHaveLength(1);
    const listAudit = await database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'welfare.staff.list')
      .execute();
    expect(listAudit.some((r) => (r.detail as { ids: string[] }).ids.includes(withNotes.id))).toBe(true);

    const noReason = await post(leader, `/api/welfare/staff/${withNotes.id}/reveal`, {
      field: 'healthNotes',
      reason: ' ',
    });
    expect(noReason.statusCode).toBe(400);
    const reveal = await post(leader, `/api/welfare/staff/${withNotes.id}/reveal`, {
      field: 'healthNotes',
      reason: '安排重大任务前了解身体状况',
    });
    expect(reveal.statusCode).toBe(200);
    expect(reveal.json().field).toBe('healthNotes');
    expect(reveal.json().value).not.toBe('***');
    expect(reveal.json().value.length).toBeGreaterThan(3);
    const unmask = await database.db
      .selectFrom('audit_log')
      .select(['action', 'reason', 'actor'])
      .where('resource_id', '=', withNotes.id)
      .where('action', '=', 'personal.unmask')
      .execute();
    expect(unmask).toEqual([
      { action: 'personal.unmask', reason: '安排重大任务前了解身体状况', actor: 'leader' },
    ]);
    // Still masked afterwards: a reveal shows the value once, it does not unmask the record.
    expect((await get(leader, `/api/welfare/staff/${withNotes.id}`)).json().healthNotes).toBe('***');
  });

  it('records staff, an injury and its daily condolence visit; counts it in the year; audits the writes', async () => {
    const year = Number(today.slice(0, 4));
    const before = (await get(staffOfficer, `/api/welfare/stats?year=${year}`)).json();
    const created = await post(staffOfficer, '/api/welfare/staff', {
      kind: 'officer',
      orgId: 'station-350526100',
      name: '郑建华',
      position: '民警',
      phone: '13859512368',
      family: [{ relation: '配偶', name: '林美玲' }],
      healthNotes: '高血压，需半年复查',
      lastCheckOn: addDays(today, -400),
    });
    expect(created.statusCode).toBe(201);
    const person = created.json();
    expect(person).toMatchObject({
      name: '郑**',
      phone: '138****2368',
      healthNotes: '***',
      family: [{ relation: '配偶', name: '林**' }],
      nextCheckDue: addDays(addDays(today, -400), 365),
    });
    const stored = await database.db
      .selectFrom('welfare_staff')
      .select(['name', 'phone', 'health_notes'])
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(stored.name).not.toContain('郑');
    expect(stored.health_notes).not.toContain('高血压');

    // The overdue check and the unvisited injury show among the reminders.
    const injury = await post(staffOfficer, '/api/welfare/injuries', {
      staffId: person.id,
      kind: 'injury',
      occurredOn: today,
      description: '抓捕中扭伤脚踝',
    });
    expect(injury.statusCode).toBe(201);
    let reminders = (await get(staffOfficer, '/api/welfare/reminders')).json();
    expect(reminders.items).toContainEqual(
      expect.objectContaining({ kind: 'health-check-overdue', staffId: person.id }),
    );
    expect(reminders.items).toContainEqual(
      expect.objectContaining({ kind: 'injury-unvisited', refId: injury.json().id }),
    );
    expect(reminders.counts['schooling-open']).toBeGreaterThan(0);

    const future = await post(staffOfficer, '/api/welfare/condolences', {
      mechanism: 'daily',
      injuryId: injury.json().id,
      reason: '抓捕中扭伤脚踝',
      visitors: '局领导、政工室',
      visitedOn: addDays(today, 1),
      amountYuan: 1000,
    });
    expect(future.statusCode).toBe(400);
    const visit = await post(staffOfficer, '/api/welfare/condolences', {
      mechanism: 'daily',
      injuryId: injury.json().id,
      reason: '抓捕中扭伤脚踝',
      visitors: '局领导、政工室',
      visitedOn: today,
      amountYuan: 1000,
    });
    expect(visit.statusCode).toBe(201);
    expect(visit.json()).toMatchObject({
      mechanism: 'daily',
      staffId: person.id,
      staffName: '郑**',
      amountYuan: 1000,
    });
    const twice = await post(staffOfficer, '/api/welfare/condolences', {
      mechanism: 'daily',
      injuryId: injury.json().id,
      reason: '再次慰问',
      visitors: '政工室',
      visitedOn: today,
    });
    expect(twice.statusCode).toBe(409);
    reminders = (await get(staffOfficer, '/api/welfare/reminders')).json();
    expect(reminders.items).not.toContainEqual(expect.objectContaining({ refId: injury.json().id }));
    const after = (await get(staffOfficer, `/api/welfare/stats?year=${year}`)).json();
    expect(after.condolences).toBe(before.condolences + 1);
    expect(after.byMechanism.daily).toBe(before.byMechanism.daily + 1);
    const written = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('resource_id', 'in', [person.id, injury.json().id, visit.json().id])
      .execute();
    expect(written.map((r) => r.action).sort()).toEqual([
      'welfare.condolence.recorded',
      'welfare.injury.recorded',
      'welfare.staff.created',
    ]);
  });

  it('runs a health-check campaign: marks a check done with a hidden result, revealed with a reason', async () => {
    const staff = (await get(staffOfficer, '/api/welfare/staff?orgId=station-350526100&pageSize=3')).json()
      .items;
    const campaign = await post(staffOfficer, '/api/welfare/campaigns', {
      year: Number(today.slice(0, 4)),
      period: '专项',
      title: '浔中所专项体检',
      startsOn: addDays(today, -10),
      dueOn: addDays(today, 20),
      staffIds: staff.map((s: { id: string }) => s.id),
    });
    expect(campaign.statusCode).toBe(201);
    const c = campaign.json();
    expect(c).toMatchObject({ targets: 3, done: 0, rate: 0 });
    const mark = await post(staffOfficer, `/api/welfare/campaigns/${c.id}/checks/${staff[0].id}`, {
      doneOn: today,
      result: '血脂偏高',
    });
    expect(mark.statusCode).toBe(200);
    expect(mark.json()).toMatchObject({ doneOn: today, result: '***' });
    const list = (await get(staffOfficer, '/api/welfare/campaigns')).json().items;
    expect(list.find((x: { id: string }) => x.id === c.id)).toMatchObject({
      done: 1,
      targets: 3,
      rate: 0.3333,
    });
    const person = (await get(staffOfficer, `/api/welfare/staff/${staff[0].id}`)).json();
    expect(person).toMatchObject({ lastCheckOn: today, nextCheckDue: addDays(today, 365) });
    const reveal = await post(leader, `/api/welfare/campaigns/${c.id}/checks/${staff[0].id}/reveal`, {
      reason: '研究民警疗养安排',
    });
    expect(reveal.json()).toEqual({ field: 'result', value: '血脂偏高' });
    const audited = await database.db
      .selectFrom('audit_log')
      .select('reason')
      .where('resource_id', '=', `${c.id}:${staff[0].id}`)
      .where('action', '=', 'personal.unmask')
      .execute();
    expect(audited).toEqual([{ reason: '研究民警疗养安排' }]);
  });

  it('moves a schooling case requested → arranged → done and counts it once settled', async () => {
    const year = Number(today.slice(0, 4));
    const officerStaff = (await get(staffOfficer, '/api/welfare/staff?kind=officer&pageSize=1')).json()
      .items[0];
    const before = (await get(staffOfficer, `/api/welfare/stats?year=${year}`)).json();
    const opened = await post(staffOfficer, '/api/welfare/schooling', {
      staffId: officerStaff.id,
      childName: '陈子涵',
      stage: 'primary',
      need: '异地交流任职，子女需就近入学',
    });
    expect(opened.statusCode).toBe(201);
    expect(opened.json()).toMatchObject({ status: 'requested', childName: '陈**' });
    const id = opened.json().id;
    const noSchool = await post(staffOfficer, `/api/welfare/schooling/${id}/steps`, { status: 'arranged' });
    expect(noSchool.statusCode).toBe(400);
    const arranged = await post(staffOfficer, `/api/welfare/schooling/${id}/steps`, {
      status: 'arranged',
      school: '德化县实验小学',
    });
    expect(arranged.json()).toMatchObject({ status: 'arranged', school: '德化县实验小学' });
    expect((await get(staffOfficer, `/api/welfare/stats?year=${year}`)).json().schooling).toBe(
      before.schooling,
    );
    const done = await post(staffOfficer, `/api/welfare/schooling/${id}/steps`, { status: 'done' });
    expect(done.json()).toMatchObject({ status: 'done', doneOn: today });
    const again = await post(staffOfficer, `/api/welfare/schooling/${id}/steps`, { status: 'arranged' });
    expect(again.statusCode).toBe(409);
    expect((await get(staffOfficer, `/api/welfare/stats?year=${year}`)).json().schooling).toBe(
      before.schooling + 1,
    );
  });

  it('changes a staff record: new unit and position, health notes cleared; the audit names the fields, not the values', async () => {
    const person = (await get(staffOfficer, '/api/welfare/staff?kind=civilian&pageSize=1')).json().items[0];
    const res = await t.as(staffOfficer, {
      method: 'PATCH',
      url: `/api/welfare/staff/${person.id}`,
      payload: { orgId: 'station-350526100', position: '内勤', healthNotes: null },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ orgId: 'station-350526100', position: '内勤', healthNotes: null });
    const bad = await t.as(staffOfficer, {
      method: 'PATCH',
      url: `/api/welfare/staff/${person.id}`,
      payload: { orgId: 'station-nowhere' },
    });
    expect(bad.statusCode).toBe(400);
    const audit = await database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('resource_id', '=', person.id)
      .where('action', '=', 'welfare.staff.changed')
      .execute();
    expect(audit).toEqual([{ detail: { fields: ['orgId', 'position', 'healthNotes'] } }]);
  });

  it('lists the coming statutory holidays for holiday visits from the official calendar', async () => {
    const r = (await get(leader, '/api/welfare/reminders')).json();
    for (const h of r.items.filter((x: { kind: string }) => x.kind === 'holiday')) {
      expect(h.date >= r.today).toBe(true);
      expect(h.date <= addDays(r.today, 30)).toBe(true);
    }
    expect(r.total).toBe(r.items.length);
  });
});
