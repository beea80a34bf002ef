import type { ServiceBoard, ServiceItem, ServiceTicket } from '@ronghui/contracts';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Services } from '../../main.ts';
import { manualClock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';

const LONGXUN = 'hall-350526101';
const XUNZHONG = 'hall-350526100';
/** Monday 2025-12-08, 08:00 in Beijing. */
const MONDAY_8 = new Date('2025-12-08T00:00:00Z');
const at = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);

/** 一窗通办, the front of the hall, through HTTP: catalogue, slots, booking by phone, the queue, the board. */
describe.each(databaseKinds())('service hall (%s)', (kind) => {
  let database: Database;
  let services: Services;
  let t: TestApp;
  const clock = manualClock(MONDAY_8);
  const sent: { to: string; text: string }[] = [];
  let item: ServiceItem;
  let clerk: string;

  const codeFor = (phone: string) => {
    const m = [...sent].reverse().find((s) => s.to === phone && s.text.includes('验证码'));
    return /验证码为(\d{6})/.exec(m?.text ?? '')?.[1] ?? '';
  };
  const inject = (options: InjectOptions) => t.app.inject(options);
  const attributesOf = (it: ServiceItem) =>
    Object.fromEntries(
      it.attributes
        .filter((a) => a.required && a.code !== 'phone' && a.code !== 'id_number')
        .map((a) => [
          a.code,
          a.datatype === 'number'
            ? 1
            : a.datatype === 'multivaluelist'
              ? [a.values![0]!.key]
              : a.datatype === 'singlevaluelist'
                ? a.values![0]!.key
                : a.datatype === 'datetime'
                  ? '2025-12-01T00:00:00+08:00'
                  : '德化县龙浔镇某路1号',
        ]),
    );
  async function hold(start: Date, itemCode = item.code) {
    return inject({
      method: 'POST',
      url: '/api/services/holds',
      payload: { hallId: LONGXUN, itemCode, start: start.toISOString() },
    });
  }
  async function otp(phone: string) {
    return inject({ method: 'POST', url: '/api/services/otp', payload: { phone } });
  }
  async function book(holdId: string, phone: string, code: string) {
    return inject({
      method: 'POST',
      url: '/api/services/appointments',
      payload: {
        holdId,
        phone,
        code,
        name: '林美华',
        idNumber: '350526199001011230',
        attributes: attributesOf(item),
      },
    });
  }

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    services = await testServices(database, {
      clock,
      env: { SMS_WEBHOOK: 'http://sms.invalid/send', SMS_TOKEN: 'sms-token-0123456789' },
      smsTransport: async (_url, init) => {
        sent.push(JSON.parse(init.body) as { to: string; text: string });
        return { status: 200 };
      },
    });
    t = await testApp(services);
    clerk = await t.login('clerk-longxun');
    const items = (await inject({ method: 'GET', url: `/api/services/items?hallId=${LONGXUN}` })).json();
    if (!items.items) throw new Error(JSON.stringify(items));
    item = (items.items as ServiceItem[]).find(
      (i) => i.group === 'A' && !i.centreOnly && i.kind === 'promised',
    )!;
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  it('lists the 120 items of the catalogue to anyone, with their limits', async () => {
    const res = await inject({ method: 'GET', url: '/api/services/items' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(120);
    for (const i of body.items as ServiceItem[]) {
      expect(Object.keys(i)).toEqual(
        expect.arrayContaining(['code', 'name', 'kind', 'statutoryDays', 'promisedDays']),
      );
      expect(i.promisedDays).toBeLessThanOrEqual(i.statutoryDays);
    }
    const centreOnly = (body.items as ServiceItem[]).find((i) => i.centreOnly)!;
    expect(centreOnly.hallIds).toEqual(['hall-centre']);
    const one = await inject({
      method: 'GET',
      url: `/api/services/slots?hallId=${LONGXUN}&itemCode=${centreOnly.code}&date=2025-12-09`,
    });
    expect(one.statusCode).toBe(400);
  });

  it('lets the system administrator edit an item (audited), never with promised days above statutory ones', async () => {
    const admin = await t.login('system-admin');
    const bad = await t.as(admin, {
      method: 'PATCH',
      url: `/api/services/items/${item.code}`,
      payload: { promisedDays: item.statutoryDays + 1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('promisedDays');
    const ok = await t.as(admin, {
      method: 'PATCH',
      url: `/api/services/items/${item.code}`,
      payload: { materials: [...item.materials, '近期免冠照片'] },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().materials).toContain('近期免冠照片');
    const audit = await services.db
      .selectFrom('audit_log')
      .select(['action', 'resource_id'])
      .where('action', '=', 'service.item.update')
      .execute();
    expect(audit.map((a) => a.resource_id)).toContain(item.code);
    const refused = await t.as(clerk, {
      method: 'PATCH',
      url: `/api/services/items/${item.code}`,
      payload: { name: 'x' },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('offers the slots of the hours: 错时 and 延时 windows on a workday, Saturday mornings, none on Sunday', async () => {
    const get = (date: string) =>
      inject({
        method: 'GET',
        url: `/api/services/slots?hallId=${LONGXUN}&itemCode=${item.code}&date=${date}`,
      });
    const tuesday = (await get('2025-12-09')).json();
    const windows = new Set(tuesday.items.map((s: { window: string }) => s.window));
    expect(windows).toEqual(new Set(['regular', 'off-peak', 'extended']));
    expect(tuesday.items[0].start).toBe(at('2025-12-09', '08:30').toISOString());
    expect(tuesday.items.at(-1).end).toBe(at('2025-12-09', '19:30').toISOString());
    expect(tuesday.items[0].capacity).toBe(4);
    const saturday = (await get('2025-12-13')).json();
    expect(saturday.items.length).toBeGreaterThan(0);
    expect(saturday.items.every((s: { window: string }) => s.window === 'extended')).toBe(true);
    expect((await get('2025-12-14')).json().total).toBe(0);
    // Today's past slots are not offered.
    clock.set(at('2025-12-08', '10:05'));
    const today = (await get('2025-12-08')).json();
    expect(today.items[0].start).toBe(at('2025-12-08', '10:30').toISOString());
    clock.set(MONDAY_8);
  });

  it('issues walk-in tickets and serves them: A001 → call → start → finish, with times', async () => {
    const signIn = await t.as(clerk, {
      method: 'POST',
      url: `/api/services/halls/${LONGXUN}/counters/${LONGXUN}-1/sign-in`,
    });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().clerk).toBe('窗口 卢晓燕');
    const issued = await t.as(clerk, {
      method: 'POST',
      url: '/api/services/tickets',
      payload: { hallId: LONGXUN, itemCodes: [item.code] },
    });
    expect(issued.statusCode).toBe(201);
    const ticket = issued.json() as ServiceTicket;
    expect(ticket).toMatchObject({
      number: 'A001',
      status: 'waiting',
      source: 'walk-in',
      priority: 0,
      ahead: 0,
    });
    expect(ticket.estimatedWaitSeconds).toBeGreaterThan(0);
    clock.advance(90_000);
    const called = await t.as(clerk, {
      method: 'POST',
      url: '/api/services/tickets/call-next',
      payload: { counterId: `${LONGXUN}-1` },
    });
    expect(called.statusCode).toBe(200);
    expect(called.json()).toMatchObject({ number: 'A001', status: 'called', counterName: '综合窗口' });
    clock.advance(30_000);
    const started = await t.as(clerk, { method: 'POST', url: `/api/services/tickets/${ticket.id}/start` });
    expect(started.json().status).toBe('serving');
    clock.advance(240_000);
    const done = (
      await t.as(clerk, { method: 'POST', url: `/api/services/tickets/${ticket.id}/finish` })
    ).json();
    expect(done.status).toBe('done');
    expect(Date.parse(done.calledAt) - Date.parse(done.issuedAt)).toBe(90_000);
    expect(Date.parse(done.finishedAt) - Date.parse(done.startedAt)).toBe(240_000);
    const again = await t.as(clerk, {
      method: 'POST',
      url: '/api/services/tickets/call-next',
      payload: { counterId: `${LONGXUN}-1` },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('nobody is waiting');
  });

  it('recalls, transfers to another counter and marks a no-show; the board shows calls without personal data', async () => {
    const issue = async () =>
      (
        await t.as(clerk, {
          method: 'POST',
          url: '/api/services/tickets',
          payload: { hallId: LONGXUN, itemCodes: [item.code] },
        })
      ).json() as ServiceTicket;
    const a2 = await issue();
    clock.advance(1000);
    const a3 = await issue();
    expect([a2.number, a3.number]).toEqual(['A002', 'A003']);
    const kiosk = await t.as(clerk, {
      method: 'POST',
      url: '/api/services/tickets',
      headers: { 'x-ronghui-kiosk': '1' },
      payload: { hallId: LONGXUN, itemCodes: [item.code], expedited: true },
    });
    expect(kiosk.json()).toMatchObject({ source: 'kiosk', priority: 2, number: 'A004' });
    const call = () =>
      t.as(clerk, {
        method: 'POST',
        url: '/api/services/tickets/call-next',
        payload: { counterId: `${LONGXUN}-1` },
      });
    expect((await call()).json().number).toBe('A004');
    await t.as(clerk, { method: 'POST', url: `/api/services/tickets/${kiosk.json().id}/no-show` });
    expect((await call()).json().number).toBe('A002');
    const recalled = (
      await t.as(clerk, { method: 'POST', url: `/api/services/tickets/${a2.id}/recall` })
    ).json();
    expect(recalled.recalls).toBe(1);
    const moved = await t.as(clerk, {
      method: 'POST',
      url: `/api/services/tickets/${a2.id}/transfer`,
      payload: { counterId: `${LONGXUN}-2` },
    });
    expect(moved.json()).toMatchObject({ status: 'waiting', transferredTo: `${LONGXUN}-2` });
    // Counter 1 now calls A003: A002 waits for counter 2 only.
    const next = (await call()).json();
    expect(next.number).toBe('A003');
    const noShow = (
      await t.as(clerk, { method: 'POST', url: `/api/services/tickets/${a3.id}/no-show` })
    ).json();
    expect(noShow.status).toBe('no-show');
    const byTwo = await t.as(clerk, {
      method: 'POST',
      url: '/api/services/tickets/call-next',
      payload: { counterId: `${LONGXUN}-2` },
    });
    expect(byTwo.json()).toMatchObject({ number: 'A002', counterName: '户籍窗口' });
    const board = (
      await inject({ method: 'GET', url: `/api/services/halls/${LONGXUN}/board` })
    ).json() as ServiceBoard;
    expect(board.calls[0]).toMatchObject({ number: 'A002', counterName: '户籍窗口' });
    expect(board.calls.length).toBeLessThanOrEqual(8);
    const seqs = board.calls.map((c) => c.seq);
    expect([...seqs].sort((x, y) => y - x)).toEqual(seqs);
    expect(JSON.stringify(board)).not.toMatch(/卢晓燕|clerk|phone|name"/);
  });

  it("keeps a station clerk to their own hall's queue", async () => {
    const other = await t.as(clerk, { method: 'GET', url: `/api/services/tickets?hallId=${XUNZHONG}` });
    expect([403, 404]).toContain(other.statusCode);
    const callThere = await t.as(clerk, {
      method: 'POST',
      url: '/api/services/tickets/call-next',
      payload: { counterId: `${XUNZHONG}-1` },
    });
    expect([403, 404]).toContain(callThere.statusCode);
    const signThere = await t.as(clerk, {
      method: 'POST',
      url: `/api/services/halls/${XUNZHONG}/counters/${XUNZHONG}-1/sign-in`,
    });
    expect([403, 404]).toContain(signThere.statusCode);
    const own = await t.as(clerk, { method: 'GET', url: `/api/services/tickets?hallId=${LONGXUN}` });
    expect(own.statusCode).toBe(200);
    expect(own.json().items.every((x: ServiceTicket) => x.hallId === LONGXUN)).toBe(true);
    const sanban = await t.login('clerk-sanban');
    const notMine = await t.as(sanban, { method: 'GET', url: `/api/services/tickets?hallId=${LONGXUN}` });
    expect([403, 404]).toContain(notMine.statusCode);
  });

  it('books by phone: code → hold → booking; reminders T−24h and T−1h once each; check-in in its window → ticket', async () => {
    const phone = '13905951234';
    const start = at('2025-12-09', '10:00');
    const sentCode = await otp(phone);
    expect(sentCode.statusCode).toBe(201);
    const code = codeFor(phone);
    expect(code).toMatch(/^\d{6}$/);
    expect(sent.at(-1)!.text).toBe(`【融汇】您的预约验证码为${code}，5分钟内有效。`);
    const tooSoon = await otp(phone);
    expect(tooSoon.statusCode).toBe(429);
    expect(Number(tooSoon.headers['retry-after'])).toBeGreaterThan(0);
    expect(tooSoon.json().detail).toContain('60 seconds');

    const held = await hold(start);
    expect(held.statusCode).toBe(201);
    const holdId = held.json().holdId as string;
    const wrong = await book(holdId, phone, code === '000000' ? '111111' : '000000');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].path).toContain('code');
    const booked = await book(holdId, phone, code);
    expect(booked.statusCode).toBe(201);
    const b = booked.json();
    expect(b.reference).toMatch(/^YY20251208-\d{4}$/);
    expect(b.manageToken.length).toBeGreaterThanOrEqual(16);
    expect(b.phone).not.toContain('5951234'.slice(0, 4) + '1234');
    expect(b.name).not.toBe('林美华');
    expect(sent.at(-1)!.text).toContain(b.reference);
    const audit = await services.db
      .selectFrom('audit_log')
      .select(['actor'])
      .where('action', '=', 'service.appointment.book')
      .executeTakeFirst();
    expect(audit?.actor).toMatch(/^citizen:139\*+1234$/);

    const mine = await inject({
      method: 'GET',
      url: `/api/services/appointments/${b.reference}`,
      headers: { 'x-manage-token': b.manageToken },
    });
    expect(mine.statusCode).toBe(200);
    const stranger = await inject({
      method: 'GET',
      url: `/api/services/appointments/${b.reference}?token=${'x'.repeat(32)}`,
    });
    expect(stranger.statusCode).toBe(404);
    const staffList = await t.as(clerk, {
      method: 'GET',
      url: `/api/services/appointments?date=${b.start.slice(0, 10)}`,
    });
    expect(staffList.json().items.map((a: { reference: string }) => a.reference)).toContain(b.reference);

    const reminders = () => sent.filter((s) => s.to === phone && s.text.includes('提醒'));
    clock.set(at('2025-12-08', '10:30'));
    await services.serviceHall.sweep(clock.now());
    await services.serviceHall.sweep(clock.now());
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]!.text).toMatch(/将于2025-12-09 \d\d:\d\d办理/);
    clock.set(at('2025-12-09', '09:10'));
    await services.serviceHall.sweep(clock.now());
    await services.serviceHall.sweep(clock.now());
    expect(reminders()).toHaveLength(2);
    expect(reminders()[1]!.text).toContain('1小时后');
    const after = (
      await inject({
        method: 'GET',
        url: `/api/services/appointments/${b.reference}`,
        headers: { 'x-manage-token': b.manageToken },
      })
    ).json();
    expect(after.remindersSent).toEqual(['T-24h', 'T-1h']);

    const early = await inject({
      method: 'POST',
      url: `/api/services/appointments/${b.reference}/check-in`,
      headers: { 'x-manage-token': b.manageToken },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('opens at 2025-12-09 09:30');
    clock.set(at('2025-12-09', '09:45'));
    const checked = await inject({
      method: 'POST',
      url: `/api/services/appointments/${b.reference}/check-in`,
      headers: { 'x-manage-token': b.manageToken },
    });
    expect(checked.statusCode).toBe(201);
    expect(checked.json()).toMatchObject({
      source: 'appointment',
      priority: 1,
      status: 'waiting',
      appointmentReference: b.reference,
      number: 'A001',
    });
  });

  it('refuses an expired hold and a full slot; a sweep drops expired holds and marks no-shows', async () => {
    clock.set(at('2025-12-09', '11:00'));
    const start = at('2025-12-10', '15:00');
    const phone = '13905955678';
    await otp(phone);
    const h = (await hold(start)).json();
    clock.advance(6 * 60_000);
    const late = await book(h.holdId, phone, codeFor(phone));
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toContain('expired');
    const holds = [];
    for (let i = 0; i < 4; i++) holds.push(await hold(start));
    expect(holds.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    const full = await hold(start);
    expect(full.statusCode).toBe(409);
    const slots = (
      await inject({
        method: 'GET',
        url: `/api/services/slots?hallId=${LONGXUN}&itemCode=${item.code}&date=2025-12-10`,
      })
    ).json();
    expect(slots.items.find((s: { start: string }) => s.start === start.toISOString()).left).toBe(0);
    clock.advance(10 * 60_000);
    const swept = await services.serviceHall.sweep(clock.now());
    expect(swept.holdsExpired).toBeGreaterThanOrEqual(4);
    const freed = (
      await inject({
        method: 'GET',
        url: `/api/services/slots?hallId=${LONGXUN}&itemCode=${item.code}&date=2025-12-10`,
      })
    ).json();
    expect(freed.items.find((s: { start: string }) => s.start === start.toISOString()).left).toBe(4);
  });

  it('answers 503 naming SMS_WEBHOOK when a real install has no gateway', async () => {
    const bare = await testServices(database, { clock, env: { DEMO: 'off' } });
    const app = await testApp(bare);
    const res = await app.app.inject({
      method: 'POST',
      url: '/api/services/otp',
      payload: { phone: '13905950000' },
    });
    expect(res.statusCode).toBe(503);
    expect(res.json().detail).toContain('SMS_WEBHOOK');
    await app.close();
  });
});
