import { randomUUID } from 'node:crypto';
import type { ServiceBoard, ServiceTicket, ServiceTicketBody, ServiceTicketList } from '@ronghui/contracts';
import { estimateWait, localDate, nextTicket, ticketNumber } from '@ronghui/services';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/audit/audit.service.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { DB } from '../../platform/db/schema.ts';
import { conflict, invalid, notFound } from '../../platform/http/errors.ts';
import {
  type HallContext,
  nextCallSeq,
  READ_ROLES,
  type ServiceHallDeps,
  WORK_ROLES,
} from './hall-context.ts';
import {
  type AppointmentRow,
  type HallRow,
  type ItemRow,
  presentTicket,
  type TicketRow,
} from './hall-presenter.ts';

type Step = 'recall' | 'start' | 'finish' | 'no-show' | 'transfer';

/** What each step needs the ticket to be in. */
const FROM: Record<Step, TicketRow['status'][]> = {
  recall: ['called'],
  start: ['called'],
  finish: ['serving'],
  'no-show': ['called'],
  transfer: ['called', 'serving'],
};

/** Tickets, the queue of each hall, calls to counters and the calling screen. */
export function createHallQueue(deps: ServiceHallDeps, ctx: HallContext) {
  const { db, audit, bus, clock } = deps;

  async function publish(
    trx: Kysely<DB>,
    hall: HallRow,
    t: Pick<TicketRow, 'id' | 'number' | 'status' | 'counter_id'>,
  ) {
    await enqueue(
      trx,
      hall.tenant_code,
      'services.ticket.changed',
      { ticketId: t.id, hallId: hall.id, number: t.number, status: t.status, counterId: t.counter_id },
      await ctx.hallPath(hall.tenant_code, hall),
    );
  }

  /** Issues a ticket in the caller's transaction (the hall row locked): its number per hall, day and group. */
  async function issue(
    trx: Kysely<DB>,
    actor: Actor,
    hall: HallRow,
    items: ItemRow[],
    opts: { source: TicketRow['source']; priority: number; appointment?: AppointmentRow },
  ): Promise<string> {
    const now = clock.now();
    const day = localDate(now);
    const group = items[0]!.item_group;
    const n = await trx
      .selectFrom('service_tickets')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_code', '=', hall.tenant_code)
      .where('hall_id', '=', hall.id)
      .where('service_day', '=', day)
      .where('item_group', '=', group)
      .executeTakeFirstOrThrow();
    const row = {
      id: randomUUID(),
      tenant_code: hall.tenant_code,
      hall_id: hall.id,
      service_day: day,
      number: ticketNumber(group, Number(n.n) + 1),
      item_group: group,
      item_codes: JSON.stringify(items.map((i) => i.code)),
      source: opts.source,
      priority: opts.priority,
      status: 'waiting' as const,
      appointment_id: opts.appointment?.id ?? null,
      issued_at: now,
    };
    await trx.insertInto('service_tickets').values(row).execute();
    await audit.write(trx, actor, {
      action: 'service.ticket.issue',
      resource: 'service-ticket',
      resourceId: row.id,
      detail: { hallId: hall.id, number: row.number, source: row.source, priority: row.priority },
    });
    await publish(trx, hall, { ...row, counter_id: null });
    return row.id;
  }

  /** Today's waiting tickets of a hall with their place and expected wait. */
  async function present(tenantCode: string, rows: TicketRow[]): Promise<ServiceTicket[]> {
    if (rows.length === 0) return [];
    const hallIds = [...new Set(rows.map((r) => r.hall_id))];
    const [counters, names, appts, cases] = await Promise.all([
      db
        .selectFrom('service_counters')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('hall_id', 'in', hallIds)
        .execute(),
      ctx.userNames(
        tenantCode,
        rows.map((r) => r.clerk_id),
      ),
      db
        .selectFrom('service_appointments')
        .select(['id', 'reference'])
        .where(
          'id',
          'in',
          rows.map((r) => r.appointment_id ?? '00000000-0000-0000-0000-000000000000'),
        )
        .execute(),
      db
        .selectFrom('service_cases')
        .select(['id', 'ticket_id'])
        .where(
          'ticket_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute(),
    ]);
    const counterName = new Map(counters.map((c) => [c.id, c.name]));
    const refOf = new Map(appts.map((a) => [a.id, a.reference]));
    // Waits are estimated per hall and group from today's served tickets.
    const waitingByKey = new Map<string, TicketRow[]>();
    const served = new Map<string, number[]>();
    const todays = await db
      .selectFrom('service_tickets')
      .selectAll()
      .where('tenant_code', '=', tenantCode)
      .where('hall_id', 'in', hallIds)
      .where('service_day', '=', localDate(clock.now()))
      .where('status', 'in', ['waiting', 'done'])
      .execute();
    for (const t of todays) {
      const key = `${t.hall_id}/${t.item_group}`;
      if (t.status === 'waiting') waitingByKey.set(key, [...(waitingByKey.get(key) ?? []), t]);
      else if (t.started_at && t.finished_at)
        served.set(t.hall_id, [
          ...(served.get(t.hall_id) ?? []),
          (new Date(t.finished_at).getTime() - new Date(t.started_at).getTime()) / 1000,
        ]);
    }
    const order = (a: TicketRow, b: TicketRow) =>
      b.priority - a.priority ||
      new Date(a.issued_at).getTime() - new Date(b.issued_at).getTime() ||
      (a.id < b.id ? -1 : 1);
    return rows.map((r) => {
      let ahead: number | null = null;
      let wait: number | null = null;
      if (r.status === 'waiting') {
        const queue = [...(waitingByKey.get(`${r.hall_id}/${r.item_group}`) ?? [])].sort(order);
        ahead = Math.max(
          0,
          queue.findIndex((q) => q.id === r.id),
        );
        const open = counters.filter(
          (c) => c.hall_id === r.hall_id && c.active && r.item_codes.every((code) => ctx.serves(c, code)),
        ).length;
        wait = estimateWait(ahead + 1, Math.max(1, open), served.get(r.hall_id) ?? []);
      }
      return presentTicket(r, {
        counterName: r.counter_id ? (counterName.get(r.counter_id) ?? null) : null,
        clerkName: r.clerk_id ? (names.get(r.clerk_id) ?? null) : null,
        reference: r.appointment_id ? (refOf.get(r.appointment_id) ?? null) : null,
        ahead,
        estimatedWaitSeconds: wait,
        caseIds: cases.filter((c) => c.ticket_id === r.id).map((c) => c.id),
      });
    });
  }

  async function ticketOut(tenantCode: string, id: string): Promise<ServiceTicket> {
    const row = await db
      .selectFrom('service_tickets')
      .selectAll()
      .where('tenant_code', '=', tenantCode)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return (await present(tenantCode, [row]))[0]!;
  }

  /** A ticket the principal works on: its hall in scope, else not found. */
  async function workable(principal: Principal, id: string): Promise<{ row: TicketRow; hall: HallRow }> {
    const row = await db
      .selectFrom('service_tickets')
      .selectAll()
      .where('tenant_code', '=', principal.tenantCode)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('ticket', id);
    const hall = await ctx.hallInScope(principal, row.hall_id, WORK_ROLES, 'Working the queue').catch(() => {
      throw notFound('ticket', id);
    });
    return { row, hall };
  }

  async function counterOfHall(principal: Principal, hall: HallRow, counterId: string, path: string) {
    const c = await ctx.counter(principal.tenantCode, counterId).catch(() => {
      throw invalid(path, `no counter "${counterId}"`);
    });
    if (c.hall_id !== hall.id) throw invalid(path, `counter "${counterId}" is not in ${hall.name}`);
    if (!c.active) throw conflict(`counter ${c.name} is closed`);
    return c;
  }

  return {
    issue,
    ticketOut,

    async create(principal: Principal, body: ServiceTicketBody, kiosk: boolean): Promise<ServiceTicket> {
      const hall = await ctx.hallInScope(principal, body.hallId, WORK_ROLES, 'Issuing tickets');
      const items: ItemRow[] = [];
      for (const [i, code] of body.itemCodes.entries())
        items.push(await ctx.handledItem(principal.tenantCode, hall, code, `/itemCodes/${i}`));
      const id = await db.transaction().execute(async (trx) => {
        const locked = await ctx.lockHall(trx, principal.tenantCode, hall.id);
        return issue(trx, principal, locked, items, {
          source: kiosk ? 'kiosk' : 'walk-in',
          priority: body.expedited ? 2 : 0,
        });
      });
      bus.kick();
      return ticketOut(principal.tenantCode, id);
    },

    async list(
      principal: Principal,
      q: { hallId: string; status?: TicketRow['status'] | undefined; date?: string | undefined },
    ): Promise<ServiceTicketList> {
      const hall = await ctx.hallInScope(principal, q.hallId, READ_ROLES, 'Reading the queue');
      let query = db
        .selectFrom('service_tickets')
        .selectAll()
        .where('tenant_code', '=', principal.tenantCode)
        .where('hall_id', '=', hall.id)
        .where('service_day', '=', q.date ?? localDate(clock.now()));
      if (q.status) query = query.where('status', '=', q.status);
      const rows = await query.orderBy('issued_at').orderBy('id').execute();
      const items = await present(principal.tenantCode, rows);
      return { items, total: items.length };
    },

    async callNext(principal: Principal, counterId: string): Promise<ServiceTicket> {
      const c = await ctx.counter(principal.tenantCode, counterId);
      const hall = await ctx.hallInScope(principal, c.hall_id, WORK_ROLES, 'Calling tickets').catch(() => {
        throw notFound('counter', counterId);
      });
      if (!c.active) throw conflict(`counter ${c.name} is closed`);
      const now = clock.now();
      const id = await db.transaction().execute(async (trx) => {
        await ctx.lockHall(trx, principal.tenantCode, hall.id);
        const waiting = await trx
          .selectFrom('service_tickets')
          .selectAll()
          .where('tenant_code', '=', principal.tenantCode)
          .where('hall_id', '=', hall.id)
          .where('service_day', '=', localDate(now))
          .where('status', '=', 'waiting')
          .execute();
        const pick = nextTicket(
          waiting.map((t) => ({
            id: t.id,
            group: t.item_group,
            itemCodes: t.item_codes,
            priority: t.priority,
            issuedAt: new Date(t.issued_at).toISOString(),
            transferredTo: t.transferred_to,
          })),
          { id: c.id, itemCodes: c.item_codes },
        );
        if (!pick) throw conflict(`nobody is waiting for this counter (${c.name})`);
        const row = waiting.find((t) => t.id === pick.id)!;
        const seq = await nextCallSeq(trx);
        await trx
          .updateTable('service_tickets')
          .set({
            status: 'called',
            counter_id: c.id,
            clerk_id: principal.userId,
            called_at: row.called_at ?? now,
            call_seq: seq,
          })
          .where('id', '=', row.id)
          .execute();
        await audit.write(trx, principal, {
          action: 'service.ticket.call',
          resource: 'service-ticket',
          resourceId: row.id,
          detail: { hallId: hall.id, number: row.number, counterId: c.id, seq },
        });
        await publish(trx, hall, { ...row, status: 'called', counter_id: c.id });
        return row.id;
      });
      bus.kick();
      return ticketOut(principal.tenantCode, id);
    },

    async step(principal: Principal, id: string, step: Step, counterId?: string): Promise<ServiceTicket> {
      const { row, hall } = await workable(principal, id);
      if (!FROM[step].includes(row.status))
        throw conflict(`ticket ${row.number} is ${row.status}: it cannot ${step}`, { status: row.status });
      const target =
        step === 'transfer' ? await counterOfHall(principal, hall, counterId!, '/counterId') : null;
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await ctx.lockHall(trx, principal.tenantCode, hall.id);
        let set: Partial<Record<keyof TicketRow, unknown>>;
        switch (step) {
          case 'recall':
            set = { recalls: row.recalls + 1, call_seq: await nextCallSeq(trx) };
            break;
          case 'start':
            set = { status: 'serving', started_at: now, clerk_id: principal.userId };
            break;
          case 'finish':
            set = { status: 'done', finished_at: now };
            break;
          case 'no-show':
            set = { status: 'no-show', finished_at: now };
            break;
          case 'transfer':
            set = {
              status: 'waiting',
              transferred_to: target!.id,
              counter_id: null,
              clerk_id: null,
              started_at: null,
            };
            break;
        }
        const n = await trx
          .updateTable('service_tickets')
          .set(set as never)
          .where('id', '=', row.id)
          .where('status', '=', row.status)
          .executeTakeFirst();
        if (Number(n.numUpdatedRows) === 0) throw conflict(`ticket ${row.number} was changed meanwhile`);
        if (row.appointment_id && (step === 'finish' || step === 'no-show'))
          await trx
            .updateTable('service_appointments')
            .set({ status: step === 'finish' ? 'completed' : 'no-show', updated_at: now })
            .where('id', '=', row.appointment_id)
            .execute();
        await audit.write(trx, principal, {
          action: `service.ticket.${step}`,
          resource: 'service-ticket',
          resourceId: row.id,
          detail: { hallId: hall.id, number: row.number, ...(target ? { counterId: target.id } : {}) },
        });
        const status = (set.status as TicketRow['status'] | undefined) ?? row.status;
        const counter = step === 'transfer' ? null : row.counter_id;
        await publish(trx, hall, { id: row.id, number: row.number, status, counter_id: counter });
      });
      bus.kick();
      return ticketOut(principal.tenantCode, row.id);
    },

    async board(tenantCode: string, hallId: string): Promise<ServiceBoard> {
      const hall = await ctx.hall(tenantCode, hallId);
      const now = clock.now();
      const day = localDate(now);
      const [calls, counters, waiting] = await Promise.all([
        db
          .selectFrom('service_tickets')
          .select(['number', 'counter_id', 'call_seq', 'called_at'])
          .where('tenant_code', '=', tenantCode)
          .where('hall_id', '=', hall.id)
          .where('service_day', '=', day)
          .where('call_seq', 'is not', null)
          .orderBy('call_seq', 'desc')
          .limit(8)
          .execute(),
        ctx.counters(tenantCode, hall.id),
        db
          .selectFrom('service_tickets')
          .select(['item_group', (eb) => eb.fn.countAll<string>().as('n')])
          .where('tenant_code', '=', tenantCode)
          .where('hall_id', '=', hall.id)
          .where('service_day', '=', day)
          .where('status', '=', 'waiting')
          .groupBy('item_group')
          .orderBy('item_group')
          .execute(),
      ]);
      const name = new Map(counters.map((c) => [c.id, c.name]));
      return {
        hallId: hall.id,
        hallName: hall.name,
        calls: calls.map((c) => ({
          seq: Number(c.call_seq),
          number: c.number,
          counterName: c.counter_id ? (name.get(c.counter_id) ?? '') : '',
          at: new Date(c.called_at ?? now).toISOString(),
        })),
        waiting: waiting.map((w) => ({ group: w.item_group, count: Number(w.n) })),
        now: now.toISOString(),
      };
    },
  };
}
