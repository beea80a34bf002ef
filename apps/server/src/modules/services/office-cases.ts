import { randomBytes, randomUUID } from 'node:crypto';
import type { ServiceCase, ServiceCaseBody, ServiceCaseList, ServiceProgress } from '@ronghui/contracts';
import { normalizeIdNumber, normalizeMobile, parseIdNumber, reasonMessage } from '@ronghui/ids';
import { caseDeadline, localDate } from '@ronghui/services';
import type { Kysely } from 'kysely';
import { requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { DB } from '../../platform/db/schema.ts';
import { conflict, DomainError, invalid, notFound } from '../../platform/http/errors.ts';
import { mask } from '../../platform/privacy/privacy.ts';
import type { OrgDirectory } from '../orgs/index.ts';
import {
  type CaseRow,
  type HallRow,
  hallsInScope,
  iso,
  OPEN_CASE,
  SERVICE_WORK,
  type ServiceOfficeDeps,
  today,
} from './office-common.ts';

export type CaseStep = 'process' | 'complete' | 'deliver' | 'cancel';
type CaseStatus = CaseRow['status'];

/** Where each step may start, and where it leads. */
const STEPS: Record<CaseStep, { from: readonly CaseStatus[]; to: CaseStatus }> = {
  process: { from: ['accepted'], to: 'processing' },
  complete: { from: ['accepted', 'processing'], to: 'completed' },
  deliver: { from: ['completed'], to: 'delivered' },
  cancel: { from: ['accepted', 'processing'], to: 'cancelled' },
};

export interface CaseQuery {
  page: number;
  pageSize: number;
  hallId?: string | undefined;
  status?: CaseStatus | undefined;
  itemCode?: string | undefined;
  dueBy?: string | undefined;
}

export type RevealField = 'applicantName' | 'applicantPhone' | 'applicantIdNumber';

/** The keyed hash a progress check compares: bound to the case number, so digits alone match nothing. */
export const progressKey = (crypto: ServiceOfficeDeps['crypto'], number: string, last4: string) =>
  crypto.blindIndex(`service-progress:${number}:${last4}`);
export const ratingTokenHash = (crypto: ServiceOfficeDeps['crypto'], token: string) =>
  crypto.blindIndex(`service-rating:${token}`);

/** Eight characters without look-alikes (no 0/O, 1/I/L): typed from an SMS. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
function ratingCode(): string {
  const bytes = randomBytes(8);
  return Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

export function createCaseOffice(deps: ServiceOfficeDeps) {
  const { db, orgs, audit, clock, crypto, sms } = deps;

  async function hallFor(principal: Principal, dir: OrgDirectory, hallId: string): Promise<HallRow> {
    const hall = (await hallsInScope(db, principal, dir)).find((h) => h.id === hallId);
    if (!hall) throw notFound('service hall', hallId);
    return hall;
  }

  async function itemNames(tenantCode: string): Promise<Map<string, string>> {
    const rows = await db
      .selectFrom('service_items')
      .select(['code', 'name'])
      .where('tenant_code', '=', tenantCode)
      .execute();
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  async function timeline(tenantCode: string, caseId: string) {
    return db
      .selectFrom('service_case_events')
      .select(['at', 'status', 'actor', 'note'])
      .where('tenant_code', '=', tenantCode)
      .where('case_id', '=', caseId)
      .orderBy('at')
      .orderBy('id')
      .execute();
  }

  function present(
    row: CaseRow,
    names: Map<string, string>,
    clerks: Map<string, string>,
    events: { at: Date | string; status: string; actor: string; note: string | null }[],
  ): ServiceCase {
    const open = (OPEN_CASE as readonly string[]).includes(row.status);
    return {
      id: row.id,
      number: row.number,
      itemCode: row.item_code,
      itemName: names.get(row.item_code) ?? row.item_code,
      hallId: row.hall_id,
      status: row.status,
      expedited: row.expedited,
      channel: row.channel as ServiceCase['channel'],
      applicantName: mask('name', crypto.decrypt(row.applicant_name)) ?? '',
      applicantPhone: mask('phone', crypto.decrypt(row.applicant_phone)),
      applicantIdNumber: mask('id-number', crypto.decrypt(row.applicant_id_number)),
      acceptedAt: iso(row.accepted_at)!,
      deadline: row.deadline,
      warnOn: row.warn_on,
      completedAt: iso(row.completed_at),
      deliveredAt: iso(row.delivered_at),
      onTime: row.on_time,
      overdue: open && today(clock) > row.deadline,
      clerk: row.clerk_id ? (clerks.get(row.clerk_id) ?? row.clerk_id) : null,
      ticketId: row.ticket_id,
      homeVisitId: row.home_visit_id,
      timeline: events.map((e) => ({ at: iso(e.at)!, status: e.status, actor: e.actor, note: e.note })),
    };
  }

  async function clerkNames(tenantCode: string, ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
    if (wanted.length === 0) return new Map();
    const rows = await db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('tenant_code', '=', tenantCode)
      .where('id', 'in', wanted)
      .execute();
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }

  async function loadCase(principal: Principal, id: string): Promise<{ row: CaseRow; hall: HallRow }> {
    const dir = await orgs.directory(principal.tenantCode);
    const row = await db
      .selectFrom('service_cases')
      .selectAll()
      .where('tenant_code', '=', principal.tenantCode)
      .where('id', '=', id)
      .executeTakeFirst();
    const hall = row && (await hallsInScope(db, principal, dir)).find((h) => h.id === row.hall_id);
    if (!row || !hall) throw notFound('case', id);
    return { row, hall };
  }

  async function detail(tenantCode: string, row: CaseRow): Promise<ServiceCase> {
    const [names, clerks, events] = await Promise.all([
      itemNames(tenantCode),
      clerkNames(tenantCode, [row.clerk_id]),
      timeline(tenantCode, row.id),
    ]);
    return present(row, names, clerks, events);
  }

  /** Inserts a case with its first timeline entry, audited and announced, in the caller's transaction. */
  async function insertCase(
    trx: Kysely<DB>,
    principal: Principal,
    dir: OrgDirectory,
    hall: HallRow,
    c: {
      itemCode: string;
      expedited: boolean;
      channel: string;
      name: string;
      phone: string | null;
      idNumber: string | null;
      attributes: Record<string, unknown>;
      deadline: { deadline: string; warnOn: string };
      ticketId: string | null;
      homeVisitId: string | null;
      /** A case done on the spot (a home visit) is completed as it is accepted. */
      completedOnSite?: boolean;
    },
  ): Promise<CaseRow> {
    const now = clock.now();
    const day = localDate(now).replaceAll('-', '');
    const prefix = `BJ${principal.tenantCode}-${day}-`;
    const last = await trx
      .selectFrom('service_cases')
      .select('number')
      .where('tenant_code', '=', principal.tenantCode)
      .where('number', 'like', `${prefix}%`)
      .orderBy('number', 'desc')
      .limit(1)
      .executeTakeFirst();
    const seq = last ? Number(last.number.slice(prefix.length)) + 1 : 1;
    const number = `${prefix}${String(seq).padStart(4, '0')}`;
    const id = randomUUID();
    const done = c.completedOnSite === true;
    await trx
      .insertInto('service_cases')
      .values({
        id,
        tenant_code: principal.tenantCode,
        number,
        item_code: c.itemCode,
        hall_id: hall.id,
        status: done ? 'completed' : 'accepted',
        expedited: c.expedited,
        channel: c.channel,
        applicant_name: crypto.encrypt(c.name),
        applicant_phone: crypto.encrypt(c.phone),
        phone_last4_hash: c.phone ? progressKey(crypto, number, c.phone.slice(-4)) : null,
        applicant_id_number: crypto.encrypt(c.idNumber),
        id_hash: c.idNumber ? crypto.blindIndex(`id:${c.idNumber}`) : null,
        attributes: JSON.stringify(c.attributes),
        accepted_at: now,
        deadline: c.deadline.deadline,
        warn_on: c.deadline.warnOn,
        completed_at: done ? now : null,
        on_time: done ? true : null,
        clerk_id: principal.userId,
        ticket_id: c.ticketId,
        home_visit_id: c.homeVisitId,
        updated_at: now,
      })
      .execute();
    const actor = principal.displayName || principal.username;
    const events = [{ status: 'accepted', note: null as string | null }];
    if (done) events.push({ status: 'completed', note: '上门办结' });
    for (const e of events)
      await trx
        .insertInto('service_case_events')
        .values({ tenant_code: principal.tenantCode, case_id: id, at: now, actor, ...e })
        .execute();
    await audit.write(trx, principal, {
      action: 'service.case.accepted',
      resource: 'service-case',
      resourceId: id,
      detail: { number, itemCode: c.itemCode, hallId: hall.id, channel: c.channel },
    });
    await enqueue(
      trx,
      principal.tenantCode,
      'services.case.changed',
      { caseId: id, hallId: hall.id, change: done ? 'completed' : 'accepted' },
      dir.pathOf(hall.org_id),
    );
    return (await trx.selectFrom('service_cases').selectAll().where('id', '=', id).executeTakeFirst())!;
  }

  function validateApplicant(body: {
    applicantPhone?: string | undefined;
    applicantIdNumber?: string | undefined;
  }) {
    let phone: string | null = null;
    if (body.applicantPhone) {
      const r = normalizeMobile(body.applicantPhone);
      if (!r.ok) throw invalid('/applicantPhone', reasonMessage(r.reason, 'en-US'));
      phone = r.value;
    }
    let idNumber: string | null = null;
    if (body.applicantIdNumber) {
      const r = parseIdNumber(body.applicantIdNumber, { today: today(clock) });
      if (!r.ok) throw invalid('/applicantIdNumber', reasonMessage(r.reason, 'en-US'));
      idNumber = normalizeIdNumber(body.applicantIdNumber);
    }
    return { phone, idNumber };
  }

  /**
   * Sends the completion SMS with a fresh rating code: the citizen rates the case with its number and the
   * code on the booking page or at the kiosk.
   */
  async function notifyCompleted(row: CaseRow, itemName: string): Promise<void> {
    const phone = crypto.decrypt(row.applicant_phone);
    if (!phone) return;
    const token = ratingCode();
    await db
      .updateTable('service_cases')
      .set({ rating_token_hash: ratingTokenHash(crypto, token) })
      .where('id', '=', row.id)
      .execute();
    await sms.send({
      messageId: `case-${row.id}-completed`,
      to: phone,
      text: `【融汇】您办理的${itemName}已办结（${row.number}），评价码${token}，请在预约页或大厅评价器对本次服务评价。`,
    });
  }

  return {
    insertCase,
    validateApplicant,
    notifyCompleted,
    itemNames,

    async create(principal: Principal, body: ServiceCaseBody): Promise<ServiceCase> {
      requireRole(principal, SERVICE_WORK, 'Accepting cases');
      const dir = await orgs.directory(principal.tenantCode);
      const hall = await hallFor(principal, dir, body.hallId);
      const item = await db
        .selectFrom('service_items')
        .selectAll()
        .where('tenant_code', '=', principal.tenantCode)
        .where('code', '=', body.itemCode)
        .executeTakeFirst();
      if (!item?.active) throw invalid('/itemCode', `no active service item "${body.itemCode}"`);
      if (item.centre_only && !hall.centre)
        throw invalid('/itemCode', `${item.name} is handled only at the county centre's hall`);
      const expedited = body.expedited ?? false;
      if (expedited && item.expedited_days == null)
        throw invalid('/expedited', `${item.name} cannot be expedited`);
      const { phone, idNumber } = validateApplicant(body);
      if (body.ticketId) {
        const ticket = await db
          .selectFrom('service_tickets')
          .select(['hall_id'])
          .where('tenant_code', '=', principal.tenantCode)
          .where('id', '=', body.ticketId)
          .executeTakeFirst();
        if (ticket?.hall_id !== hall.id) throw invalid('/ticketId', 'no such ticket in this hall');
      }
      if (body.homeVisitId) {
        const visit = await db
          .selectFrom('service_home_visits')
          .select('id')
          .where('tenant_code', '=', principal.tenantCode)
          .where('id', '=', body.homeVisitId)
          .executeTakeFirst();
        if (!visit) throw invalid('/homeVisitId', 'no such home visit');
      }
      const deadline = caseDeadline(
        today(clock),
        { kind: item.kind, promisedDays: item.promised_days, expeditedDays: item.expedited_days },
        expedited,
      );
      const row = await db.transaction().execute((trx) =>
        insertCase(trx, principal, dir, hall, {
          itemCode: item.code,
          expedited,
          channel: body.channel ?? 'window',
          name: body.applicantName,
          phone,
          idNumber,
          attributes: body.attributes ?? {},
          deadline,
          ticketId: body.ticketId ?? null,
          homeVisitId: body.homeVisitId ?? null,
        }),
      );
      deps.bus.kick();
      return detail(principal.tenantCode, row);
    },

    async list(principal: Principal, q: CaseQuery): Promise<ServiceCaseList> {
      requireRole(principal, READ_ACCESS.service, 'Listing cases');
      const dir = await orgs.directory(principal.tenantCode);
      const hallIds = (await hallsInScope(db, principal, dir))
        .map((h) => h.id)
        .filter((id) => !q.hallId || id === q.hallId);
      if (hallIds.length === 0) return { items: [], total: 0 };
      let query = db
        .selectFrom('service_cases')
        .where('tenant_code', '=', principal.tenantCode)
        .where('hall_id', 'in', hallIds);
      if (q.status) query = query.where('status', '=', q.status);
      if (q.itemCode) query = query.where('item_code', '=', q.itemCode);
      if (q.dueBy) query = query.where('status', 'in', [...OPEN_CASE]).where('deadline', '<=', q.dueBy);
      const [{ total }, rows] = await Promise.all([
        query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
        query
          .selectAll()
          .orderBy('accepted_at', 'desc')
          .orderBy('number', 'desc')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
      ]);
      const [names, clerks] = await Promise.all([
        itemNames(principal.tenantCode),
        clerkNames(
          principal.tenantCode,
          rows.map((r) => r.clerk_id),
        ),
      ]);
      return { items: rows.map((r) => present(r, names, clerks, [])), total: Number(total) };
    },

    async get(principal: Principal, id: string): Promise<ServiceCase> {
      requireRole(principal, READ_ACCESS.service, 'Reading cases');
      const { row } = await loadCase(principal, id);
      await audit.record(principal, {
        action: 'service.case.read',
        resource: 'service-case',
        resourceId: id,
        detail: { number: row.number },
      });
      return detail(principal.tenantCode, row);
    },

    async step(principal: Principal, id: string, body: { step: CaseStep; note?: string | undefined }) {
      requireRole(principal, SERVICE_WORK, 'Moving cases');
      const { row, hall } = await loadCase(principal, id);
      const rule = STEPS[body.step];
      if (!rule.from.includes(row.status))
        throw conflict(`case ${row.number} is "${row.status}": it cannot ${body.step}`, {
          status: row.status,
        });
      const dir = await orgs.directory(principal.tenantCode);
      const now = clock.now();
      const onTime = rule.to === 'completed' ? localDate(now) <= row.deadline : undefined;
      await db.transaction().execute(async (trx) => {
        const n = await trx
          .updateTable('service_cases')
          .set({
            status: rule.to,
            updated_at: now,
            ...(rule.to === 'completed' ? { completed_at: now, on_time: onTime } : {}),
            ...(rule.to === 'delivered' ? { delivered_at: now } : {}),
          })
          .where('id', '=', id)
          .where('status', '=', row.status)
          .executeTakeFirst();
        if (Number(n.numUpdatedRows) === 0)
          throw conflict(`case ${row.number} was changed meanwhile: reload it and try again`);
        await trx
          .insertInto('service_case_events')
          .values({
            tenant_code: principal.tenantCode,
            case_id: id,
            at: now,
            status: rule.to,
            actor: principal.displayName || principal.username,
            note: body.note ?? null,
          })
          .execute();
        await audit.write(trx, principal, {
          action: `service.case.${rule.to}`,
          resource: 'service-case',
          resourceId: id,
          detail: {
            number: row.number,
            from: row.status,
            to: rule.to,
            ...(onTime === undefined ? {} : { onTime }),
          },
        });
        await enqueue(
          trx,
          principal.tenantCode,
          'services.case.changed',
          { caseId: id, hallId: hall.id, change: rule.to },
          dir.pathOf(hall.org_id),
        );
      });
      deps.bus.kick();
      const names = await itemNames(principal.tenantCode);
      if (rule.to === 'completed') await notifyCompleted(row, names.get(row.item_code) ?? row.item_code);
      const fresh = await db
        .selectFrom('service_cases')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return detail(principal.tenantCode, fresh);
    },

    /**
     * One full value for the counter staff of the case's hall (the clerk, officer or auxiliary who must
     * check the applicant), only with a stated reason; every reveal is audited with it.
     */
    async reveal(principal: Principal, id: string, body: { field: RevealField; reason: string }) {
      requireRole(principal, SERVICE_WORK, 'Showing unmasked personal data');
      const { row } = await loadCase(principal, id);
      const reason = body.reason.trim();
      if (reason.length < 4)
        throw invalid('/reason', 'state why you need the full value (at least 4 characters)');
      const stored =
        body.field === 'applicantName'
          ? row.applicant_name
          : body.field === 'applicantPhone'
            ? row.applicant_phone
            : row.applicant_id_number;
      const value = crypto.decrypt(stored);
      if (!value)
        throw new DomainError('unprocessable', 'Nothing to reveal', `the case has no ${body.field}`);
      await audit.record(principal, {
        action: 'personal.unmask',
        resource: 'service-case',
        resourceId: id,
        reason,
        detail: { field: body.field, number: row.number },
      });
      return { field: body.field, value };
    },

    /** The public progress check: the same answer for an unknown number and for wrong digits. */
    async progress(number: string, phoneLast4: string): Promise<ServiceProgress> {
      const tenantCode = deps.settings.tenantCode;
      const row = await db
        .selectFrom('service_cases')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('number', '=', number.trim())
        .executeTakeFirst();
      const hash = progressKey(crypto, number.trim(), phoneLast4);
      if (!row?.phone_last4_hash || row.phone_last4_hash !== hash)
        throw new DomainError(
          'not-found',
          'Not found',
          'No case matches this number and these digits: check both and try again.',
        );
      const [names, events] = await Promise.all([itemNames(tenantCode), timeline(tenantCode, row.id)]);
      return {
        number: row.number,
        itemName: names.get(row.item_code) ?? row.item_code,
        status: row.status,
        acceptedAt: iso(row.accepted_at)!,
        deadline: row.deadline,
        completedAt: iso(row.completed_at),
        timeline: events.map((e) => ({ at: iso(e.at)!, status: e.status })),
      };
    },
  };
}
export type CaseOffice = ReturnType<typeof createCaseOffice>;
