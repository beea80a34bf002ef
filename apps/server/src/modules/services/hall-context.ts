import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import { canReach, requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import type { FieldCrypto } from '../../platform/privacy/field-crypto.ts';
import { mask } from '../../platform/privacy/privacy.ts';
import type { SmsGateway } from '../../platform/sms/sms-gateway.ts';
import type { OrgsService } from '../orgs/index.ts';
import type { CounterRow, HallRow, ItemRow } from './hall-presenter.ts';

export interface ServiceHallSettings {
  holdMinutes: number;
  checkInBeforeMinutes: number;
  checkInAfterMinutes: number;
  /** A demo install may run without an SMS gateway (messages go to the log); 'auto': the tenant's flag. */
  demo: boolean | 'auto';
}

export interface ServiceHallDeps {
  db: Kysely<DB>;
  orgs: OrgsService;
  audit: AuditService;
  bus: EventBus;
  clock: Clock;
  crypto: FieldCrypto;
  sms: SmsGateway;
  /** The county the public pages (no sign-in) belong to. */
  tenantCode: string;
  settings: ServiceHallSettings;
  log?: Pick<Logger, 'warn'> | undefined;
}

/** Roles working a hall's counters. */
export const WORK_ROLES: readonly Role[] = ['clerk', 'officer', 'auxiliary'];
export const READ_ROLES: readonly Role[] = READ_ACCESS.service;
export const ADMIN_ROLES: readonly Role[] = ['system-admin'];

/** A citizen acting from a phone, audited under the masked number. */
export function citizenActor(tenantCode: string, phone: string | null): Actor {
  const who = `citizen:${mask('phone', phone) ?? 'unknown'}`;
  return { tenantCode, userId: who, username: who };
}

export function sweepActor(tenantCode: string): Actor {
  return { tenantCode, userId: 'system:service-hall', username: 'service-hall' };
}

/** Loaders and scope checks the parts of the hall service share. */
export function hallContext(deps: ServiceHallDeps) {
  const { db, orgs } = deps;

  async function items(tenantCode: string, executor: Kysely<DB> = db): Promise<ItemRow[]> {
    return executor
      .selectFrom('service_items')
      .selectAll()
      .where('tenant_code', '=', tenantCode)
      .orderBy('code')
      .execute();
  }

  async function item(
    tenantCode: string,
    code: string,
    executor: Kysely<DB> = db,
  ): Promise<ItemRow | undefined> {
    return executor
      .selectFrom('service_items')
      .selectAll()
      .where('tenant_code', '=', tenantCode)
      .where('code', '=', code)
      .executeTakeFirst();
  }

  async function halls(tenantCode: string, executor: Kysely<DB> = db): Promise<HallRow[]> {
    return executor
      .selectFrom('service_halls')
      .selectAll()
      .where('tenant_code', '=', tenantCode)
      .orderBy('centre', 'desc')
      .orderBy('id')
      .execute();
  }

  async function hall(tenantCode: string, id: string, executor: Kysely<DB> = db): Promise<HallRow> {
    const row = await executor
      .selectFrom('service_halls')
      .selectAll()
      .where('tenant_code', '=', tenantCode)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('hall', id);
    return row;
  }

  /** Locks the hall row: bookings, tickets and calls of one hall happen one at a time. */
  async function lockHall(trx: Kysely<DB>, tenantCode: string, id: string): Promise<HallRow> {
    const row = await trx
      .selectFrom('service_halls')
      .selectAll()
      .where('tenant_code', '=', tenantCode)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('hall', id);
    return row;
  }

  async function counters(
    tenantCode: string,
    hallId?: string,
    executor: Kysely<DB> = db,
  ): Promise<CounterRow[]> {
    let q = executor.selectFrom('service_counters').selectAll().where('tenant_code', '=', tenantCode);
    if (hallId) q = q.where('hall_id', '=', hallId);
    return q.orderBy('hall_id').orderBy('id').execute();
  }

  async function counter(tenantCode: string, id: string, executor: Kysely<DB> = db): Promise<CounterRow> {
    const row = await executor
      .selectFrom('service_counters')
      .selectAll()
      .where('tenant_code', '=', tenantCode)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('counter', id);
    return row;
  }

  async function userNames(
    tenantCode: string,
    ids: readonly (string | null)[],
  ): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((i): i is string => Boolean(i)))];
    if (wanted.length === 0) return new Map();
    const rows = await db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('tenant_code', '=', tenantCode)
      .where('id', 'in', wanted)
      .execute();
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }

  /** The org ancestry of a hall: scope checks and the audience of its live events. */
  async function hallPath(tenantCode: string, row: HallRow): Promise<string[]> {
    const dir = await orgs.directory(tenantCode);
    return dir.pathOf(row.org_id);
  }

  async function reaches(principal: Principal, row: HallRow): Promise<boolean> {
    if (principal.scopeKind === 'tenant') return true;
    return canReach(principal, await hallPath(principal.tenantCode, row));
  }

  /** A hall the principal works or reads, else not found (halls outside the scope are not named). */
  async function hallInScope(principal: Principal, id: string, roles: readonly Role[], what: string) {
    requireRole(principal, roles, what);
    const row = await hall(principal.tenantCode, id);
    if (!(await reaches(principal, row))) throw notFound('hall', id);
    return row;
  }

  /** The halls a principal's scope reaches. */
  async function hallsInScope(principal: Principal): Promise<HallRow[]> {
    const all = await halls(principal.tenantCode);
    const out: HallRow[] = [];
    for (const h of all) if (await reaches(principal, h)) out.push(h);
    return out;
  }

  /** Whether a hall handles an item, for booking and tickets. */
  function handles(row: HallRow, it: ItemRow): boolean {
    return it.active && (row.centre || !it.centre_only);
  }

  async function handledItem(tenantCode: string, row: HallRow, code: string, path: string): Promise<ItemRow> {
    const it = await item(tenantCode, code);
    if (!it?.active) throw invalid(path, `no service item "${code}"`);
    if (!handles(row, it)) throw invalid(path, `${row.name} does not handle "${it.name}" (${code})`);
    return it;
  }

  const serves = (c: CounterRow, code: string) => c.item_codes === null || c.item_codes.includes(code);

  return {
    items,
    item,
    halls,
    hall,
    lockHall,
    counters,
    counter,
    userNames,
    hallPath,
    reaches,
    hallInScope,
    hallsInScope,
    handles,
    handledItem,
    serves,
  };
}

export type HallContext = ReturnType<typeof hallContext>;

export const nextCallSeq = async (trx: Kysely<DB>): Promise<number> => {
  const r = await sql<{ seq: string | number }>`SELECT nextval('service_call_seq') AS seq`.execute(trx);
  return Number(r.rows[0]!.seq);
};
