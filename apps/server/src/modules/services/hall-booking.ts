import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type {
  ServiceAppointment,
  ServiceAttribute,
  ServiceBooked,
  ServiceBookingBody,
  ServiceHold,
  ServiceSlot,
  ServiceTicket,
} from '@ronghui/contracts';
import { normalizeIdNumber, parseIdNumber, reasonMessage } from '@ronghui/ids';
import { daySlots, type HallHours, instantAt, localDate, localTime } from '@ronghui/services';
import { type Kysely, sql } from 'kysely';
import type { Actor } from '../../platform/audit/audit.service.ts';
import { hasRole, type Principal } from '../../platform/auth/principal.ts';
import { requireRole } from '../../platform/auth/guard.ts';
import type { DB } from '../../platform/db/schema.ts';
import { conflict, DomainError, invalid, notFound } from '../../platform/http/errors.ts';
import {
  citizenActor,
  type HallContext,
  READ_ROLES,
  type ServiceHallDeps,
  sweepActor,
  WORK_ROLES,
} from './hall-context.ts';
import { type AppointmentRow, type HallRow, type ItemRow, presentAppointment } from './hall-presenter.ts';

const OTP_LIFE_MS = 5 * 60_000;
const OTP_RESEND_MS = 60_000;
const OTP_PER_HOUR = 5;
const OTP_MAX_TRIES = 5;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const sameHash = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** How a request proves it may manage a booking: its token, or a signed-in member of staff. */
export interface ManageProof {
  token: string | undefined;
  principal: Principal | null;
}

