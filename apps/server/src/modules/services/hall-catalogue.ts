import type {
  ServiceCounter,
  ServiceCounterBody,
  ServiceHall,
  ServiceHallList,
  ServiceHallPatch,
  ServiceItem,
  ServiceItemBody,
  ServiceItemList,
  ServiceItemPatch,
  ServiceItemQuery,
} from '@ronghui/contracts';
import { hasRole, type Principal } from '../../platform/auth/principal.ts';
import { requireRole } from '../../platform/auth/guard.ts';
import { conflict, invalid, notFound } from '../../platform/http/errors.ts';
import { ADMIN_ROLES, type HallContext, type ServiceHallDeps, WORK_ROLES } from './hall-context.ts';
import { type CounterRow, type HallRow, presentCounter, presentHall, presentItem } from './hall-presenter.ts';

/** The catalogue of items, halls and their counters, and clerks signing in at a counter. */
export function createHallCatalogue(deps: ServiceHallDeps, ctx: HallContext) {
  const { db, audit, clock } = deps;

  async function hallsWithCounters(tenantCode: string, rows: HallRow[]): Promise<ServiceHall[]> {
    const counters = await ctx.counters(tenantCode);
    const names = await ctx.userNames(
      tenantCode,
      counters.map((c) => c.clerk_id),
    );
    return rows.map((h) =>
      presentHall(
        h,
        counters
          .filter((c) => c.hall_id === h.id)
          .map((c) => presentCounter(c, c.clerk_id ? (names.get(c.clerk_id) ?? null) : null)),
      ),
    );
  }

  async function counterOut(tenantCode: string, row: CounterRow): Promise<ServiceCounter> {
    const names = await ctx.userNames(tenantCode, [row.clerk_id]);
    return presentCounter(row, row.clerk_id ? (names.get(row.clerk_id) ?? null) : null);
  }

  async function checkItemCodes(tenantCode: string, codes: readonly string[] | null) {
    if (!codes) return;
    const known = new Set((await ctx.items(tenantCode)).map((i) => i.code));
    codes.forEach((c, i) => {
      if (!known.has(c)) throw invalid(`/itemCodes/${i}`, `unknown item code "${c}"`);
    });
  }

  return {
    async listItems(
      principal: Principal | null,
      tenantCode: string,
      query: ServiceItemQuery,
    ): Promise<ServiceItemList> {
      const admin = principal !== null && hasRole(principal, ...ADMIN_ROLES);
      const [rows, halls] = await Promise.all([ctx.items(tenantCode), ctx.halls(tenantCode)]);
      const hall = query.hallId ? halls.find((h) => h.id === query.hallId) : undefined;
      if (query.hallId && !hall) throw notFound('hall', query.hallId);
      const q = query.q?.toLowerCase();
      const items = rows
        .filter((r) => admin || r.active)
        .filter((r) => !q || r.name.toLowerCase().includes(q) || r.code.toLowerCase().includes(q))
        .filter((r) => !query.category || r.category === query.category)
        .filter((r) => !query.channel || r.channels.includes(query.channel))
        .filter((r) => !hall || hall.centre || !r.centre_only)
        .map((r) => presentItem(r, halls));
      return { items, total: items.length };
    },

    async getItem(principal: Principal | null, tenantCode: string, code: string): Promise<ServiceItem> {
      const admin = principal !== null && hasRole(principal, ...ADMIN_ROLES);
      const row = await ctx.item(tenantCode, code);
      if (!row || (!row.active && !admin)) throw notFound('service item', code);
      return presentItem(row, await ctx.halls(tenantCode));
    },

    async createItem(principal: Principal, body: ServiceItemBody): Promise<ServiceItem> {
      requireRole(principal, ADMIN_ROLES, 'Editing the service catalogue');
      const t = principal.tenantCode;
      if (await ctx.item(t, body.code)) throw conflict(`service item ${body.code} exists already`);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('service_items')
          .values({
            tenant_code: t,
            code: body.code,
            name: body.name,
            name_en: body.nameEn,
            category: body.category,
            kind: body.kind,
            statutory_days: body.statutoryDays,
            promised_days: body.promisedDays,
            expedited_days: body.expeditedDays,
            materials: JSON.stringify(body.materials),
            fee_yuan: body.feeYuan,
            channels: JSON.stringify(body.channels),
            centre_only: body.centreOnly,
            item_group: body.group,
            attributes: JSON.stringify(body.attributes),
            active: body.active ?? true,
            updated_at: now,
          })
          .execute();
        await audit.write(trx, principal, {
          action: 'service.item.create',
          resource: 'service-item',
          resourceId: body.code,
          detail: { name: body.name },
        });
      });
      return presentItem((await ctx.item(t, body.code))!, await ctx.halls(t));
    },

    async patchItem(principal: Principal, code: string, patch: ServiceItemPatch): Promise<ServiceItem> {
      requireRole(principal, ADMIN_ROLES, 'Editing the service catalogue');
      const t = principal.tenantCode;
      const row = await ctx.item(t, code);
      if (!row) throw notFound('service item', code);
      const statutory = patch.statutoryDays ?? row.statutory_days;
      const promised = patch.promisedDays ?? row.promised_days;
      if (promised > statutory)
        throw invalid(
          '/promisedDays',
          `must not exceed statutoryDays (${statutory}): a promised limit is at most the statutory one`,
        );
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('service_items')
          .set({
            ...(patch.name !== undefined ? { name: patch.name } : {}),
            ...(patch.nameEn !== undefined ? { name_en: patch.nameEn } : {}),
            ...(patch.category !== undefined ? { category: patch.category } : {}),
            ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
            statutory_days: statutory,
            promised_days: promised,
            ...(patch.expeditedDays !== undefined ? { expedited_days: patch.expeditedDays } : {}),
            ...(patch.materials !== undefined ? { materials: JSON.stringify(patch.materials) } : {}),
            ...(patch.feeYuan !== undefined ? { fee_yuan: patch.feeYuan } : {}),
            ...(patch.channels !== undefined ? { channels: JSON.stringify(patch.channels) } : {}),
            ...(patch.centreOnly !== undefined ? { centre_only: patch.centreOnly } : {}),
            ...(patch.group !== undefined ? { item_group: patch.group } : {}),
            ...(patch.attributes !== undefined ? { attributes: JSON.stringify(patch.attributes) } : {}),
            ...(patch.active !== undefined ? { active: patch.active } : {}),
            updated_at: now,
          })
          .where('tenant_code', '=', t)
          .where('code', '=', code)
          .execute();
        await audit.write(trx, principal, {
          action: 'service.item.update',
          resource: 'service-item',
          resourceId: code,
          detail: { fields: Object.keys(patch).sort() },
        });
      });
      return presentItem((await ctx.item(t, code))!, await ctx.halls(t));
    },

    async listHalls(tenantCode: string): Promise<ServiceHallList> {
      const items = await hallsWithCounters(tenantCode, await ctx.halls(tenantCode));
      return { items, total: items.length };
    },

    async patchHall(principal: Principal, hallId: string, patch: ServiceHallPatch): Promise<ServiceHall> {
      requireRole(principal, ADMIN_ROLES, 'Editing service halls');
      const t = principal.tenantCode;
      await ctx.hall(t, hallId);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('service_halls')
          .set({
            ...(patch.name !== undefined ? { name: patch.name } : {}),
            ...(patch.address !== undefined ? { address: patch.address } : {}),
            ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
            ...(patch.hours !== undefined ? { hours: JSON.stringify(patch.hours) } : {}),
            ...(patch.slotMinutes !== undefined ? { slot_minutes: patch.slotMinutes } : {}),
            ...(patch.slotCapacity !== undefined ? { slot_capacity: patch.slotCapacity } : {}),
            updated_at: clock.now(),
          })
          .where('tenant_code', '=', t)
          .where('id', '=', hallId)
          .execute();
        await audit.write(trx, principal, {
          action: 'service.hall.update',
          resource: 'service-hall',
          resourceId: hallId,
          detail: { fields: Object.keys(patch).sort() },
        });
      });
      return (await hallsWithCounters(t, [await ctx.hall(t, hallId)]))[0]!;
    },

    async addCounter(
      principal: Principal,
      hallId: string,
      body: ServiceCounterBody,
    ): Promise<ServiceCounter> {
      requireRole(principal, ADMIN_ROLES, 'Editing service halls');
      const t = principal.tenantCode;
      await ctx.hall(t, hallId);
      await checkItemCodes(t, body.itemCodes);
      const existing = await ctx.counters(t);
      let n = existing.filter((c) => c.hall_id === hallId).length + 1;
      while (existing.some((c) => c.id === `${hallId}-${n}`)) n++;
      const id = `${hallId}-${n}`;
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('service_counters')
          .values({
            tenant_code: t,
            hall_id: hallId,
            id,
            name: body.name,
            item_codes: body.itemCodes === null ? null : JSON.stringify(body.itemCodes),
            active: body.active ?? true,
            clerk_id: null,
            updated_at: clock.now(),
          })
          .execute();
        await audit.write(trx, principal, {
          action: 'service.counter.create',
          resource: 'service-counter',
          resourceId: id,
          detail: { hallId, name: body.name },
        });
      });
      return counterOut(t, await ctx.counter(t, id));
    },

    async patchCounter(
      principal: Principal,
      hallId: string,
      counterId: string,
      patch: Partial<ServiceCounterBody>,
    ): Promise<ServiceCounter> {
      requireRole(principal, ADMIN_ROLES, 'Editing service halls');
      const t = principal.tenantCode;
      const row = await ctx.counter(t, counterId);
      if (row.hall_id !== hallId) throw notFound('counter', counterId);
      if (patch.itemCodes !== undefined) await checkItemCodes(t, patch.itemCodes);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('service_counters')
          .set({
            ...(patch.name !== undefined ? { name: patch.name } : {}),
            ...(patch.itemCodes !== undefined
              ? { item_codes: patch.itemCodes === null ? null : JSON.stringify(patch.itemCodes) }
              : {}),
            ...(patch.active !== undefined ? { active: patch.active } : {}),
            // A closed counter has nobody signed in at it.
            ...(patch.active === false ? { clerk_id: null } : {}),
            updated_at: clock.now(),
          })
          .where('tenant_code', '=', t)
          .where('id', '=', counterId)
          .execute();
        await audit.write(trx, principal, {
          action: 'service.counter.update',
          resource: 'service-counter',
          resourceId: counterId,
          detail: { hallId, fields: Object.keys(patch).sort() },
        });
      });
      return counterOut(t, await ctx.counter(t, counterId));
    },

    /** The clerk takes the counter; a counter has one clerk, a clerk one counter. */
    async signIn(principal: Principal, hallId: string, counterId: string): Promise<ServiceCounter> {
      const hall = await ctx.hallInScope(principal, hallId, WORK_ROLES, 'Working a counter');
      const t = principal.tenantCode;
      const row = await ctx.counter(t, counterId);
      if (row.hall_id !== hall.id) throw notFound('counter', counterId);
      if (!row.active) throw conflict(`counter ${row.name} is closed`);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('service_counters')
          .set({ clerk_id: null, updated_at: clock.now() })
          .where('tenant_code', '=', t)
          .where('clerk_id', '=', principal.userId)
          .execute();
        await trx
          .updateTable('service_counters')
          .set({ clerk_id: principal.userId, updated_at: clock.now() })
          .where('tenant_code', '=', t)
          .where('id', '=', counterId)
          .execute();
        await audit.write(trx, principal, {
          action: 'service.counter.sign-in',
          resource: 'service-counter',
          resourceId: counterId,
          detail: { hallId, previousClerk: row.clerk_id },
        });
      });
      return counterOut(t, await ctx.counter(t, counterId));
    },
  };
}
