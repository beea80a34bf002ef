import { randomUUID } from 'node:crypto';
import type { HomeVisit, PlanEntry, Resident, ResidentBody, VisitBody } from '@ronghui/contracts';
import { normalizeMobile, parseIdNumber, reasonMessage } from '@ronghui/ids';
import { buildVisitPlan, nextVisitDue, type ResidentKind } from '@ronghui/outreach';
import type { Kysely, Selectable } from 'kysely';
import { requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';
import type {
  DB,
  FraudWarningsTable,
  HomeVisitsTable,
  VulnerableResidentsTable,
} from '../../platform/db/schema.ts';
import { conflict, DomainError, forbidden, invalid, notFound } from '../../platform/http/errors.ts';
import { mask } from '../../platform/privacy/privacy.ts';
import type { OrgDirectory } from '../orgs/index.ts';
import {
  createPlaceFinder,
  iso,
  OUTREACH_REVEAL,
  OUTREACH_WORK,
  type OutreachDeps,
  REGISTER_WORK,
  reaches,
  userNames,
} from './outreach-common.ts';

type ResidentRow = Selectable<VulnerableResidentsTable>;
type VisitRow = Selectable<HomeVisitsTable>;

const beijingDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
export const phoneKey = (crypto: OutreachDeps['crypto'], phone: string) =>
  crypto.blindIndex(`outreach-phone:${phone}`);

/**
 * A high-risk warning signed for: its person goes on the register as a recent fraud target of the station
 * (or is found there by phone) and a face-to-face visit is planned for today, for the officer who signed.
 */
export async function planWarningVisit(
  deps: Pick<OutreachDeps, 'crypto'>,
  trx: Kysely<DB>,
  principal: Principal,
  warning: Selectable<FraudWarningsTable>,
  now: Date,
): Promise<string> {
  const { crypto } = deps;
  const stationId = warning.station_id;
  if (!stationId) throw conflict('the warning has no station to visit from: set the address first');
  const phone = crypto.decrypt(warning.phone);
  const hash = phoneKey(crypto, phone);
  let resident = await trx
    .selectFrom('vulnerable_residents')
    .selectAll()
    .where('tenant_code', '=', warning.tenant_code)
    .where('station_id', '=', stationId)
    .where('phone_hash', '=', hash)
    .executeTakeFirst();
  if (!resident) {
    const id = randomUUID();
    await trx
      .insertInto('vulnerable_residents')
      .values({
        tenant_code: warning.tenant_code,
        id,
        station_id: stationId,
        kinds: ['fraud-target'],
        name: warning.person_name,
        phone: warning.phone,
        phone_hash: hash,
        id_number: warning.id_number,
        address: warning.address,
        address_id: null,
        township_code: warning.township_code,
        lon: warning.lon,
        lat: warning.lat,
        officer_id: principal.userId,
        note: `反诈预警 ${warning.number}`,
        demo: warning.demo,
        created_by: principal.userId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    resident = await trx
      .selectFrom('vulnerable_residents')
      .selectAll()
      .where('tenant_code', '=', warning.tenant_code)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  } else if (!resident.kinds.includes('fraud-target')) {
    await trx
      .updateTable('vulnerable_residents')
      .set({ kinds: [...resident.kinds, 'fraud-target'], active: true, updated_at: now })
      .where('tenant_code', '=', warning.tenant_code)
      .where('id', '=', resident.id)
      .execute();
  }
  const visitId = randomUUID();
  await trx
    .insertInto('home_visits')
    .values({
      tenant_code: warning.tenant_code,
      id: visitId,
      resident_id: resident.id,
      station_id: stationId,
      officer_id: principal.userId,
      status: 'planned',
      planned_for: beijingDay(now),
      done_at: null,
      warning_id: warning.id,
      demo: warning.demo,
      created_by: principal.userId,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return visitId;
}

export interface ResidentQuery {
  page: number;
  pageSize: number;
  station?: string | undefined;
  kind?: ResidentKind | undefined;
  active?: 'true' | 'false' | undefined;
}

export function createResidentsService(deps: OutreachDeps) {
  const { db, orgs, audit, clock, crypto } = deps;
  const placeOf = createPlaceFinder(deps);
  const today = () => beijingDay(clock.now());

  async function visitStats(tenantCode: string, residentIds: string[]) {
    if (residentIds.length === 0) return new Map<string, { last: string | null; n: number }>();
    const rows = await db
      .selectFrom('home_visits')
      .select(['resident_id', 'done_at'])
      .where('tenant_code', '=', tenantCode)
      .where('status', '=', 'done')
      .where('resident_id', 'in', residentIds)
      .execute();
    const out = new Map<string, { last: string | null; n: number }>();
    for (const r of rows) {
      const day = r.done_at ? beijingDay(new Date(r.done_at)) : null;
      const cur = out.get(r.resident_id) ?? { last: null, n: 0 };
      out.set(r.resident_id, { last: day && (!cur.last || day > cur.last) ? day : cur.last, n: cur.n + 1 });
    }
    return out;
  }

  async function presentResidents(
    principal: Principal,
    dir: OrgDirectory,
    rows: ResidentRow[],
  ): Promise<Resident[]> {
    const [stats, names] = await Promise.all([
      visitStats(
        principal.tenantCode,
        rows.map((r) => r.id),
      ),
      userNames(
        db,
        principal.tenantCode,
        rows.map((r) => r.officer_id),
      ),
    ]);
    return rows.map((r) => {
      const s = stats.get(r.id);
      return {
        id: r.id,
        name: mask('name', crypto.decrypt(r.name)) ?? '',
        phone: mask('phone', crypto.decrypt(r.phone)),
        idNumber: mask('id-number', crypto.decrypt(r.id_number)),
        kinds: r.kinds as ResidentKind[],
        address: r.address,
        addressId: r.address_id,
        stationId: r.station_id,
        stationName: dir.get(r.station_id)?.name ?? r.station_id,
        officerId: r.officer_id,
        officerName: r.officer_id ? (names.get(r.officer_id) ?? null) : null,
        active: r.active,
        note: r.note,
        lastVisitOn: s?.last ?? null,
        nextDueOn: nextVisitDue(r.kinds as ResidentKind[], s?.last ?? null, today()),
        visits: s?.n ?? 0,
        demo: r.demo,
      };
    });
  }

  async function loadResident(principal: Principal, dir: OrgDirectory, id: string): Promise<ResidentRow> {
    const row = await db
      .selectFrom('vulnerable_residents')
      .selectAll()
      .where('tenant_code', '=', principal.tenantCode)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || !reaches(principal, dir, row.station_id)) throw notFound('resident', id);
    return row;
  }

  async function checkOfficer(principal: Principal, dir: OrgDirectory, officerId: string, stationId: string) {
    const u = await db
      .selectFrom('users')
      .select(['id', 'org_id'])
      .where('tenant_code', '=', principal.tenantCode)
      .where('id', '=', officerId)
      .executeTakeFirst();
    if (!u || !dir.pathOf(u.org_id).includes(stationId))
      throw invalid('/officerId', 'no officer of the station has this id');
  }

  async function presentVisits(principal: Principal, rows: VisitRow[]): Promise<HomeVisit[]> {
    const residentIds = [...new Set(rows.map((r) => r.resident_id))];
    const [residents, names] = await Promise.all([
      residentIds.length
        ? db
            .selectFrom('vulnerable_residents')
            .select(['id', 'name'])
            .where('tenant_code', '=', principal.tenantCode)
            .where('id', 'in', residentIds)
            .execute()
        : Promise.resolve([]),
      userNames(
        db,
        principal.tenantCode,
        rows.map((r) => r.officer_id),
      ),
    ]);
    const nameOf = new Map(residents.map((r) => [r.id, mask('name', crypto.decrypt(r.name)) ?? '']));
    return rows.map((v) => ({
      id: v.id,
      residentId: v.resident_id,
      residentName: nameOf.get(v.resident_id) ?? '',
      stationId: v.station_id,
      officerId: v.officer_id,
      officerName: v.officer_id ? (names.get(v.officer_id) ?? null) : null,
      status: v.status,
      plannedFor: v.planned_for,
      doneAt: iso(v.done_at),
      antiFraudTalk: v.anti_fraud_talk,
      activities: v.activities,
      needs: v.needs,
      warningId: v.warning_id,
      serviceVisitId: v.service_visit_id,
      hazardId: v.hazard_id,
      demo: v.demo,
    }));
  }

  async function loadVisit(
    principal: Principal,
    dir: OrgDirectory,
    id: string,
  ): Promise<VisitRow | undefined> {
    const row = await db
      .selectFrom('home_visits')
      .selectAll()
      .where('tenant_code', '=', principal.tenantCode)
      .where('id', '=', id)
      .executeTakeFirst();
    if (row && !reaches(principal, dir, row.station_id)) throw notFound('visit', id);
    return row;
  }

  return {
    async create(principal: Principal, body: ResidentBody): Promise<Resident> {
      requireRole(principal, REGISTER_WORK, 'Registering residents for visits');
      const dir = await orgs.directory(principal.tenantCode);
      const place = await placeOf(principal.tenantCode, body.address);
      const stationId = body.stationId ?? place.stationId;
      if (!stationId || dir.get(stationId)?.kind !== 'station')
        throw invalid(
          body.stationId ? '/stationId' : '/address',
          'no station answers for this address: give stationId',
        );
      if (!reaches(principal, dir, stationId)) throw forbidden('the station lies outside your area');
      let phone: string | null = null;
      if (body.phone) {
        const m = normalizeMobile(body.phone);
        if (!m.ok) throw invalid('/phone', 'must be a mainland mobile number');
        phone = m.value;
      }
      let idNumber: string | null = null;
      if (body.idNumber) {
        const p = parseIdNumber(body.idNumber, { today: today() });
        if (!p.ok) throw invalid('/idNumber', reasonMessage(p.reason, 'en-US'));
        idNumber = p.value.value;
      }
      if (body.officerId) await checkOfficer(principal, dir, body.officerId, stationId);
      // The grid registry's standard address with this very label, when there is one.
      const match = await deps.registryRepo.listAddresses(
        db,
        principal.tenantCode,
        { like: body.address.trim() },
        1,
        0,
      );
      const addressId = match.items[0]?.label === body.address.trim() ? match.items[0].id : null;
      const now = clock.now();
      const id = randomUUID();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('vulnerable_residents')
          .values({
            tenant_code: principal.tenantCode,
            id,
            station_id: stationId,
            kinds: [...new Set(body.kinds)],
            name: crypto.encrypt(body.name),
            phone: crypto.encrypt(phone),
            phone_hash: phone ? phoneKey(crypto, phone) : null,
            id_number: crypto.encrypt(idNumber),
            address: body.address.trim(),
            address_id: addressId,
            township_code: place.townshipCode,
            lon: place.lon,
            lat: place.lat,
            officer_id: body.officerId ?? null,
            note: body.note ?? null,
            created_by: principal.userId,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await audit.write(trx, principal, {
          action: 'outreach.resident.registered',
          resource: 'vulnerable-resident',
          resourceId: id,
          detail: { stationId, kinds: body.kinds, addressId },
        });
      });
      return (await presentResidents(principal, dir, [await loadResident(principal, dir, id)]))[0]!;
    },

    async list(principal: Principal, q: ResidentQuery) {
      requireRole(principal, READ_ACCESS.outreach, 'Listing vulnerable residents');
      const dir = await orgs.directory(principal.tenantCode);
      let query = db
        .selectFrom('vulnerable_residents')
        .selectAll()
        .where('tenant_code', '=', principal.tenantCode);
      if (q.station) query = query.where('station_id', '=', q.station);
      if (q.active) query = query.where('active', '=', q.active === 'true');
      let rows = (await query.orderBy('station_id').orderBy('created_at').orderBy('id').execute()).filter(
        (r) => reaches(principal, dir, r.station_id),
      );
      if (q.kind) rows = rows.filter((r) => r.kinds.includes(q.kind!));
      const page = rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
      await audit.record(principal, {
        action: 'outreach.resident.list',
        resource: 'vulnerable-resident',
        resourceId: 'list',
        detail: { count: page.length },
      });
      return { items: await presentResidents(principal, dir, page), total: rows.length };
    },

    async patch(
      principal: Principal,
      id: string,
      body: {
        kinds?: ResidentKind[] | undefined;
        officerId?: string | null | undefined;
        active?: boolean | undefined;
        note?: string | null | undefined;
      },
    ): Promise<Resident> {
      requireRole(principal, REGISTER_WORK, 'Editing the register of residents');
      const dir = await orgs.directory(principal.tenantCode);
      const row = await loadResident(principal, dir, id);
      if (body.officerId) await checkOfficer(principal, dir, body.officerId, row.station_id);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('vulnerable_residents')
          .set({
            ...(body.kinds ? { kinds: [...new Set(body.kinds)] } : {}),
            ...(body.officerId !== undefined ? { officer_id: body.officerId } : {}),
            ...(body.active !== undefined ? { active: body.active } : {}),
            ...(body.note !== undefined ? { note: body.note } : {}),
            updated_at: now,
          })
          .where('tenant_code', '=', principal.tenantCode)
          .where('id', '=', id)
          .execute();
        await audit.write(trx, principal, {
          action: 'outreach.resident.changed',
          resource: 'vulnerable-resident',
          resourceId: id,
          detail: body,
        });
      });
      return (await presentResidents(principal, dir, [await loadResident(principal, dir, id)]))[0]!;
    },

    async reveal(
      principal: Principal,
      id: string,
      body: { field: 'name' | 'phone' | 'idNumber'; reason: string },
    ) {
      requireRole(principal, OUTREACH_REVEAL, 'Showing unmasked personal data');
      const dir = await orgs.directory(principal.tenantCode);
      const row = await loadResident(principal, dir, id);
      const reason = body.reason.trim();
      if (reason.length < 4)
        throw invalid('/reason', 'state why you need the full value (at least 4 characters)');
      const stored = body.field === 'name' ? row.name : body.field === 'phone' ? row.phone : row.id_number;
      const value = crypto.decrypt(stored);
      if (!value)
        throw new DomainError('unprocessable', 'Nothing to reveal', `the resident has no ${body.field}`);
      await audit.record(principal, {
        action: 'personal.unmask',
        resource: 'vulnerable-resident',
        resourceId: id,
        reason,
        detail: { field: body.field },
      });
      return { field: body.field, value };
    },

    /** Who is due a visit within `days`, per officer (mine for an officer unless another is asked for). */
    async plans(
      principal: Principal,
      q: { officer?: string | undefined; station?: string | undefined; days: number },
    ): Promise<{ items: PlanEntry[]; total: number }> {
      requireRole(principal, READ_ACCESS.outreach, 'Reading visit plans');
      const dir = await orgs.directory(principal.tenantCode);
      const officer = q.officer ?? (principal.roles.includes('officer') ? principal.userId : undefined);
      let query = db
        .selectFrom('vulnerable_residents')
        .selectAll()
        .where('tenant_code', '=', principal.tenantCode)
        .where('active', '=', true);
      if (q.station) query = query.where('station_id', '=', q.station);
      const residents = (await query.execute()).filter((r) => reaches(principal, dir, r.station_id));
      const ids = residents.map((r) => r.id);
      const [stats, planned] = await Promise.all([
        visitStats(principal.tenantCode, ids),
        ids.length
          ? db
              .selectFrom('home_visits')
              .select(['id', 'resident_id', 'planned_for', 'officer_id'])
              .where('tenant_code', '=', principal.tenantCode)
              .where('status', '=', 'planned')
              .where('resident_id', 'in', ids)
              .orderBy('planned_for')
              .execute()
          : Promise.resolve([]),
      ]);
      const plannedOf = new Map<string, (typeof planned)[number]>();
      for (const p of planned) if (!plannedOf.has(p.resident_id)) plannedOf.set(p.resident_id, p);
      const plan = buildVisitPlan(
        residents.map((r) => ({
          id: r.id,
          officerId: plannedOf.get(r.id)?.officer_id ?? r.officer_id,
          kinds: r.kinds as ResidentKind[],
          lastVisitOn: stats.get(r.id)?.last ?? null,
          plannedFor: plannedOf.get(r.id)?.planned_for ?? null,
        })),
        today(),
        q.days,
      );
      const entries = [...plan.entries()]
        .filter(([o]) => officer === undefined || o === officer)
        .flatMap(([, list]) => list)
        .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.residentId.localeCompare(b.residentId));
      const byId = new Map(residents.map((r) => [r.id, r]));
      const names = await userNames(
        db,
        principal.tenantCode,
        entries.map((e) => e.officerId),
      );
      return {
        items: entries.map((e) => {
          const r = byId.get(e.residentId)!;
          return {
            residentId: r.id,
            residentName: mask('name', crypto.decrypt(r.name)) ?? '',
            address: r.address,
            kinds: r.kinds as ResidentKind[],
            stationId: r.station_id,
            officerId: e.officerId,
            officerName: e.officerId ? (names.get(e.officerId) ?? null) : null,
            dueOn: e.dueOn,
            daysOverdue: e.daysOverdue,
            visitId: plannedOf.get(r.id)?.id ?? null,
          };
        }),
        total: entries.length,
      };
    },

    /** Plans a visit to a resident on a day (for an officer of the station, by default the resident's). */
    async plan(
      principal: Principal,
      body: { residentId: string; plannedFor: string; officerId?: string | undefined },
    ) {
      requireRole(principal, REGISTER_WORK, 'Planning visits');
      const dir = await orgs.directory(principal.tenantCode);
      const r = await loadResident(principal, dir, body.residentId);
      const officerId = body.officerId ?? r.officer_id ?? principal.userId;
      if (body.officerId) await checkOfficer(principal, dir, body.officerId, r.station_id);
      const now = clock.now();
      const id = randomUUID();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('home_visits')
          .values({
            tenant_code: principal.tenantCode,
            id,
            resident_id: r.id,
            station_id: r.station_id,
            officer_id: officerId,
            status: 'planned',
            planned_for: body.plannedFor,
            created_by: principal.userId,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await audit.write(trx, principal, {
          action: 'outreach.visit.planned',
          resource: 'home-visit',
          resourceId: id,
          detail: { residentId: r.id, plannedFor: body.plannedFor, officerId },
        });
      });
      return (await presentVisits(principal, [(await loadVisit(principal, dir, id))!]))[0]!;
    },

    async visits(
      principal: Principal,
      q: {
        page: number;
        pageSize: number;
        resident?: string | undefined;
        officer?: string | undefined;
        station?: string | undefined;
        status?: VisitRow['status'] | undefined;
      },
    ) {
      requireRole(principal, READ_ACCESS.outreach, 'Listing home visits');
      const dir = await orgs.directory(principal.tenantCode);
      let query = db.selectFrom('home_visits').selectAll().where('tenant_code', '=', principal.tenantCode);
      if (q.resident) query = query.where('resident_id', '=', q.resident);
      if (q.officer) query = query.where('officer_id', '=', q.officer);
      if (q.station) query = query.where('station_id', '=', q.station);
      if (q.status) query = query.where('status', '=', q.status);
      const rows = (await query.orderBy('planned_for', 'desc').orderBy('id').execute()).filter((r) =>
        reaches(principal, dir, r.station_id),
      );
      const page = rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
      return { items: await presentVisits(principal, page), total: rows.length };
    },

    /**
     * A visit recorded from the phone: it completes the planned visit of the resident (the warning's, when
     * given), or stands alone. The same id sent again answers the visit recorded first. A home-service
     * request or a grid hazard found at the home is opened through their modules and its id kept.
     */
    async record(principal: Principal, body: VisitBody): Promise<{ created: boolean; visit: HomeVisit }> {
      requireRole(principal, OUTREACH_WORK, 'Recording home visits');
      const dir = await orgs.directory(principal.tenantCode);
      const existing = await loadVisit(principal, dir, body.id);
      if (existing) {
        if (existing.status === 'planned')
          throw conflict('this id names a planned visit: record it with a new id');
        return { created: false, visit: (await presentVisits(principal, [existing]))[0]! };
      }
      const r = await loadResident(principal, dir, body.residentId);
      if (body.warningId) {
        const w = await db
          .selectFrom('fraud_warnings')
          .select(['id', 'station_id'])
          .where('tenant_code', '=', principal.tenantCode)
          .where('id', '=', body.warningId)
          .executeTakeFirst();
        if (!w || !reaches(principal, dir, w.station_id))
          throw invalid('/warningId', 'no such warning in your area');
      }
      let planned = db
        .selectFrom('home_visits')
        .selectAll()
        .where('tenant_code', '=', principal.tenantCode)
        .where('resident_id', '=', r.id)
        .where('status', '=', 'planned');
      if (body.warningId) planned = planned.where('warning_id', '=', body.warningId);
      const plannedRow = await planned.orderBy('planned_for').executeTakeFirst();
      const doneAt = body.doneAt ? new Date(body.doneAt) : clock.now();
      let serviceVisitId: string | null = null;
      let hazardId: string | null = null;
      if (body.status !== 'missed' && body.service) {
        const s = await deps.homeService.createHomeVisit(principal, {
          stationId: r.station_id,
          applicantName: crypto.decrypt(r.name),
          applicantPhone: crypto.decrypt(r.phone) ?? '',
          ...(r.id_number ? { applicantIdNumber: crypto.decrypt(r.id_number) } : {}),
          reason: body.service.reason,
          address: r.address,
          itemCodes: body.service.itemCodes,
          note: `走访发现：${body.needs ?? body.activities}`.slice(0, 300),
        });
        serviceVisitId = s.id;
      }
      if (body.status !== 'missed' && body.hazard) {
        if (r.lon == null || r.lat == null)
          throw invalid('/hazard', 'the resident has no place on the map to report a hazard at');
        const h = await deps.hazards.create(principal, {
          kind: body.hazard.kind as never,
          description: body.hazard.description,
          location: { lon: r.lon, lat: r.lat },
          address: r.address,
        });
        hazardId = h.hazard.id;
      }
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const values = {
          status: body.status ?? 'done',
          done_at: body.status === 'missed' ? null : doneAt,
          anti_fraud_talk: body.antiFraudTalk,
          activities: body.activities,
          needs: body.needs ?? null,
          warning_id: body.warningId ?? plannedRow?.warning_id ?? null,
          service_visit_id: serviceVisitId,
          hazard_id: hazardId,
          officer_id: principal.userId,
          updated_at: now,
        } as const;
        if (plannedRow) {
          await trx
            .updateTable('home_visits')
            .set({ ...values, id: body.id })
            .where('tenant_code', '=', principal.tenantCode)
            .where('id', '=', plannedRow.id)
            .where('status', '=', 'planned')
            .execute();
        } else {
          await trx
            .insertInto('home_visits')
            .values({
              ...values,
              tenant_code: principal.tenantCode,
              id: body.id,
              resident_id: r.id,
              station_id: r.station_id,
              planned_for: beijingDay(doneAt),
              created_by: principal.userId,
              created_at: now,
            })
            .execute();
        }
        if (values.warning_id) {
          await trx
            .insertInto('fraud_warning_events')
            .values({
              tenant_code: principal.tenantCode,
              id: randomUUID(),
              warning_id: values.warning_id,
              at: now,
              kind: body.status === 'missed' ? 'visit-missed' : 'visited',
              actor: principal.displayName || principal.username,
              note: body.activities,
            })
            .execute();
        }
        await audit.write(trx, principal, {
          action: `outreach.visit.${body.status ?? 'done'}`,
          resource: 'home-visit',
          resourceId: body.id,
          detail: {
            residentId: r.id,
            plannedVisitId: plannedRow?.id ?? null,
            antiFraudTalk: body.antiFraudTalk,
            warningId: values.warning_id,
            serviceVisitId,
            hazardId,
          },
        });
      });
      return {
        created: true,
        visit: (await presentVisits(principal, [(await loadVisit(principal, dir, body.id))!]))[0]!,
      };
    },
  };
}
export type ResidentsService = ReturnType<typeof createResidentsService>;
