import { existsSync } from 'node:fs';
import { activityPoints } from '@ronghui/dispatch';
import { chinaDate } from '@ronghui/geo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Services } from '../../main.ts';
import type { Database } from '../../platform/db/database.ts';
import { recordPatrolActivity } from './index.ts';

const chromium = existsSync('/usr/bin/chromium');

describe.each(databaseKinds())('volunteer activities and points (%s)', (kind) => {
  let database: Database;
  let services: Services;
  let t: TestApp;
  let gz: { id: string; stationId: string };
  /** 上涌镇's seat. */
  let seat: { lon: number; lat: number };
  const year = new Date().getUTCFullYear();
  const stats = async (cookie: string, y: number) => {
    const res = await t.as(cookie, { method: 'GET', url: `/api/volunteers/stats?year=${y}` });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const earnedOn = async (memberId: string, day: string) =>
    Number(
      (
        await database.db
          .selectFrom('volunteer_activity_people')
          .select((eb) => eb.fn.sum<string>('points').as('s'))
          .where('member_id', '=', memberId)
          .where('day', '=', day)
          .executeTakeFirst()
      )?.s ?? 0,
    );

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    services = await testServices(database);
    t = await testApp(services);
    const commander = await t.login('commander');
    const teams = (await t.as(commander, { method: 'GET', url: '/api/volunteers/teams' })).json().items;
    gz = teams.find((x: { name: string }) => x.name === '古镇义警队');
    seat = await database.db
      .selectFrom('divisions')
      .select(['lon', 'lat'])
      .where('level', '=', 'township')
      .where('name', '=', '上涌镇')
      .executeTakeFirstOrThrow();
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  it("the demo's 2023 figures are those of the county, counted from the records", async () => {
    const commander = await t.login('commander');
    const s = await stats(commander, 2023);
    expect(s).toMatchObject({ year: 2023, members: 4370, arrestAssists: 73 });
    expect(s.patrols).toBeGreaterThanOrEqual(3200);
    expect(s.mediations).toBeGreaterThanOrEqual(260);
    expect(s.rescues).toBeGreaterThanOrEqual(290);
    expect(s.eventSecurity).toBeGreaterThan(0);
    expect(s.activitiesByKind).toMatchObject({ patrol: s.patrols, 'arrest-assist': 73 });
    expect(s.activityHours).toBeGreaterThan(s.patrols);
    const sum = (k: string) =>
      s.activitiesByTeam.reduce((a: number, x: Record<string, number>) => a + x[k]!, 0);
    expect(sum('patrols')).toBe(s.patrols);
    expect(sum('rescues')).toBe(s.rescues);
    expect(s.activitiesByTownship.reduce((a: number, x: { mediations: number }) => a + x.mediations, 0)).toBe(
      s.mediations,
    );
    // Rejected records exist in 2023 but are not counted.
    const rejected = await database.db
      .selectFrom('volunteer_activities')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('status', '=', 'rejected')
      .where('kind', '=', 'patrol')
      .executeTakeFirst();
    expect(Number(rejected?.n)).toBeGreaterThan(0);
    // A station sees its own teams' figures only.
    const shangyong = await stats(await t.login('officer-shangyong'), 2023);
    expect(shangyong.patrols).toBeGreaterThan(0);
    expect(shangyong.patrols).toBeLessThan(s.patrols);
    expect(shangyong.activitiesByTeam.map((x: { name: string }) => x.name)).toContain('古镇义警队');
    expect(shangyong.activitiesByTeam.map((x: { name: string }) => x.name)).not.toContain('金牌同心守护队');
  });

  it('a volunteer reports, the station confirms, points are awarded and the statistics follow', async () => {
    const volunteer = await t.login('volunteer-shangyong-1');
    const officer = await t.login('officer-shangyong');
    const other = await t.login('officer-xunzhong');
    const before = await stats(officer, year);
    const occurredAt = new Date(Date.now() - 30 * 60_000);
    const res = await t.as(volunteer, {
      method: 'POST',
      url: '/api/volunteers/activities',
      headers: { 'idempotency-key': `act-${kind}-1` },
      payload: {
        kind: 'patrol',
        lon: seat.lon,
        lat: seat.lat,
        address: '曾坂古村落',
        occurredAt: occurredAt.toISOString(),
        durationMinutes: 150,
        outcome: '古村落夜巡，未发现异常',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const rec = res.json();
    expect(rec).toMatchObject({
      kind: 'patrol',
      status: 'submitted',
      teamId: gz.id,
      source: 'phone',
      points: 0,
      township: '上涌镇',
    });
    expect(rec.people).toHaveLength(1);
    expect(rec.people[0]).toMatchObject({ role: 'lead', points: null });
    expect(rec.people[0].name).toContain('*');
    const memberId = rec.people[0].memberId;
    // Submitted records are not counted yet.
    expect((await stats(officer, year)).patrols).toBe(before.patrols);
    // Another station does not see it; the volunteer cannot confirm it.
    expect(
      (await t.as(other, { method: 'GET', url: `/api/volunteers/activities/${rec.id}` })).statusCode,
    ).toBe(404);
    expect(
      (
        await t.as(other, {
          method: 'POST',
          url: `/api/volunteers/activities/${rec.id}/decision`,
          payload: { decision: 'confirm' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.as(volunteer, {
          method: 'POST',
          url: `/api/volunteers/activities/${rec.id}/decision`,
          payload: { decision: 'confirm' },
        })
      ).statusCode,
    ).toBe(403);
    const day = chinaDate(occurredAt);
    const earned = await earnedOn(memberId, day);
    const confirmed = await t.as(officer, {
      method: 'POST',
      url: `/api/volunteers/activities/${rec.id}/decision`,
      payload: { decision: 'confirm' },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const expected = Math.min(activityPoints('patrol', 150, 'lead'), 20 - earned);
    expect(activityPoints('patrol', 150, 'lead')).toBe(4);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', points: expected });
    expect(confirmed.json().people[0].points).toBe(expected);
    const again = await t.as(officer, {
      method: 'POST',
      url: `/api/volunteers/activities/${rec.id}/decision`,
      payload: { decision: 'reject', reason: '重复' },
    });
    expect(again.statusCode).toBe(409);
    expect((await stats(officer, year)).patrols).toBe(before.patrols + 1);
    const audit = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('resource_id', '=', rec.id)
      .where('action', 'like', 'volunteer.activity.%')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['volunteer.activity.submit', 'volunteer.activity.confirm']);

    // The phone's points: this month's, the rank in the team, the record among the recent ones.
    const mine = await t.as(volunteer, { method: 'GET', url: '/api/volunteers/me/points' });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().memberId).toBe(memberId);
    expect(mine.json().points).toBeGreaterThanOrEqual(expected);
    expect(mine.json().teamRank).toBeGreaterThanOrEqual(1);
    expect(mine.json().recent.map((r: { id: string }) => r.id)).toContain(rec.id);
    const ranking = await t.as(officer, {
      method: 'GET',
      url: `/api/volunteers/ranking?month=${chinaDate(new Date()).slice(0, 7)}&scope=team&teamId=${gz.id}`,
    });
    expect(ranking.statusCode).toBe(200);
    const me = ranking.json().items.find((x: { memberId: string }) => x.memberId === memberId);
    expect(me.rank).toBe(mine.json().teamRank);
    expect(me.points).toBe(mine.json().points);
  });

  it('rejects with a reason, and a rejected record earns nothing', async () => {
    const volunteer = await t.login('volunteer-shangyong-2');
    const officer = await t.login('officer-shangyong');
    const before = await stats(officer, year);
    const rec = (
      await t.as(volunteer, {
        method: 'POST',
        url: '/api/volunteers/activities',
        payload: {
          kind: 'rescue',
          lon: seat.lon,
          lat: seat.lat,
          address: '曾坂古村落',
          occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
          durationMinutes: 40,
          outcome: '帮助游客找回走失的孩子',
        },
      })
    ).json();
    const noReason = await t.as(officer, {
      method: 'POST',
      url: `/api/volunteers/activities/${rec.id}/decision`,
      payload: { decision: 'reject' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('reason');
    const rejected = await t.as(officer, {
      method: 'POST',
      url: `/api/volunteers/activities/${rec.id}/decision`,
      payload: { decision: 'reject', reason: '时间地点无法核实' },
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected', reason: '时间地点无法核实', points: 0 });
    expect(rejected.json().people[0].points).toBeNull();
    expect((await stats(officer, year)).rescues).toBe(before.rescues);
  });

  it('a volunteer sees only their own team; bad input names the field', async () => {
    const volunteer = await t.login('volunteer-shangyong-3');
    const list = await t.as(volunteer, { method: 'GET', url: '/api/volunteers/activities?pageSize=100' });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBeGreaterThan(0);
    for (const r of list.json().items) expect(r.teamId).toBe(gz.id);
    const commander = await t.login('commander');
    const teams = (await t.as(commander, { method: 'GET', url: '/api/volunteers/teams' })).json().items;
    const jp = teams.find((x: { name: string }) => x.name === '金牌同心守护队');
    expect(
      (await t.as(volunteer, { method: 'GET', url: `/api/volunteers/activities?teamId=${jp.id}` }))
        .statusCode,
    ).toBe(404);
    const foreign = (
      await t.as(commander, { method: 'GET', url: `/api/volunteers/activities?teamId=${jp.id}&pageSize=1` })
    ).json().items[0];
    expect(
      (await t.as(volunteer, { method: 'GET', url: `/api/volunteers/activities/${foreign.id}` })).statusCode,
    ).toBe(404);
    const bad = await t.as(volunteer, {
      method: 'POST',
      url: '/api/volunteers/activities',
      payload: {
        kind: 'patrol',
        lon: 118,
        lat: 25.8,
        address: 'x',
        occurredAt: 'yesterday',
        durationMinutes: 60,
        outcome: 'x',
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('occurredAt');
    const officer = await t.login('officer-shangyong');
    const noPeople = await t.as(officer, {
      method: 'POST',
      url: '/api/volunteers/activities',
      payload: {
        kind: 'patrol',
        teamId: gz.id,
        lon: 118,
        lat: 25.8,
        address: 'x',
        occurredAt: new Date().toISOString(),
        durationMinutes: 60,
        outcome: 'x',
      },
    });
    expect(noPeople.statusCode).toBe(400);
    expect(noPeople.body).toContain('/people');
  });

  it('ranks a month per county deterministically', async () => {
    const commander = await t.login('commander');
    const a = await t.as(commander, {
      method: 'GET',
      url: '/api/volunteers/ranking?month=2023-06&limit=100',
    });
    expect(a.statusCode).toBe(200);
    const items = a.json().items as { rank: number; points: number; activities: number; name: string }[];
    expect(items.length).toBe(100);
    expect(a.json().total).toBeGreaterThan(100);
    items.forEach((x, i) => {
      expect(x.rank).toBe(i + 1);
      expect(x.name).toContain('*');
      if (i > 0) expect(items[i - 1]!.points).toBeGreaterThanOrEqual(x.points);
    });
    const b = await t.as(commander, {
      method: 'GET',
      url: '/api/volunteers/ranking?month=2023-06&limit=100',
    });
    expect(b.json()).toEqual(a.json());
    const twn = await t.as(commander, {
      method: 'GET',
      url: '/api/volunteers/ranking?month=2023-06&scope=township&township=上涌镇',
    });
    expect(twn.statusCode).toBe(200);
    for (const x of twn.json().items) expect(x.township).toBe('上涌镇');
    expect(
      (await t.as(commander, { method: 'GET', url: '/api/volunteers/ranking?month=2023-06&scope=team' }))
        .statusCode,
    ).toBe(400);
  });

  it('prints a certificate (audited) for the station, 404 for another', async () => {
    const officer = await t.login('officer-shangyong');
    const top = (
      await t.as(officer, {
        method: 'GET',
        url: `/api/volunteers/ranking?month=2023-06&scope=team&teamId=${gz.id}`,
      })
    ).json().items[0];
    const other = await t.login('officer-xunzhong');
    expect(
      (
        await t.as(other, {
          method: 'GET',
          url: `/api/volunteers/members/${top.memberId}/certificate.pdf?period=2023`,
        })
      ).statusCode,
    ).toBe(404);
    if (!chromium) {
      console.warn('Chromium is not installed: the certificate PDF is not rendered in this run');
      return;
    }
    const pdf = await t.as(officer, {
      method: 'GET',
      url: `/api/volunteers/members/${top.memberId}/certificate.pdf?period=2023`,
    });
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const read = await database.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('resource_id', '=', top.memberId)
      .where('action', '=', 'volunteer.certificate.read')
      .execute();
    expect(read).toHaveLength(1);
  });

  it('records a completed patrol run once; a geofence-verified one is confirmed at once', async () => {
    const member = await database.db
      .selectFrom('volunteer_team_members')
      .select('member_id')
      .where('team_id', '=', gz.id)
      .orderBy('member_id')
      .executeTakeFirstOrThrow();
    const input = {
      runId: `run-${kind}-1`,
      taskId: 'task-1',
      teamId: gz.id,
      memberId: member.member_id,
      placeName: '曾坂古村落',
      lon: seat.lon,
      lat: seat.lat,
      startedAt: new Date(Date.now() - 2 * 3_600_000),
      endedAt: new Date(Date.now() - 3_600_000),
    };
    const earned = await earnedOn(member.member_id, chinaDate(input.startedAt));
    const first = await database.db.transaction().execute((trx) => recordPatrolActivity(trx, input));
    expect(first).toMatchObject({ status: 'submitted', created: true });
    const second = await database.db
      .transaction()
      .execute((trx) => recordPatrolActivity(trx, { ...input, geofenceVerified: true }));
    expect(second).toEqual({ ...first, created: false });
    const verified = await database.db
      .transaction()
      .execute((trx) =>
        recordPatrolActivity(trx, { ...input, runId: `run-${kind}-2`, geofenceVerified: true }),
      );
    expect(verified).toMatchObject({ status: 'confirmed', created: true });
    // Somebody outside the team is refused.
    const outsider = await database.db
      .selectFrom('volunteer_team_members')
      .select('member_id')
      .where('team_id', '<>', gz.id)
      .orderBy('member_id')
      .executeTakeFirstOrThrow();
    await expect(
      database.db
        .transaction()
        .execute((trx) =>
          recordPatrolActivity(trx, { ...input, runId: `run-${kind}-3`, memberId: outsider.member_id }),
        ),
    ).rejects.toThrow(/memberId: is not a serving member/);
    const officer = await t.login('officer-shangyong');
    const rec = (
      await t.as(officer, { method: 'GET', url: `/api/volunteers/activities/${verified.activityId}` })
    ).json();
    expect(rec).toMatchObject({ source: 'patrol', patrolRunId: `run-${kind}-2`, durationMinutes: 60 });
    // A one-hour patrol led: 2 + 1 for the lead, within the day's cap.
    expect(rec.people[0]).toMatchObject({ role: 'lead', points: Math.min(3, 20 - earned) });
    expect(rec.township).toBe('上涌镇');
  });
});
