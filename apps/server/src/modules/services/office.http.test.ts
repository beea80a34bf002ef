import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addWorkingDays, DEFAULT_HALL_HOURS, demoCatalogue, localDate } from '@ronghui/services';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import { seedServiceHistory } from '../../demo/seed-services-history.ts';
import { manualClock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';

const TENANT = '350526';
const XUNZHONG = 'station-350526100';

/**
 * Items, halls and counters for these tests when the demo seed has none yet: the demo catalogue, the
 * county centre's hall and one hall per station. Skipped when halls exist (the demo seeds them).
 */
async function ensureHalls(db: Kysely<DB>) {
  const any = await db
    .selectFrom('service_halls')
    .select('id')
    .where('tenant_code', '=', TENANT)
    .limit(1)
    .execute();
  if (any.length) return;
  const now = new Date();
  const orgs = await db
    .selectFrom('orgs')
    .select(['id', 'kind', 'name', 'lon', 'lat'])
    .where('tenant_code', '=', TENANT)
    .where('kind', 'in', ['tenant', 'station'])
    .execute();
  await db
    .insertInto('service_items')
    .values(
      demoCatalogue().map((it) => ({
        tenant_code: TENANT,
        code: it.code,
        name: it.name,
        name_en: it.nameEn,
        category: it.category,
        kind: it.kind,
        statutory_days: it.statutoryDays,
        promised_days: it.promisedDays,
        expedited_days: it.expeditedDays,
        materials: JSON.stringify(it.materials),
        fee_yuan: it.feeYuan,
        channels: JSON.stringify(it.channels),
        centre_only: it.centreOnly,
        item_group: it.group,
        attributes: JSON.stringify(it.attributes),
        updated_at: now,
      })),
    )
    .execute();
  for (const o of orgs) {
    const id = o.kind === 'tenant' ? 'fixture-centre' : `fixture-${o.id}`;
    await db
      .insertInto('service_halls')
      .values({
        tenant_code: TENANT,
        id,
        org_id: o.id,
        name: o.kind === 'tenant' ? '行政服务中心' : `${o.name}服务大厅`,
        centre: o.kind === 'tenant',
        lon: o.lon ?? 118.24,
        lat: o.lat ?? 25.49,
        phone: null,
        hours: JSON.stringify(DEFAULT_HALL_HOURS),
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('service_counters')
      .values(
        [1, 2].map((n) => ({
          tenant_code: TENANT,
          hall_id: id,
          id: `${id}-${n}`,
          name: `综合窗口${n}`,
          item_codes: null,
          clerk_id: null,
          updated_at: now,
        })),
      )
      .execute();
  }
}

async function hallOf(db: Kysely<DB>, orgId: string | 'centre'): Promise<string> {
  let q = db.selectFrom('service_halls').select('id').where('tenant_code', '=', TENANT);
  q = orgId === 'centre' ? q.where('centre', '=', true) : q.where('org_id', '=', orgId);
  return (await q.executeTakeFirstOrThrow()).id;
}

/** A finished visit in a hall (the queue itself is the front desk's). */
async function doneTicket(db: Kysely<DB>, hallId: string, itemCodes: string[], at: Date): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('service_tickets')
    .values({
      id,
      tenant_code: TENANT,
      hall_id: hallId,
      service_day: localDate(at),
      number: `A${String(Math.floor(Math.random() * 900) + 100)}`,
      item_group: 'A',
      item_codes: JSON.stringify(itemCodes),
      source: 'walk-in',
      status: 'done',
      issued_at: new Date(at.getTime() - 20 * 60_000),
      called_at: new Date(at.getTime() - 10 * 60_000),
      started_at: new Date(at.getTime() - 9 * 60_000),
      finished_at: at,
    })
    .execute();
  return id;
}

describe.each(databaseKinds())('service back office 办件·好差评·上门办证 (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let sms: Server;
  const texts: { messageId: string; to: string; text: string }[] = [];
  // 2024-02-08 10:00 Beijing, the Thursday before the Spring Festival holiday.
  const clock = manualClock(new Date('2024-02-08T02:00:00Z'));
  let xunzhongHall: string;
  let centreHall: string;

  beforeAll(async () => {
    sms = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        texts.push(JSON.parse(body));
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => sms.listen(0, '127.0.0.1', resolve));
    const port = (sms.address() as AddressInfo).port;
    database = await openTestDatabase(kind, { demo: true });
    await ensureHalls(database.db);
    const services = await testServices(database, {
      clock,
      env: { SMS_WEBHOOK: `http://127.0.0.1:${port}/sms`, SMS_TOKEN: 'test-sms-token-0123456789' },
    });
    await services.bus.start();
    t = await testApp(services);
    xunzhongHall = await hallOf(database.db, XUNZHONG);
    centreHall = await hallOf(database.db, 'centre');
  });
  afterAll(async () => {
    await t?.close();
    await t?.services.bus.close();
    await database?.close();
    await new Promise((resolve) => sms?.close(resolve));
  });

  const newCase = (session: string, payload: Record<string, unknown>) =>
    t.as(session, {
      method: 'POST',
      url: '/api/services/cases',
      payload: { applicantName: '卢秀英', applicantPhone: '13859512368', ...payload },
    });
  const step = (session: string, id: string, s: string) =>
    t.as(session, { method: 'POST', url: `/api/services/cases/${id}/steps`, payload: { step: s } });

  it("accepts 卢女士's two cases in one visit, completes and delivers them on time, and texts her", async () => {
    clock.set(new Date('2024-02-08T02:00:00Z'));
    let officer = await t.login('officer-xunzhong');
    const ticketId = await doneTicket(database.db, xunzhongHall, ['HJ-002', 'HJ-001'], clock.now());
    const immediate = await newCase(officer, {
      hallId: xunzhongHall,
      itemCode: 'HJ-002',
      ticketId,
      applicantIdNumber: '11010519491231002X',
    });
    expect(immediate.statusCode).toBe(201);
    const promised = await newCase(officer, { hallId: xunzhongHall, itemCode: 'HJ-001', ticketId });
    expect(promised.statusCode).toBe(201);
    const a = immediate.json();
    const b = promised.json();
    expect(a).toMatchObject({
      status: 'accepted',
      itemCode: 'HJ-002',
      ticketId,
      channel: 'window',
      deadline: '2024-02-08',
      applicantName: '卢**',
      applicantPhone: '138****2368',
      overdue: false,
    });
    expect(a.applicantIdNumber).not.toContain('19491231');
    expect(a.number).toMatch(/^BJ350526-20240208-\d{4}$/);
    expect(b.number).not.toBe(a.number);
    // Spring Festival 2024: 10–17 February off, Sunday 18 February a make-up working day.
    expect(b.deadline).toBe(addWorkingDays('2024-02-08', 5));
    expect(b.deadline).toBe('2024-02-21');
    expect(b.warnOn).toBe('2024-02-20');

    expect((await step(officer, a.id, 'deliver')).statusCode).toBe(409);
    const done = await step(officer, a.id, 'complete');
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', onTime: true });
    const delivered = await step(officer, a.id, 'deliver');
    expect(delivered.json()).toMatchObject({ status: 'delivered', onTime: true });
    expect(delivered.json().timeline.map((e: { status: string }) => e.status)).toEqual([
      'accepted',
      'completed',
      'delivered',
    ]);
    const again = await step(officer, a.id, 'complete');
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('delivered');

    expect((await step(officer, b.id, 'process')).json().status).toBe('processing');
    clock.set(new Date('2024-02-19T03:00:00Z'));
    officer = await t.login('officer-xunzhong');
    expect((await step(officer, b.id, 'complete')).json()).toMatchObject({
      status: 'completed',
      onTime: true,
    });
    const text = texts.find((m) => m.text.includes(b.number));
    expect(text?.to).toBe('13859512368');
    expect(text?.text).toEqual(
      expect.stringMatching(
        new RegExp(
          `^【融汇】您办理的户籍登记（立户、分户）已办结（${b.number}），评价码[2-9A-HJKMNP-Z]{8}，请在预约页或大厅评价器对本次服务评价。$`,
        ),
      ),
    );

    const read = await t.as(officer, { method: 'GET', url: `/api/services/cases/${b.id}` });
    expect(read.statusCode).toBe(200);
    const audited = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('resource_id', '=', b.id)
      .execute();
    expect(audited.map((r) => r.action)).toContain('service.case.read');
    const revealNoReason = await t.as(officer, {
      method: 'POST',
      url: `/api/services/cases/${a.id}/reveal`,
      payload: { field: 'applicantIdNumber', reason: '' },
    });
    expect(revealNoReason.statusCode).toBe(400);
    const reveal = await t.as(officer, {
      method: 'POST',
      url: `/api/services/cases/${a.id}/reveal`,
      payload: { field: 'applicantIdNumber', reason: '核对申请人身份' },
    });
    expect(reveal.json()).toEqual({ field: 'applicantIdNumber', value: '11010519491231002X' });
    const unmask = await database.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('resource_id', '=', a.id)
      .where('action', '=', 'personal.unmask')
      .execute();
    expect(unmask).toEqual([{ action: 'personal.unmask', reason: '核对申请人身份' }]);
  });

  it('warns one working day before the deadline, once, to the hall', async () => {
    clock.set(new Date('2024-02-08T03:00:00Z'));
    const clerk = await t.login('clerk');
    const c = (await newCase(clerk, { hallId: xunzhongHall, itemCode: 'HJ-003' })).json();
    expect(c.warnOn).toBe('2024-02-20');
    const warnedAt = async () =>
      (
        await database.db
          .selectFrom('service_cases')
          .select('warned_at')
          .where('id', '=', c.id)
          .executeTakeFirstOrThrow()
      ).warned_at;
    const dueSoon = async () =>
      (
        await database.db
          .selectFrom('outbox')
          .select(['payload', 'org_ids'])
          .where('topic', '=', 'services.case.changed')
          .execute()
      ).filter((e) => {
        const p = (typeof e.payload === 'string' ? JSON.parse(e.payload) : e.payload) as {
          caseId: string;
          change: string;
        };
        return p.caseId === c.id && p.change === 'due-soon';
      });
    clock.set(new Date('2024-02-19T02:00:00Z'));
    await t.services.serviceOffice.sweep(TENANT);
    expect(await warnedAt()).toBeNull();
    clock.set(new Date('2024-02-20T01:00:00Z'));
    const first = await t.services.serviceOffice.sweep(TENANT);
    expect(first.warned).toBeGreaterThanOrEqual(1);
    const at = await warnedAt();
    expect(at).not.toBeNull();
    await t.services.serviceOffice.sweep(TENANT);
    expect(new Date((await warnedAt())!).getTime()).toBe(new Date(at!).getTime());
    const events = await dueSoon();
    expect(events).toHaveLength(1);
    expect(events[0]!.org_ids).toContain(XUNZHONG);
    clock.set(new Date('2024-02-22T02:00:00Z'));
    const list = await t.as(await t.login('clerk'), {
      method: 'GET',
      url: `/api/services/cases?hallId=${xunzhongHall}&dueBy=2024-02-21`,
    });
    expect(list.json().items.find((x: { id: string }) => x.id === c.id)).toMatchObject({ overdue: true });
  });

  it('expedites a passport at the centre, and refuses to expedite what cannot be', async () => {
    clock.set(new Date('2024-03-04T02:00:00Z'));
    const clerk = await t.login('clerk');
    const passport = await newCase(clerk, { hallId: centreHall, itemCode: 'CRJ-001', expedited: true });
    expect(passport.statusCode).toBe(201);
    expect(passport.json()).toMatchObject({ expedited: true, deadline: addWorkingDays('2024-03-04', 5) });
    expect(passport.json().deadline).toBe('2024-03-11');
    const normal = await newCase(clerk, { hallId: centreHall, itemCode: 'CRJ-001' });
    expect(normal.json().deadline).toBe(addWorkingDays('2024-03-04', 7));
    const refused = await newCase(clerk, { hallId: centreHall, itemCode: 'HJ-001', expedited: true });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ path: '/expedited' })]);
    const station = await newCase(clerk, { hallId: xunzhongHall, itemCode: 'CRJ-001' });
    expect(station.statusCode).toBe(400);
    const badId = await newCase(clerk, {
      hallId: xunzhongHall,
      itemCode: 'HJ-001',
      applicantIdNumber: '110105194912310021',
    });
    expect(badId.statusCode).toBe(400);
    expect(JSON.stringify(badId.json().errors)).toContain('/applicantIdNumber');
  });

  it('a bad rating opens a follow-up: callback, rectify, and the rating of the fix closes it', async () => {
    clock.set(new Date('2024-03-05T02:00:00Z'));
    const clerk = await t.login('clerk');
    const c = (
      await newCase(clerk, { hallId: xunzhongHall, itemCode: 'HJ-002', applicantPhone: '13905951247' })
    ).json();
    const before = texts.length;
    await step(clerk, c.id, 'complete');
    const token = /评价码([0-9A-Z]{8})/.exec(
      texts.slice(before).find((m) => m.text.includes(c.number))!.text,
    )![1]!;
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/services/ratings',
      payload: { caseNumber: c.number, level: 2, channel: 'phone', token: 'wrong-token-wrong-token' },
    });
    expect(anonymous.statusCode).toBe(403);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/services/ratings',
      payload: { caseNumber: c.number, level: 2, channel: 'phone', token, comment: '等候太久' },
    });
    expect(bad.statusCode).toBe(201);
    const followUpId = bad.json().followUpId;
    expect(followUpId).toBeTruthy();
    const list = await t.as(clerk, { method: 'GET', url: '/api/services/follow-ups' });
    const f = list.json().items.find((x: { id: string }) => x.id === followUpId);
    expect(f).toMatchObject({
      status: 'open',
      level: 2,
      comment: '等候太久',
      rectifyBy: addWorkingDays('2024-03-05', 5),
    });
    const fstep = (payload: Record<string, unknown>) =>
      t.as(clerk, { method: 'POST', url: `/api/services/follow-ups/${followUpId}/steps`, payload });
    expect((await fstep({ step: 'rectify', note: '整改' })).statusCode).toBe(409);
    expect((await fstep({ step: 'callback', note: '已电话回访，致歉' })).json().status).toBe('called-back');
    expect((await fstep({ step: 'rectify', note: '增开午间窗口' })).json().status).toBe('rectified');
    const fix = await t.app.inject({
      method: 'POST',
      url: '/api/services/ratings',
      payload: { caseNumber: c.number, level: 5, channel: 'phone', token },
    });
    expect(fix.statusCode).toBe(201);
    expect(fix.json().followUpId).toBe(followUpId);
    const closed = (
      await t.as(clerk, { method: 'GET', url: '/api/services/follow-ups?status=closed' })
    ).json();
    expect(closed.items.find((x: { id: string }) => x.id === followUpId)).toMatchObject({
      status: 'closed',
      fixLevel: 5,
    });
    const third = await t.app.inject({
      method: 'POST',
      url: '/api/services/ratings',
      payload: { caseNumber: c.number, level: 5, channel: 'phone', token },
    });
    expect(third.statusCode).toBe(409);

    // A visit is rated once, at the hall.
    const ticketId = await doneTicket(database.db, xunzhongHall, ['HJ-002'], clock.now());
    const visit = { ticketId, level: 5, channel: 'kiosk' };
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/services/ratings', payload: visit })).statusCode,
    ).toBe(401);
    expect(
      (await t.as(clerk, { method: 'POST', url: '/api/services/ratings', payload: visit })).statusCode,
    ).toBe(201);
    expect(
      (await t.as(clerk, { method: 'POST', url: '/api/services/ratings', payload: visit })).statusCode,
    ).toBe(409);
  });

  it('answers a progress check only to the right last four digits, the same way for any mismatch', async () => {
    const clerk = await t.login('clerk');
    const c = (
      await newCase(clerk, { hallId: xunzhongHall, itemCode: 'HJ-001', applicantPhone: '13712345678' })
    ).json();
    const ask = (number: string, last4: string) =>
      t.app.inject({ method: 'GET', url: `/api/services/progress?number=${number}&phoneLast4=${last4}` });
    const right = await ask(c.number, '5678');
    expect(right.statusCode).toBe(200);
    expect(right.json()).toMatchObject({ number: c.number, status: 'accepted', deadline: c.deadline });
    expect(JSON.stringify(right.json())).not.toContain('1371234');
    const wrong = await ask(c.number, '5679');
    const unknown = await ask('BJ350526-20240101-9999', '5678');
    expect(wrong.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it('a home visit accepted, scheduled and completed makes completed cases with channel home', async () => {
    clock.set(new Date('2024-03-06T01:00:00Z'));
    const officer = await t.login('officer-xunzhong');
    const created = await t.as(officer, {
      method: 'POST',
      url: '/api/services/home-visits',
      payload: {
        stationId: XUNZHONG,
        applicantName: '郑阿婆',
        applicantPhone: '13959501234',
        age: 92,
        reason: 'age',
        address: '浔中镇某村12号',
        itemCodes: ['SFZ-002', 'HJ-002'],
      },
    });
    expect(created.statusCode).toBe(201);
    const v = created.json();
    expect(v).toMatchObject({ status: 'requested', applicantName: '郑**', stationId: XUNZHONG });
    const other = await t.login('officer-longxun');
    const foreign = await t.as(other, {
      method: 'POST',
      url: `/api/services/home-visits/${v.id}/steps`,
      payload: { step: 'accept' },
    });
    expect(foreign.statusCode).toBe(404);
    const go = (payload: Record<string, unknown>) =>
      t.as(officer, { method: 'POST', url: `/api/services/home-visits/${v.id}/steps`, payload });
    expect((await go({ step: 'complete' })).statusCode).toBe(409);
    expect((await go({ step: 'accept', note: '高龄行动不便' })).json().status).toBe('accepted');
    const scheduled = await go({
      step: 'schedule',
      scheduledAt: '2024-03-07T01:00:00.000Z',
      officers: ['民警 郑建华'],
    });
    expect(scheduled.json()).toMatchObject({ status: 'scheduled', officers: ['民警 郑建华'] });
    const done = await go({ step: 'complete' });
    expect(done.json().status).toBe('completed');
    expect(done.json().caseIds).toHaveLength(2);
    for (const id of done.json().caseIds) {
      const c = (await t.as(officer, { method: 'GET', url: `/api/services/cases/${id}` })).json();
      expect(c).toMatchObject({
        channel: 'home',
        status: 'completed',
        onTime: true,
        homeVisitId: v.id,
        hallId: xunzhongHall,
      });
    }
  });

  it("keeps a station's cases from another station", async () => {
    const xz = await t.login('officer-xunzhong');
    const c = (await newCase(xz, { hallId: xunzhongHall, itemCode: 'HJ-002' })).json();
    const lx = await t.login('officer-longxun');
    expect((await t.as(lx, { method: 'GET', url: `/api/services/cases/${c.id}` })).statusCode).toBe(404);
    const listed = await t.as(lx, { method: 'GET', url: '/api/services/cases?pageSize=500' });
    expect(listed.json().items.some((x: { hallId: string }) => x.hallId === xunzhongHall)).toBe(false);
    const theirs = await t.as(xz, { method: 'GET', url: '/api/services/cases?pageSize=500' });
    expect(theirs.json().items.some((x: { id: string }) => x.id === c.id)).toBe(true);
    expect((await newCase(lx, { hallId: xunzhongHall, itemCode: 'HJ-002' })).statusCode).toBe(404);
    expect(
      (
        await t.as(lx, {
          method: 'POST',
          url: `/api/services/cases/${c.id}/steps`,
          payload: { step: 'process' },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('counts working days on the official calendar, publicly', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/services/deadline?from=2024-02-08&workingDays=5',
    });
    expect(res.json()).toEqual({ date: '2024-02-21', provisional: false });
  });
});

describe.each(databaseKinds())('service statistics over a generated year (%s)', (kind) => {
  let database: Database;
  let t: TestApp;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    await ensureHalls(database.db);
    const services = await testServices(database, { clock: manualClock(new Date('2024-06-01T02:00:00Z')) });
    // The demo seeds 2023; a second year goes through the same generator here.
    const seeded = await seedServiceHistory(database.db, {
      tenantCode: TENANT,
      year: 2022,
      seed: 7,
      crypto: services.fieldCrypto,
      visits: 3_000,
    });
    expect(seeded.visits).toBe(3_000);
    t = await testApp(services);
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  it('gives on-time and satisfaction rates of 1, counted from the rows', async () => {
    const leader = await t.login('leader');
    const res = await t.as(leader, { method: 'GET', url: '/api/services/stats?year=2023' });
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({
      from: '2023-01-01',
      to: '2023-12-31',
      onTimeRate: 1,
      satisfactionRate: 1,
      demo: true,
    });

    const start = sql`'2023-01-01T00:00:00+08:00'::timestamptz`;
    const end = sql`'2024-01-01T00:00:00+08:00'::timestamptz`;
    const counted = await sql<{
      visits: number;
      cases: number;
      completed: number;
      on_time: number;
      ratings: number;
      good: number;
      appointments: number;
    }>`SELECT
        (SELECT count(*) FROM service_tickets WHERE status = 'done' AND issued_at >= ${start} AND issued_at < ${end})::int AS visits,
        (SELECT count(*) FROM service_cases WHERE accepted_at >= ${start} AND accepted_at < ${end})::int AS cases,
        (SELECT count(*) FROM service_cases WHERE completed_at IS NOT NULL AND accepted_at >= ${start} AND accepted_at < ${end})::int AS completed,
        (SELECT count(*) FROM service_cases WHERE on_time AND accepted_at >= ${start} AND accepted_at < ${end})::int AS on_time,
        (SELECT count(*) FROM service_ratings WHERE at >= ${start} AND at < ${end})::int AS ratings,
        (SELECT count(*) FROM service_ratings WHERE level IN (4, 5) AND at >= ${start} AND at < ${end})::int AS good,
        (SELECT count(*) FROM service_appointments WHERE slot_start >= ${start} AND slot_start < ${end})::int AS appointments`.execute(
      database.db,
    );
    const c = counted.rows[0]!;
    expect(s.visits).toBe(c.visits);
    // The demo's year: 9,000 generated visits.
    expect(s.visits).toBeGreaterThan(8_000);
    expect(s.cases).toBe(c.cases);
    expect(s.completed).toBe(c.completed);
    expect(c.on_time).toBe(c.completed);
    expect(s.ratings).toBe(c.ratings);
    expect(c.good).toBe(c.ratings);
    expect(s.appointments).toBe(c.appointments);
    expect(s.badReviews).toBe(0);
    expect(s.waitP50Seconds).toBeGreaterThan(0);
    expect(s.waitP90Seconds).toBeGreaterThanOrEqual(s.waitP50Seconds);
    expect(s.byHall.reduce((n: number, r: { visits: number }) => n + r.visits, 0)).toBe(s.visits);
    expect(s.byClerk.length).toBeGreaterThan(0);

    // Another year, generated here, is counted on its own.
    const other = (await t.as(leader, { method: 'GET', url: '/api/services/stats?year=2022' })).json();
    expect(other).toMatchObject({ visits: 3_000, onTimeRate: 1, satisfactionRate: 1 });

    // The demo history is seeded once per year.
    const again = await seedServiceHistory(database.db, {
      tenantCode: TENANT,
      year: 2023,
      seed: 7,
      crypto: t.services.fieldCrypto,
    });
    expect(again.visits).toBe(0);
  });
});
