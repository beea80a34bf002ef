import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Database } from '../../platform/db/database.ts';

describe.each(databaseKinds())('volunteers 群防群治 (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  const team = async (cookie: string, name: string) => {
    const res = await t.as(cookie, { method: 'GET', url: '/api/volunteers/teams' });
    return (res.json().items as { id: string; name: string }[]).find((x) => x.name === name);
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database));
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  it('seeds 4,370 demo members over the named teams; the county sees all of them', async () => {
    const commander = await t.login('commander');
    const teams = await t.as(commander, { method: 'GET', url: '/api/volunteers/teams' });
    expect(teams.statusCode).toBe(200);
    const names = teams.json().items.map((x: { name: string }) => x.name);
    for (const n of ['古镇义警队', '金牌同心守护队', '外卖义警队', '山林守护者', '库区巡防员'])
      expect(names).toContain(n);
    const gz = teams.json().items.find((x: { name: string }) => x.name === '古镇义警队');
    expect(gz).toMatchObject({ stationName: '上涌派出所', township: '上涌镇', demo: true });
    const stats = await t.as(commander, { method: 'GET', url: '/api/volunteers/stats' });
    expect(stats.statusCode).toBe(200);
    const s = stats.json();
    expect(s.members).toBe(4370);
    expect(s.teams).toBe(teams.json().total);
    expect(s.byTeam.reduce((a: number, x: { members: number }) => a + x.members, 0)).toBe(4370);
    expect(s.onDutyNow).toBeGreaterThan(0);
    expect(s.bySkill['first-aid']).toBeGreaterThan(0);
    expect(s.patrols).toBeGreaterThan(0);
    const y2023 = await t.as(commander, { method: 'GET', url: '/api/volunteers/stats?year=2023' });
    expect(y2023.json().year).toBe(2023);
    // Every demo member had joined by the end of 2023 (the county's figure for that year).
    expect(y2023.json().members).toBe(4370);
    const positions = await database.db.selectFrom('volunteer_positions').selectAll().execute();
    const members = await database.db
      .selectFrom('volunteer_members')
      .select(['id', 'on_duty', 'location_consent_at'])
      .execute();
    const byId = new Map(members.map((m) => [m.id, m]));
    // Positions exist only for consenting, on-duty members.
    for (const p of positions)
      expect(byId.get(p.member_id)).toMatchObject({ on_duty: true, location_consent_at: expect.any(Date) });
    const list = await t.as(commander, {
      method: 'GET',
      url: `/api/volunteers/members?teamId=${gz.id}&skill=first-aid&pageSize=5`,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.length).toBeLessThanOrEqual(5);
    for (const m of list.json().items) {
      expect(m.skills).toContain('first-aid');
      expect(m.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
      expect(m.teamIds).toContain(gz.id);
    }
  });

  it('a station sees only its own teams; an auditor nothing', async () => {
    const shangyong = await t.login('officer-shangyong');
    const own = await t.as(shangyong, { method: 'GET', url: '/api/volunteers/teams' });
    const names = own.json().items.map((x: { name: string }) => x.name);
    expect(names).toContain('古镇义警队');
    expect(names).not.toContain('金牌同心守护队');
    const commander = await t.login('commander');
    const other = await team(commander, '金牌同心守护队');
    expect(
      (await t.as(shangyong, { method: 'GET', url: `/api/volunteers/teams/${other!.id}` })).statusCode,
    ).toBe(404);
    expect(
      (await t.as(shangyong, { method: 'GET', url: `/api/volunteers/members?teamId=${other!.id}` }))
        .statusCode,
    ).toBe(404);
    const auditor = await t.login('auditor');
    for (const url of ['/api/volunteers/teams', '/api/volunteers/members', '/api/volunteers/stats'])
      expect((await t.as(auditor, { method: 'GET', url })).statusCode).toBe(403);
  });

  it('creates a team and a member: names the bad field, masks, dedupes, reveals with a reason (audited)', async () => {
    const officer = await t.login('officer-shangyong');
    const created = await t.as(officer, {
      method: 'POST',
      url: '/api/volunteers/teams',
      payload: { name: '上涌测试守护队', kind: 'guardian', township: '上涌镇' },
    });
    expect(created.statusCode).toBe(201);
    const teamId = created.json().id;
    const xunzhong = await t.login('officer-xunzhong');
    expect(await team(xunzhong, '上涌测试守护队')).toBeUndefined();
    const bad = await t.as(officer, {
      method: 'POST',
      url: '/api/volunteers/members',
      payload: { name: '郑测试', phone: '13859512368', idNumber: '110105194912310021', teamIds: [teamId] },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('/idNumber');
    const ok = await t.as(officer, {
      method: 'POST',
      url: '/api/volunteers/members',
      payload: {
        name: '郑测试',
        phone: '13859512368',
        idNumber: '11010519491231002X',
        teamIds: [teamId],
        skills: ['first-aid', 'swimming'],
        vetting: 'basic',
      },
    });
    expect(ok.statusCode).toBe(201);
    const m = ok.json();
    expect(m).toMatchObject({
      name: '郑**',
      phone: '138****2368',
      idNumber: '110105********002X',
      vetting: 'basic',
    });
    expect(JSON.stringify(m)).not.toContain('13859512368');
    const stored = await database.db
      .selectFrom('volunteer_members')
      .select(['name', 'phone'])
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(stored.phone).toMatch(/^sm4:1:/);
    const again = await t.as(officer, {
      method: 'POST',
      url: '/api/volunteers/members',
      payload: { name: '郑别名', phone: '+86 138 5951 2368', teamIds: [teamId] },
    });
    expect(again.statusCode).toBe(409);
    const found = await t.as(officer, { method: 'GET', url: '/api/volunteers/members?q=13859512368' });
    expect(found.json().items.map((x: { id: string }) => x.id)).toEqual([m.id]);
    const noReason = await t.as(officer, {
      method: 'POST',
      url: `/api/volunteers/members/${m.id}/reveal`,
      payload: { field: 'phone', reason: '' },
    });
    expect(noReason.statusCode).toBeGreaterThanOrEqual(400);
    const revealed = await t.as(officer, {
      method: 'POST',
      url: `/api/volunteers/members/${m.id}/reveal`,
      payload: { field: 'idNumber', reason: '核实义警身份' },
    });
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json().value).toBe('11010519491231002X');
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'resource_id'])
      .where('resource_id', '=', m.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['volunteer.member.create', 'personal.unmask']),
    );
    // Another station cannot read or reveal the member.
    expect((await t.as(xunzhong, { method: 'GET', url: `/api/volunteers/members/${m.id}` })).statusCode).toBe(
      404,
    );
  });

  it('a volunteer sees only their own team and record, sets duty and consent; no consent → no position', async () => {
    const v = await t.login('volunteer-shangyong-2');
    const teams = await t.as(v, { method: 'GET', url: '/api/volunteers/teams' });
    expect(teams.json().items.map((x: { name: string }) => x.name)).toEqual(['古镇义警队']);
    const members = await t.as(v, { method: 'GET', url: '/api/volunteers/members' });
    expect(members.json().total).toBe(1);
    const me = await t.as(v, { method: 'GET', url: '/api/volunteers/me' });
    expect(me.statusCode).toBe(200);
    expect(members.json().items[0].id).toBe(me.json().id);
    expect(me.json()).toMatchObject({ onDuty: true, locationConsent: true });
    expect((await t.as(v, { method: 'GET', url: '/api/volunteers/stats' })).statusCode).toBe(403);
    const id = me.json().id;
    const pos = { lon: 118.1, lat: 25.9, accuracyM: 12 };
    expect(
      (await t.as(v, { method: 'PUT', url: '/api/volunteers/me/position', payload: pos })).statusCode,
    ).toBe(200);
    const row = () =>
      database.db
        .selectFrom('volunteer_positions')
        .selectAll()
        .where('member_id', '=', id)
        .executeTakeFirst();
    expect(await row()).toMatchObject({ lon: 118.1, lat: 25.9 });
    const withdrawn = await t.as(v, {
      method: 'PUT',
      url: '/api/volunteers/me/consent',
      payload: { location: false },
    });
    expect(withdrawn.json()).toMatchObject({
      locationConsent: false,
      locationWithdrawnAt: expect.any(String),
    });
    expect(await row()).toBeUndefined();
    const refused = await t.as(v, { method: 'PUT', url: '/api/volunteers/me/position', payload: pos });
    expect(refused.statusCode).toBe(409);
    expect(await row()).toBeUndefined();
    const off = await t.as(v, { method: 'PUT', url: '/api/volunteers/me/duty', payload: { onDuty: false } });
    expect(off.json()).toMatchObject({ onDuty: false });
    expect(off.json().dutyPeriods[0].endedAt).toEqual(expect.any(String));
    await t.as(v, { method: 'PUT', url: '/api/volunteers/me/consent', payload: { location: true } });
    expect(
      (await t.as(v, { method: 'PUT', url: '/api/volunteers/me/position', payload: pos })).statusCode,
    ).toBe(409);
    const on = await t.as(v, { method: 'PUT', url: '/api/volunteers/me/duty', payload: { onDuty: true } });
    expect(on.json()).toMatchObject({ onDuty: true, locationConsent: true });
    expect(
      (await t.as(v, { method: 'PUT', url: '/api/volunteers/me/position', payload: pos })).statusCode,
    ).toBe(200);
    const eligible = await t.services.volunteers.eligibleForSelection('350526', { onDutyOnly: true });
    const mine = eligible.find((e) => e.memberId === id);
    expect(mine).toMatchObject({ onDuty: true, locationConsent: true, position: { lon: 118.1, lat: 25.9 } });
    expect(eligible.every((e) => e.onDuty)).toBe(true);
    expect(eligible.filter((e) => e.position).every((e) => e.locationConsent)).toBe(true);
  });

  it('join requests: a volunteer applies, a rejection needs a reason, the leading station approves', async () => {
    const officer = await t.login('officer-shangyong');
    const gz = await team(officer, '古镇义警队');
    const applicant = await t.login('volunteer');
    const applied = await t.as(applicant, {
      method: 'POST',
      url: '/api/volunteers/join-requests',
      payload: { teamId: gz!.id, name: '王德福', phone: '13905951247', skills: ['dialect'], note: '住曾坂' },
    });
    expect(applied.statusCode).toBe(201);
    expect(applied.json()).toMatchObject({ status: 'pending', name: '王**', phone: '139****1247' });
    const twice = await t.as(applicant, {
      method: 'POST',
      url: '/api/volunteers/join-requests',
      payload: { teamId: gz!.id, name: '王德福', phone: '13905951247' },
    });
    expect(twice.statusCode).toBe(409);
    const xunzhong = await t.login('officer-xunzhong');
    const foreign = await t.as(xunzhong, {
      method: 'POST',
      url: `/api/volunteers/join-requests/${applied.json().id}/decision`,
      payload: { decision: 'approve' },
    });
    expect(foreign.statusCode).toBe(404);
    const list = await t.as(officer, { method: 'GET', url: '/api/volunteers/join-requests?status=pending' });
    expect(list.json().items.map((r: { id: string }) => r.id)).toContain(applied.json().id);
    const noReason = await t.as(officer, {
      method: 'POST',
      url: `/api/volunteers/join-requests/${applied.json().id}/decision`,
      payload: { decision: 'reject' },
    });
    expect(noReason.statusCode).toBe(400);
    const approved = await t.as(officer, {
      method: 'POST',
      url: `/api/volunteers/join-requests/${applied.json().id}/decision`,
      payload: { decision: 'approve' },
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('approved');
    const me = await t.as(applicant, { method: 'GET', url: '/api/volunteers/me' });
    expect(me.json().teamIds).toContain(gz!.id);
  });

  it('imports a CSV: every bad row reported by line and field, good rows kept, duplicates merged', async () => {
    const officer = await t.login('officer-shangyong');
    const gz = await team(officer, '古镇义警队');
    const csv = [
      '姓名,手机号,身份证号,技能,审查,审查日期,乡镇,加入日期',
      '曾导入,13612345678,,急救、游泳,基本,2026-01-02,上涌镇,2025-12-01',
      '林坏行,1361234,11010519491231002Y,飞行,,,,',
      '',
      '郑导入,13612345679,,驾驶,完整,,上涌镇,',
      '陈重复,13612345678,,,,,,',
    ].join('\n');
    const res = await t.as(officer, {
      method: 'POST',
      url: '/api/volunteers/import',
      payload: { teamId: gz!.id, fileName: 'roster.csv', contentBase64: Buffer.from(csv).toString('base64') },
    });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ rows: 4, created: 2, merged: 0, rejected: 2 });
    expect(r.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 3, field: 'phone' }),
        expect.objectContaining({ line: 3, field: 'idNumber' }),
        expect.objectContaining({ line: 3, field: 'skills' }),
        expect.objectContaining({ line: 6, field: 'phone' }),
      ]),
    );
    const again = await t.as(officer, {
      method: 'POST',
      url: '/api/volunteers/import',
      payload: { teamId: gz!.id, fileName: 'roster.csv', contentBase64: Buffer.from(csv).toString('base64') },
    });
    expect(again.json()).toMatchObject({ created: 0, merged: 2 });
    const template = await t.as(officer, {
      method: 'GET',
      url: '/api/volunteers/import-template?format=xlsx',
    });
    expect(template.statusCode).toBe(200);
    expect(template.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const xlsx = await t.as(officer, {
      method: 'POST',
      url: '/api/volunteers/import',
      payload: {
        teamId: gz!.id,
        fileName: 't.xlsx',
        contentBase64: template.rawPayload.toString('base64'),
        dryRun: true,
      },
    });
    expect(xlsx.json()).toMatchObject({ rows: 1, rejected: 0, dryRun: true, created: 0 });
  });
});