/** Slots, one-time codes, holds and appointments (public, from a phone), reminders and no-shows. */
export function createHallBooking(
  deps: ServiceHallDeps,
  ctx: HallContext,
  issueTicket: (
    trx: Kysely<DB>,
    actor: Actor,
    hall: HallRow,
    it: ItemRow,
    appointment: AppointmentRow,
  ) => Promise<string>,
  ticketOut: (tenantCode: string, id: string) => Promise<ServiceTicket>,
) {
  const { db, audit, clock, crypto, sms, settings } = deps;
  const checkIn = {
    beforeMinutes: settings.checkInBeforeMinutes,
    afterMinutes: settings.checkInAfterMinutes,
  };
  const phoneKey = (phone: string) => crypto.blindIndex(`phone:${phone}`);

  async function send(to: string, text: string) {
    const r = await sms.send({ messageId: randomUUID(), to, text });
    if (!r.ok && sms.configured) deps.log?.warn({ error: r.error }, 'service hall: an SMS was not sent');
    return r;
  }

  /** Places taken in a slot of a hall by the item's group: booked, checked in, or held and not expired. */
  async function taken(
    executor: Kysely<DB>,
    tenantCode: string,
    hallId: string,
    group: string,
    from: Date,
    to: Date,
  ): Promise<Map<number, number>> {
    const now = clock.now();
    const rows = await executor
      .selectFrom('service_appointments')
      .select(['slot_start', (eb) => eb.fn.countAll<string>().as('n')])
      .where('tenant_code', '=', tenantCode)
      .where('hall_id', '=', hallId)
      .where('item_group', '=', group)
      .where('slot_start', '>=', from)
      .where('slot_start', '<', to)
      .where((eb) =>
        eb.or([
          eb('status', 'in', ['booked', 'checked-in']),
          eb.and([eb('status', '=', 'held'), eb('hold_expires_at', '>', now)]),
        ]),
      )
      .groupBy('slot_start')
      .execute();
    return new Map(rows.map((r) => [new Date(r.slot_start).getTime(), Number(r.n)]));
  }

  async function capacityOf(tenantCode: string, hall: HallRow, itemCode: string): Promise<number> {
    const counters = await ctx.counters(tenantCode, hall.id);
    return counters.filter((c) => c.active && ctx.serves(c, itemCode)).length * hall.slot_capacity;
  }

  async function slotsOf(
    tenantCode: string,
    hall: HallRow,
    it: ItemRow,
    date: string,
  ): Promise<ServiceSlot[]> {
    const now = clock.now();
    const capacity = await capacityOf(tenantCode, hall, it.code);
    const day = daySlots(date, hall.hours as HallHours, hall.slot_minutes).map((s) => ({
      start: instantAt(date, s.start),
      end: instantAt(date, s.end),
      window: s.window,
    }));
    if (day.length === 0) return [];
    const used = await taken(db, tenantCode, hall.id, it.item_group, day[0]!.start, day[day.length - 1]!.end);
    return day
      .filter((s) => s.start > now)
      .map((s) => ({
        start: s.start.toISOString(),
        end: s.end.toISOString(),
        window: s.window,
        capacity,
        left: Math.max(0, capacity - (used.get(s.start.getTime()) ?? 0)),
      }));
  }

  async function verifyCode(tenantCode: string, phone: string, code: string) {
    const now = clock.now();
    const otp = await db
      .selectFrom('service_otps')
      .selectAll()
      .where('tenant_code', '=', tenantCode)
      .where('phone_hash', '=', phoneKey(phone))
      .where('used_at', 'is', null)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!otp) throw invalid('/code', 'no code was sent to this phone: ask for a code first');
    if (new Date(otp.expires_at) <= now) throw invalid('/code', 'the code has expired: ask for a new one');
    if (!sameHash(otp.code_hash, crypto.blindIndex(`otp:${otp.id}:${code}`))) {
      const tries = otp.attempts + 1;
      await db
        .updateTable('service_otps')
        .set({ attempts: tries, ...(tries >= OTP_MAX_TRIES ? { used_at: now } : {}) })
        .where('id', '=', otp.id)
        .execute();
      throw invalid(
        '/code',
        tries >= OTP_MAX_TRIES
          ? 'wrong code; the code is now void after 5 wrong tries: ask for a new one'
          : `wrong code (${OTP_MAX_TRIES - tries} tries left)`,
      );
    }
    await db.updateTable('service_otps').set({ used_at: now }).where('id', '=', otp.id).execute();
  }

  function checkAttributes(it: ItemRow, body: ServiceBookingBody) {
    const given = body.attributes ?? {};
    for (const a of it.attributes as ServiceAttribute[]) {
      // The booking's own fields answer the attributes they name.
      if (a.code === 'phone' || (a.code === 'id_number' && body.idNumber)) continue;
      const v = given[a.code];
      const empty = v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
      if (empty) {
        if (a.required) throw invalid(`/attributes/${a.code}`, `is required (${a.description})`);
        continue;
      }
      if (a.datatype === 'number' && typeof v !== 'number')
        throw invalid(`/attributes/${a.code}`, 'must be a number');
      const keys = a.values?.map((x) => x.key);
      if (keys && a.datatype === 'singlevaluelist' && !keys.includes(String(v)))
        throw invalid(`/attributes/${a.code}`, `must be one of ${keys.join(', ')}`);
      if (keys && a.datatype === 'multivaluelist' && (!Array.isArray(v) || v.some((x) => !keys.includes(x))))
        throw invalid(`/attributes/${a.code}`, `must be a list of ${keys.join(', ')}`);
    }
  }

  async function liveHold(tenantCode: string, holdId: string, executor: Kysely<DB> = db) {
    const row = await executor
      .selectFrom('service_appointments')
      .selectAll()
      .where('tenant_code', '=', tenantCode)
      .where('id', '=', holdId)
      .where('status', '=', 'held')
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('hold', holdId);
    if (!row.hold_expires_at || new Date(row.hold_expires_at) <= clock.now())
      throw conflict('the hold has expired: choose a slot again', { holdId });
    return row;
  }

  async function present(row: AppointmentRow): Promise<ServiceAppointment> {
    const [hall, it, ticket, cases] = await Promise.all([
      ctx.hall(row.tenant_code, row.hall_id),
      ctx.item(row.tenant_code, row.item_code),
      row.ticket_id
        ? db.selectFrom('service_tickets').select('number').where('id', '=', row.ticket_id).executeTakeFirst()
        : undefined,
      row.ticket_id
        ? db
            .selectFrom('service_cases')
            .innerJoin('service_items', (j) =>
              j
                .onRef('service_items.tenant_code', '=', 'service_cases.tenant_code')
                .onRef('service_items.code', '=', 'service_cases.item_code'),
            )
            .select(['service_cases.number', 'service_items.name as itemName', 'service_cases.status'])
            .where('service_cases.tenant_code', '=', row.tenant_code)
            .where('service_cases.ticket_id', '=', row.ticket_id)
            .orderBy('service_cases.number')
            .execute()
        : [],
    ]);
    return presentAppointment(row, {
      crypto,
      hallName: hall.name,
      itemName: it?.name ?? row.item_code,
      ticketNumber: ticket?.number ?? null,
      cases,
      checkIn,
      now: clock.now(),
    });
  }

  /** The booking a request may manage, and who acts: the citizen by token, or staff in scope. */
  async function managed(
    tenantCode: string,
    reference: string,
    proof: ManageProof,
    staffRoles: readonly string[],
  ): Promise<{ row: AppointmentRow; actor: Actor; staff: boolean }> {
    const t = proof.principal?.tenantCode ?? tenantCode;
    const row = await db
      .selectFrom('service_appointments')
      .selectAll()
      .where('tenant_code', '=', t)
      .where('reference', '=', reference)
      .executeTakeFirst();
    if (!row) throw notFound('appointment', reference);
    if (proof.token && row.manage_hash && sameHash(row.manage_hash, sha256(proof.token)))
      return { row, actor: citizenActor(t, crypto.decrypt(row.phone)), staff: false };
    const p = proof.principal;
    if (p?.roles.some((r) => staffRoles.includes(r))) {
      const hall = await ctx.hall(t, row.hall_id);
      if (await ctx.reaches(p, hall)) return { row, actor: p, staff: true };
    }
    throw notFound('appointment', reference);
  }

  async function isDemo(tenantCode: string): Promise<boolean> {
    if (settings.demo !== 'auto') return settings.demo;
    const t = await db
      .selectFrom('tenants')
      .select('demo')
      .where('tenant_code', '=', tenantCode)
      .executeTakeFirst();
    return t?.demo === true;
  }

  const time = (d: Date) => `${localDate(d)} ${localTime(d)}`;

  return {
    async slots(tenantCode: string, q: { hallId: string; itemCode: string; date: string }) {
      const hall = await ctx.hall(tenantCode, q.hallId);
      const it = await ctx.handledItem(tenantCode, hall, q.itemCode, '/itemCode');
      const items = await slotsOf(tenantCode, hall, it, q.date);
      return { items, total: items.length };
    },

    async sendCode(tenantCode: string, phone: string) {
      if (!sms.configured && !(await isDemo(tenantCode)))
        throw new DomainError(
          'unavailable',
          'SMS unavailable',
          'No SMS gateway is configured (set SMS_WEBHOOK): codes cannot be sent.',
        );
      const now = clock.now();
      const key = phoneKey(phone);
      const recent = await db
        .selectFrom('service_otps')
        .select('created_at')
        .where('tenant_code', '=', tenantCode)
        .where('phone_hash', '=', key)
        .where('created_at', '>', new Date(now.getTime() - 3_600_000))
        .orderBy('created_at', 'desc')
        .execute();
      const last = recent[0] ? new Date(recent[0].created_at).getTime() : null;
      if (last !== null && now.getTime() - last < OTP_RESEND_MS) {
        const wait = Math.ceil((last + OTP_RESEND_MS - now.getTime()) / 1000);
        throw new DomainError(
          'too-many-requests',
          'Too many codes',
          `one code per 60 seconds per phone: ask again in ${wait} s`,
          { retryAfterSeconds: wait, limit: '1 per 60 s' },
        );
      }
      if (recent.length >= OTP_PER_HOUR) {
        const oldest = new Date(recent[recent.length - 1]!.created_at).getTime();
        const wait = Math.max(1, Math.ceil((oldest + 3_600_000 - now.getTime()) / 1000));
        throw new DomainError(
          'too-many-requests',
          'Too many codes',
          `at most ${OTP_PER_HOUR} codes per hour per phone: ask again in ${Math.ceil(wait / 60)} min`,
          { retryAfterSeconds: wait, limit: `${OTP_PER_HOUR} per hour` },
        );
      }
      const id = randomUUID();
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const expiresAt = new Date(now.getTime() + OTP_LIFE_MS);
      await db
        .insertInto('service_otps')
        .values({
          id,
          tenant_code: tenantCode,
          phone_hash: key,
          code_hash: crypto.blindIndex(`otp:${id}:${code}`),
          created_at: now,
          expires_at: expiresAt,
        })
        .execute();
      const r = await send(phone, `【融汇】您的预约验证码为${code}，5分钟内有效。`);
      if (!r.ok && sms.configured) {
        await db.deleteFrom('service_otps').where('id', '=', id).execute();
        throw new DomainError('unavailable', 'SMS unavailable', `The code could not be sent: ${r.error}`);
      }
      return {
        expiresAt: expiresAt.toISOString(),
        resendAfter: new Date(now.getTime() + OTP_RESEND_MS).toISOString(),
      };
    },

    async hold(
      tenantCode: string,
      body: { hallId: string; itemCode: string; start: string },
    ): Promise<ServiceHold> {
      const hall = await ctx.hall(tenantCode, body.hallId);
      const it = await ctx.handledItem(tenantCode, hall, body.itemCode, '/itemCode');
      const start = new Date(body.start);
      const date = localDate(start);
      const slot = (await slotsOf(tenantCode, hall, it, date)).find(
        (s) => new Date(s.start).getTime() === start.getTime(),
      );
      if (!slot) throw invalid('/start', `no open slot of ${hall.name} starts at ${time(start)}`);
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + settings.holdMinutes * 60_000);
      const id = randomUUID();
      await db.transaction().execute(async (trx) => {
        await ctx.lockHall(trx, tenantCode, hall.id);
        const used = await taken(
          trx,
          tenantCode,
          hall.id,
          it.item_group,
          start,
          new Date(start.getTime() + 1),
        );
        if ((used.get(start.getTime()) ?? 0) >= slot.capacity)
          throw conflict(`the slot at ${time(start)} is full: choose another`, { start: slot.start });
        await trx
          .insertInto('service_appointments')
          .values({
            id,
            tenant_code: tenantCode,
            reference: null,
            hall_id: hall.id,
            item_code: it.code,
            item_group: it.item_group,
            slot_start: start,
            slot_end: new Date(slot.end),
            status: 'held',
            hold_expires_at: expiresAt,
            attributes: '{}',
            reminders_sent: '[]',
            created_at: now,
            updated_at: now,
          })
          .execute();
      });
      return { holdId: id, expiresAt: expiresAt.toISOString() };
    },

    async book(tenantCode: string, body: ServiceBookingBody): Promise<ServiceBooked> {
      const hold = await liveHold(tenantCode, body.holdId);
      const it = (await ctx.item(tenantCode, hold.item_code))!;
      checkAttributes(it, body);
      let idNumber: string | null = null;
      if (body.idNumber) {
        const r = parseIdNumber(body.idNumber, { today: localDate(clock.now()) });
        if (!r.ok) throw invalid('/idNumber', reasonMessage(r.reason, 'en-US'));
        idNumber = normalizeIdNumber(body.idNumber);
      }
      await verifyCode(tenantCode, body.phone, body.code);
      const token = randomBytes(24).toString('base64url');
      const now = clock.now();
      const actor = citizenActor(tenantCode, body.phone);
      const reference = await db.transaction().execute(async (trx) => {
        await liveHold(tenantCode, body.holdId, trx);
        // References count per day; the lock keeps two bookings from taking one number.
        await sql`SELECT pg_advisory_xact_lock(hashtext(${`service-ref:${tenantCode}`}))`.execute(trx);
        const prefix = `YY${localDate(now).replaceAll('-', '')}-`;
        const n = await trx
          .selectFrom('service_appointments')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('tenant_code', '=', tenantCode)
          .where('reference', 'like', `${prefix}%`)
          .executeTakeFirstOrThrow();
        const ref = `${prefix}${String(Number(n.n) + 1).padStart(4, '0')}`;
        await trx
          .updateTable('service_appointments')
          .set({
            reference: ref,
            status: 'booked',
            hold_expires_at: null,
            name: crypto.encrypt(body.name),
            phone: crypto.encrypt(body.phone),
            phone_hash: crypto.blindIndex(`phone:${body.phone}`),
            id_number: crypto.encrypt(idNumber),
            attributes: JSON.stringify(
              body.attributes ? { sealed: crypto.encrypt(JSON.stringify(body.attributes)) } : {},
            ),
            manage_hash: sha256(token),
            updated_at: now,
          })
          .where('id', '=', hold.id)
          .execute();
        await audit.write(trx, actor, {
          action: 'service.appointment.book',
          resource: 'service-appointment',
          resourceId: ref,
          detail: {
            hallId: hold.hall_id,
            itemCode: hold.item_code,
            start: new Date(hold.slot_start).toISOString(),
          },
        });
        return ref;
      });
      const row = (await db
        .selectFrom('service_appointments')
        .selectAll()
        .where('id', '=', hold.id)
        .executeTakeFirst())!;
      const out = await present(row);
      await send(
        body.phone,
        `【融汇】您已预约${out.hallName}“${out.itemName}”，时间${time(new Date(row.slot_start))}，预约号${reference}。`,
      );
      return { ...out, manageToken: token };
    },

    async get(tenantCode: string, reference: string, proof: ManageProof): Promise<ServiceAppointment> {
      const { row, actor, staff } = await managed(tenantCode, reference, proof, READ_ROLES);
      if (staff)
        await audit.record(actor, {
          action: 'service.appointment.read',
          resource: 'service-appointment',
          resourceId: reference,
        });
      return present(row);
    },

    async cancel(tenantCode: string, reference: string, proof: ManageProof): Promise<ServiceAppointment> {
      const { row, actor } = await managed(tenantCode, reference, proof, WORK_ROLES);
      if (row.status !== 'booked') throw conflict(`appointment ${reference} is ${row.status}, not booked`);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('service_appointments')
          .set({ status: 'cancelled', updated_at: clock.now() })
          .where('id', '=', row.id)
          .execute();
        await audit.write(trx, actor, {
          action: 'service.appointment.cancel',
          resource: 'service-appointment',
          resourceId: reference,
        });
      });
      return present({ ...row, status: 'cancelled' });
    },

    /** The new place is held first; then the booking moves to it and the old place is free. */
    async reschedule(
      tenantCode: string,
      reference: string,
      holdId: string,
      proof: ManageProof,
    ): Promise<ServiceAppointment> {
      const { row, actor } = await managed(tenantCode, reference, proof, WORK_ROLES);
      if (row.status !== 'booked') throw conflict(`appointment ${reference} is ${row.status}, not booked`);
      await db.transaction().execute(async (trx) => {
        const hold = await liveHold(row.tenant_code, holdId, trx);
        if (hold.item_code !== row.item_code)
          throw invalid('/holdId', `the hold is for ${hold.item_code}, the booking for ${row.item_code}`);
        await trx.deleteFrom('service_appointments').where('id', '=', hold.id).execute();
        await trx
          .updateTable('service_appointments')
          .set({
            hall_id: hold.hall_id,
            slot_start: hold.slot_start,
            slot_end: hold.slot_end,
            reminders_sent: '[]',
            updated_at: clock.now(),
          })
          .where('id', '=', row.id)
          .execute();
        await audit.write(trx, actor, {
          action: 'service.appointment.reschedule',
          resource: 'service-appointment',
          resourceId: reference,
          detail: {
            from: new Date(row.slot_start).toISOString(),
            to: new Date(hold.slot_start).toISOString(),
            hallId: hold.hall_id,
          },
        });
      });
      const moved = await db
        .selectFrom('service_appointments')
        .selectAll()
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();
      return present(moved);
    },

    async checkIn(tenantCode: string, reference: string, proof: ManageProof): Promise<ServiceTicket> {
      const { row, actor } = await managed(tenantCode, reference, proof, WORK_ROLES);
      if (row.status !== 'booked') throw conflict(`appointment ${reference} is ${row.status}, not booked`);
      const now = clock.now();
      const start = new Date(row.slot_start).getTime();
      const opens = new Date(start - checkIn.beforeMinutes * 60_000);
      const closes = new Date(start + checkIn.afterMinutes * 60_000);
      if (now < opens)
        throw conflict(`check-in opens at ${time(opens)}`, { checkInFrom: opens.toISOString() });
      if (now > closes)
        throw conflict(`check-in closed at ${time(closes)}`, { checkInUntil: closes.toISOString() });
      const t = row.tenant_code;
      const it = (await ctx.item(t, row.item_code))!;
      const ticketId = await db.transaction().execute(async (trx) => {
        const hall = await ctx.lockHall(trx, t, row.hall_id);
        const id = await issueTicket(trx, actor, hall, it, row);
        await trx
          .updateTable('service_appointments')
          .set({ status: 'checked-in', ticket_id: id, updated_at: now })
          .where('id', '=', row.id)
          .execute();
        await audit.write(trx, actor, {
          action: 'service.appointment.check-in',
          resource: 'service-appointment',
          resourceId: reference,
          detail: { ticketId: id },
        });
        return id;
      });
      deps.bus.kick();
      return ticketOut(t, ticketId);
    },

    async list(
      principal: Principal,
      q: {
        page: number;
        pageSize: number;
        hallId?: string | undefined;
        date?: string | undefined;
        status?: string | undefined;
      },
    ) {
      requireRole(principal, READ_ROLES, 'Reading appointments');
      const halls = await ctx.hallsInScope(principal);
      const ids = halls.map((h) => h.id).filter((id) => !q.hallId || id === q.hallId);
      if (q.hallId && ids.length === 0) throw notFound('hall', q.hallId);
      if (ids.length === 0) return { items: [], total: 0 };
      let base = db
        .selectFrom('service_appointments')
        .where('tenant_code', '=', principal.tenantCode)
        .where('hall_id', 'in', ids)
        .where('status', '!=', 'held');
      if (q.status) base = base.where('status', '=', q.status as AppointmentRow['status']);
      if (q.date) {
        const from = instantAt(q.date, '00:00');
        base = base
          .where('slot_start', '>=', from)
          .where('slot_start', '<', new Date(from.getTime() + 86_400_000));
      }
      const [rows, count] = await Promise.all([
        base
          .selectAll()
          .orderBy('slot_start')
          .orderBy('id')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const items = [];
      for (const r of rows) items.push(await present(r));
      await audit.record(principal, {
        action: 'service.appointment.list',
        resource: 'service-appointment',
        detail: { hallIds: ids.length, count: items.length },
      });
      return { items, total: Number(count.n) };
    },

    /** Reminders at T−24 h and T−1 h (each once), no-shows, expired holds and codes. */
    async sweep(now: Date, tenantCode?: string) {
      const due = await db
        .selectFrom('service_appointments')
        .selectAll()
        .where('status', '=', 'booked')
        .where('slot_start', '>', now)
        .where('slot_start', '<=', new Date(now.getTime() + 24 * 3_600_000))
        .$if(tenantCode !== undefined, (q) => q.where('tenant_code', '=', tenantCode!))
        .execute();
      let reminders = 0;
      for (const row of due) {
        const left = new Date(row.slot_start).getTime() - now.getTime();
        const mark = left <= 3_600_000 ? 'T-1h' : 'T-24h';
        if ((row.reminders_sent as string[]).includes(mark)) continue;
        // Claimed before sending: two servers sweeping at once send it once.
        const claimed = await db
          .updateTable('service_appointments')
          .set({
            reminders_sent: sql`reminders_sent || ${JSON.stringify([mark])}::jsonb`,
            updated_at: now,
          })
          .where('id', '=', row.id)
          .where('status', '=', 'booked')
          .where(sql<boolean>`NOT (reminders_sent @> ${JSON.stringify([mark])}::jsonb)`)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) === 0) continue;
        const phone = crypto.decrypt(row.phone);
        if (!phone) continue;
        const a = await present(row);
        // The day-before reminder may go out the same day (a booking made that morning): it names the time.
        const at = time(new Date(row.slot_start));
        const when = mark === 'T-1h' ? `1小时后（${at}）` : at;
        await send(
          phone,
          `【融汇】提醒：您预约的${a.hallName}“${a.itemName}”将于${when}办理，预约号${a.reference}。`,
        );
        reminders++;
      }
      const late = await db
        .updateTable('service_appointments')
        .set({ status: 'no-show', updated_at: now })
        .where('status', '=', 'booked')
        .where('slot_start', '<', new Date(now.getTime() - checkIn.afterMinutes * 60_000))
        .$if(tenantCode !== undefined, (q) => q.where('tenant_code', '=', tenantCode!))
        .returning(['tenant_code', 'reference'])
        .execute();
      for (const r of late)
        await audit.record(sweepActor(r.tenant_code), {
          action: 'service.appointment.no-show',
          resource: 'service-appointment',
          resourceId: r.reference,
        });
      const holds = await db
        .deleteFrom('service_appointments')
        .where('status', '=', 'held')
        .where('hold_expires_at', '<=', now)
        .$if(tenantCode !== undefined, (q) => q.where('tenant_code', '=', tenantCode!))
        .executeTakeFirst();
      // Codes are kept an hour: the hourly limit counts them.
      const otps = await db
        .deleteFrom('service_otps')
        .where('created_at', '<', new Date(now.getTime() - 3_600_000))
        .$if(tenantCode !== undefined, (q) => q.where('tenant_code', '=', tenantCode!))
        .executeTakeFirst();
      return {
        reminders,
        noShows: late.length,
        holdsExpired: Number(holds.numDeletedRows),
        codesPurged: Number(otps.numDeletedRows),
      };
    },
    hasStaffRole: (p: Principal | null) => p !== null && hasRole(p, ...WORK_ROLES),
  };
}
