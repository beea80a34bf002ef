import { randomUUID } from 'node:crypto';
import type { ServiceHomeVisit, ServiceHomeVisitBody } from '@ronghui/contracts';
import { caseDeadline } from '@ronghui/services';
import type { Selectable } from 'kysely';
import { requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';
import type { ServiceHomeVisitsTable } from '../../platform/db/schema.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/http/errors.ts';
import { mask } from '../../platform/privacy/privacy.ts';
import type { OrgDirectory } from '../orgs/index.ts';
import type { CaseOffice } from './office-cases.ts';
import {
  HOME_REQUEST,
  HOME_WORK,
  iso,
  reachesStation,
  type ServiceOfficeDeps,
  today,
} from './office-common.ts';

type VisitRow = Selectable<ServiceHomeVisitsTable>;
type VisitStatus = VisitRow['status'];
export type HomeVisitStep = 'accept' | 'reject' | 'schedule' | 'complete';

const VISIT_STEPS: Record<HomeVisitStep, { from: readonly VisitStatus[]; to: VisitStatus }> = {
  accept: { from: ['requested'], to: 'accepted' },
  reject: { from: ['requested'], to: 'rejected' },
  schedule: { from: ['accepted', 'scheduled'], to: 'scheduled' },
  complete: { from: ['scheduled'], to: 'completed' },
};

export interface HomeVisitQuery {
  page: number;
  pageSize: number;
  stationId?: string | undefined;
  status?: VisitStatus | undefined;
}

export function createHomeVisitOffice(deps: ServiceOfficeDeps, cases: CaseOffice) {
  const { db, orgs, audit, clock, crypto } = deps;

  async function present(row: VisitRow, dir: OrgDirectory): Promise<ServiceHomeVisit> {
    const caseIds = await db
      .selectFrom('service_cases')
      .select('id')
      .where('tenant_code', '=', row.tenant_code)
      .where('home_visit_id', '=', row.id)
      .orderBy('number')
      .execute();
    return {
      id: row.id,
      stationId: row.station_id,
      stationName: dir.get(row.station_id)?.name ?? row.station_id,
      applicantName: mask('name', crypto.decrypt(row.applicant_name)) ?? '',
      applicantPhone: mask('phone', crypto.decrypt(row.applicant_phone)) ?? '',
      age: row.age,
      reason: row.reason,
      address: row.address,
      itemCodes: row.item_codes,
      status: row.status,
      triageNote: row.triage_note,
      scheduledAt: iso(row.scheduled_at),
      officers: row.officers,
      completedAt: iso(row.completed_at),
      caseIds: caseIds.map((c) => c.id),
      createdAt: iso(row.created_at)!,
    };
  }

  async function load(principal: Principal, dir: OrgDirectory, id: string): Promise<VisitRow> {
    const row = await db
      .selectFrom('service_home_visits')
      .selectAll()
      .where('tenant_code', '=', principal.tenantCode)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || !reachesStation(principal, dir, row.station_id)) throw notFound('home visit', id);
    return row;
  }

  return {
    async create(principal: Principal, body: ServiceHomeVisitBody): Promise<ServiceHomeVisit> {
      requireRole(principal, HOME_REQUEST, 'Requesting home service');
      const dir = await orgs.directory(principal.tenantCode);
      if (dir.get(body.stationId)?.kind !== 'station')
        throw invalid('/stationId', `no station "${body.stationId}"`);
      if (!reachesStation(principal, dir, body.stationId))
        throw forbidden('the station lies outside your area');
      const known = await db
        .selectFrom('service_items')
        .select('code')
        .where('tenant_code', '=', principal.tenantCode)
        .where('active', '=', true)
        .where('code', 'in', body.itemCodes)
        .execute();
      const missing = body.itemCodes.find((c) => !known.some((k) => k.code === c));
      if (missing) throw invalid('/itemCodes', `no active service item "${missing}"`);
      const { phone, idNumber } = cases.validateApplicant(body);
      const now = clock.now();
      const id = randomUUID();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('service_home_visits')
          .values({
            id,
            tenant_code: principal.tenantCode,
            station_id: body.stationId,
            applicant_name: crypto.encrypt(body.applicantName),
            applicant_phone: crypto.encrypt(phone ?? body.applicantPhone),
            applicant_id_number: crypto.encrypt(idNumber),
            age: body.age ?? null,
            reason: body.reason,
            address: body.address,
            item_codes: JSON.stringify([...new Set(body.itemCodes)]),
            note: body.note ?? null,
            status: 'requested',
            officers: '[]',
            created_by: principal.userId,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await audit.write(trx, principal, {
          action: 'service.home-visit.requested',
          resource: 'service-home-visit',
          resourceId: id,
          detail: { stationId: body.stationId, reason: body.reason, itemCodes: body.itemCodes },
        });
      });
      return present(await load(principal, dir, id), dir);
    },

    async list(principal: Principal, q: HomeVisitQuery) {
      requireRole(principal, READ_ACCESS.service, 'Listing home visits');
      const dir = await orgs.directory(principal.tenantCode);
      let query = db
        .selectFrom('service_home_visits')
        .selectAll()
        .where('tenant_code', '=', principal.tenantCode);
      if (q.stationId) query = query.where('station_id', '=', q.stationId);
      if (q.status) query = query.where('status', '=', q.status);
      const rows = (await query.orderBy('created_at', 'desc').execute()).filter((r) =>
        reachesStation(principal, dir, r.station_id),
      );
      const page = rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
      return { items: await Promise.all(page.map((r) => present(r, dir))), total: rows.length };
    },

    async step(
      principal: Principal,
      id: string,
      body: {
        step: HomeVisitStep;
        note?: string | undefined;
        scheduledAt?: string | undefined;
        officers?: string[] | undefined;
      },
    ): Promise<ServiceHomeVisit> {
      requireRole(principal, HOME_WORK, 'Handling home visits');
      const dir = await orgs.directory(principal.tenantCode);
      const row = await load(principal, dir, id);
      const rule = VISIT_STEPS[body.step];
      if (!rule.from.includes(row.status))
        throw conflict(`the home visit is "${row.status}": it cannot ${body.step}`, { status: row.status });
      const now = clock.now();
      if (body.step === 'schedule' && !body.scheduledAt) throw invalid('/scheduledAt', 'is required');
      const halls =
        body.step === 'complete'
          ? await db
              .selectFrom('service_halls')
              .selectAll()
              .where('tenant_code', '=', principal.tenantCode)
              .execute()
          : [];
      const hall = halls.find((h) => h.org_id === row.station_id) ?? halls.find((h) => h.centre);
      if (body.step === 'complete' && !hall)
        throw conflict('no service hall can hold the cases of this visit');
      const items =
        body.step === 'complete'
          ? await db
              .selectFrom('service_items')
              .selectAll()
              .where('tenant_code', '=', principal.tenantCode)
              .where('code', 'in', row.item_codes)
              .execute()
          : [];
      await db.transaction().execute(async (trx) => {
        const n = await trx
          .updateTable('service_home_visits')
          .set({
            status: rule.to,
            updated_at: now,
            ...(body.step === 'accept' || body.step === 'reject'
              ? { triage_note: body.note ?? null, triaged_by: principal.userId }
              : {}),
            ...(body.step === 'schedule'
              ? {
                  scheduled_at: new Date(body.scheduledAt!),
                  officers: JSON.stringify(body.officers ?? [principal.displayName || principal.username]),
                }
              : {}),
            ...(body.step === 'complete' ? { completed_at: now } : {}),
          })
          .where('id', '=', id)
          .where('status', '=', row.status)
          .executeTakeFirst();
        if (Number(n.numUpdatedRows) === 0) throw conflict('the home visit was changed meanwhile: reload it');
        if (body.step === 'complete' && hall) {
          const name = crypto.decrypt(row.applicant_name);
          const phone = crypto.decrypt(row.applicant_phone);
          const idNumber = crypto.decrypt(row.applicant_id_number);
          for (const item of items)
            await cases.insertCase(trx, principal, dir, hall, {
              itemCode: item.code,
              expedited: false,
              channel: 'home',
              name,
              phone,
              idNumber,
              attributes: {},
              deadline: caseDeadline(
                today(clock),
                { kind: item.kind, promisedDays: item.promised_days, expeditedDays: item.expedited_days },
                false,
              ),
              ticketId: null,
              homeVisitId: id,
              completedOnSite: true,
            });
        }
        await audit.write(trx, principal, {
          action: `service.home-visit.${rule.to}`,
          resource: 'service-home-visit',
          resourceId: id,
          detail: { from: row.status, to: rule.to, note: body.note ?? null },
        });
      });
      deps.bus.kick();
      return present(await load(principal, dir, id), dir);
    },
  };
}
