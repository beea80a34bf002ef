import { randomUUID } from 'node:crypto';
import type {
  WelfareCampaign,
  WelfareCondolence,
  WelfareFamilyMember,
  WelfareHealthCheck,
  WelfareInjury,
  WelfareReminder,
  WelfareReminderList,
  WelfareSchooling,
  WelfareStaff,
  WelfareStats,
} from '@ronghui/contracts';
import { addDays, localDate, yearSchedule } from '@ronghui/services';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB, WelfareStaffTable } from '../../platform/db/schema.ts';
import { conflict, DomainError, invalid, notFound } from '../../platform/http/errors.ts';
import type { FieldCrypto } from '../../platform/privacy/field-crypto.ts';
import { mask } from '../../platform/privacy/privacy.ts';
import type { OrgDirectory, OrgsService } from '../orgs/index.ts';

export interface WelfareDeps {
  db: Kysely<DB>;
  orgs: OrgsService;
  audit: AuditService;
  clock: Clock;
  crypto: FieldCrypto;
}

type StaffRow = Selectable<WelfareStaffTable>;
type Mechanism = 'daily' | 'holiday' | 'operation';

/** What a hidden health value shows until it is revealed with a reason. */
export const HIDDEN = '***';
/** Days ahead a health check counts as due soon, and a holiday as coming. */
const DUE_WINDOW_DAYS = 30;
/** Days after an injury or illness within which a visit is expected (older ones stay on the list too). */
const INJURY_LOOKBACK_DAYS = 60;

const rate = (done: number, targets: number) =>
  targets > 0 ? Math.round((done / targets) * 10_000) / 10_000 : null;

/**
 * 爱警暖警: staff records (personal values sealed, masked on every answer, every read audited), injuries and the
 * condolence visits under the three mechanisms, health-check campaigns, schooling cases for officers' children,
 * reminders and the year's figures. Only the roles of READ_ACCESS.welfare (staff office, leadership) enter.
 */
export function createWelfareService(deps: WelfareDeps) {
  const { db, orgs, audit, clock, crypto } = deps;
  const guard = (principal: Principal, what: string) => requireRole(principal, READ_ACCESS.welfare, what);
  const today = () => localDate(clock.now());
  const orgName = (dir: OrgDirectory, id: string) => dir.get(id)?.name ?? id;

  function family(row: StaffRow): WelfareFamilyMember[] {
    const plain = crypto.decrypt(row.family);
    if (!plain) return [];
    try {
      return JSON.parse(plain) as WelfareFamilyMember[];
    } catch {
      return [];
    }
  }

  function present(row: StaffRow, dir: OrgDirectory): WelfareStaff {
    return {
      id: row.id,
      kind: row.kind,
      orgId: row.org_id,
      orgName: orgName(dir, row.org_id),
      name: mask('name', crypto.decrypt(row.name)) ?? '',
      position: row.position,
      phone: mask('phone', crypto.decrypt(row.phone)),
      family: family(row).map((m) => ({
        relation: m.relation,
        name: mask('name', m.name) ?? '',
        ...(m.note ? { note: m.note } : {}),
      })),
      healthNotes: row.health_notes ? HIDDEN : null,
      lastCheckOn: row.last_check_on,
      nextCheckDue: row.next_check_due,
      childrenNeeds: row.children_needs,
      active: row.active,
      demo: row.demo,
    };
  }

  async function staffRow(tenantCode: string, id: string): Promise<StaffRow> {
    const row = await db
      .selectFrom('welfare_staff')
      .selectAll()
      .where('tenant_code', '=', tenantCode)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('staff record', id);
    return row;
  }

  /** Masked names and org names of these staff records. */
  async function people(tenantCode: string, ids: (string | null)[]) {
    const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
    const out = new Map<string, { name: string; orgId: string; kind: StaffRow['kind'] }>();
    if (wanted.length === 0) return out;
    for (let i = 0; i < wanted.length; i += 500) {
      const rows = await db
        .selectFrom('welfare_staff')
        .select(['id', 'name', 'org_id', 'kind'])
        .where('tenant_code', '=', tenantCode)
        .where('id', 'in', wanted.slice(i, i + 500))
        .execute();
      for (const r of rows)
        out.set(r.id, { name: mask('name', crypto.decrypt(r.name)) ?? '', orgId: r.org_id, kind: r.kind });
    }
    return out;
  }

  function requireOrg(dir: OrgDirectory, orgId: string) {
    if (!dir.get(orgId)) throw invalid('/orgId', `no organisation ${orgId}`);
  }

  function reasonOf(reason: string): string {
    const r = reason.trim();
    if (r.length < 4) throw invalid('/reason', 'state why you need the full value (at least 4 characters)');
    return r;
  }

  // ── Staff ────────────────────────────────────────────────────────────────────────────────────────────
  const staff = {
    async list(
      principal: Principal,
      q: {
        page: number;
        pageSize: number;
        kind?: StaffRow['kind'] | undefined;
        orgId?: string | undefined;
        checkDueBy?: string | undefined;
      },
    ) {
      guard(principal, 'Reading staff records');
      const dir = await orgs.directory(principal.tenantCode);
      let query = db.selectFrom('welfare_staff').where('tenant_code', '=', principal.tenantCode);
      if (q.kind) query = query.where('kind', '=', q.kind);
      if (q.orgId) query = query.where('org_id', '=', q.orgId);
      if (q.checkDueBy) query = query.where('next_check_due', '<=', q.checkDueBy).where('active', '=', true);
      const [{ n }, rows] = await Promise.all([
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        query
          .selectAll()
          .orderBy('org_id')
          .orderBy('kind')
          .orderBy('id')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
      ]);
      await audit.record(principal, {
        action: 'welfare.staff.list',
        resource: 'welfare-staff',
        detail: { count: rows.length, ids: rows.map((r) => r.id), kind: q.kind, orgId: q.orgId },
      });
      return { items: rows.map((r) => present(r, dir)), total: Number(n) };
    },

    async get(principal: Principal, id: string): Promise<WelfareStaff> {
      guard(principal, 'Reading staff records');
      const row = await staffRow(principal.tenantCode, id);
      await audit.record(principal, {
        action: 'welfare.staff.read',
        resource: 'welfare-staff',
        resourceId: id,
      });
      return present(row, await orgs.directory(principal.tenantCode));
    },

    async create(
      principal: Principal,
      body: {
        kind: StaffRow['kind'];
        orgId: string;
        name: string;
        position: string;
        phone?: string | undefined;
        family: WelfareFamilyMember[];
        healthNotes?: string | undefined;
        lastCheckOn?: string | undefined;
        nextCheckDue?: string | undefined;
        childrenNeeds?: string | undefined;
      },
    ): Promise<WelfareStaff> {
      guard(principal, 'Recording staff');
      const dir = await orgs.directory(principal.tenantCode);
      requireOrg(dir, body.orgId);
      const id = randomUUID();
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('welfare_staff')
          .values({
            tenant_code: principal.tenantCode,
            id,
            kind: body.kind,
            org_id: body.orgId,
            name: crypto.encrypt(body.name),
            position: body.position,
            phone: crypto.encrypt(body.phone ?? null),
            family: body.family.length ? crypto.encrypt(JSON.stringify(body.family)) : null,
            health_notes: crypto.encrypt(body.healthNotes || null),
            last_check_on: body.lastCheckOn ?? null,
            next_check_due: body.nextCheckDue ?? (body.lastCheckOn ? addDays(body.lastCheckOn, 365) : null),
            children_needs: body.childrenNeeds || null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await audit.write(trx, principal, {
          action: 'welfare.staff.created',
          resource: 'welfare-staff',
          resourceId: id,
          detail: { kind: body.kind, orgId: body.orgId },
        });
      });
      return present(await staffRow(principal.tenantCode, id), dir);
    },

    async patch(
      principal: Principal,
      id: string,
      body: {
        orgId?: string | undefined;
        position?: string | undefined;
        phone?: string | null | undefined;
        family?: WelfareFamilyMember[] | undefined;
        healthNotes?: string | null | undefined;
        nextCheckDue?: string | null | undefined;
        childrenNeeds?: string | null | undefined;
        active?: boolean | undefined;
      },
    ): Promise<WelfareStaff> {
      guard(principal, 'Changing staff records');
      const dir = await orgs.directory(principal.tenantCode);
      await staffRow(principal.tenantCode, id);
      if (body.orgId) requireOrg(dir, body.orgId);
      const set: Updateable<WelfareStaffTable> = {};
      if (body.orgId !== undefined) set.org_id = body.orgId;
      if (body.position !== undefined) set.position = body.position;
      if (body.phone !== undefined) set.phone = crypto.encrypt(body.phone);
      if (body.family !== undefined)
        set.family = body.family.length ? crypto.encrypt(JSON.stringify(body.family)) : null;
      if (body.healthNotes !== undefined) set.health_notes = crypto.encrypt(body.healthNotes || null);
      if (body.nextCheckDue !== undefined) set.next_check_due = body.nextCheckDue;
      if (body.childrenNeeds !== undefined) set.children_needs = body.childrenNeeds || null;
      if (body.active !== undefined) set.active = body.active;
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('welfare_staff')
          .set({ ...set, updated_at: clock.now() })
          .where('tenant_code', '=', principal.tenantCode)
          .where('id', '=', id)
          .execute();
        await audit.write(trx, principal, {
          action: 'welfare.staff.changed',
          resource: 'welfare-staff',
          resourceId: id,
          // Which fields changed, never their values.
          detail: { fields: Object.keys(body) },
        });
      });
      return present(await staffRow(principal.tenantCode, id), dir);
    },

    /** One full value (a name, phone, the family, the health notes) with a stated reason; audited with it. */
    async reveal(
      principal: Principal,
      id: string,
      body: { field: 'name' | 'phone' | 'family' | 'healthNotes'; reason: string },
    ) {
      guard(principal, 'Showing personal data in full');
      const reason = reasonOf(body.reason);
      const row = await staffRow(principal.tenantCode, id);
      let value: string | null;
      if (body.field === 'family') {
        const members = family(row);
        value = members.length
          ? members.map((m) => `${m.relation} ${m.name}${m.note ? `（${m.note}）` : ''}`).join('；')
          : null;
      } else
        value = crypto.decrypt(
          body.field === 'name' ? row.name : body.field === 'phone' ? row.phone : row.health_notes,
        );
      if (!value)
        throw new DomainError('unprocessable', 'Nothing to reveal', `the record has no ${body.field}`);
      await audit.record(principal, {
        action: 'personal.unmask',
        resource: 'welfare-staff',
        resourceId: id,
        reason,
        detail: { field: body.field },
      });
      return { field: body.field, value };
    },
  };

  // ── Injuries and condolences ─────────────────────────────────────────────────────────────────────────
  async function answered(tenantCode: string, injuryIds: string[]) {
    if (injuryIds.length === 0) return new Map<string, string>();
    const rows = await db
      .selectFrom('welfare_condolences')
      .select(['id', 'injury_id'])
      .where('tenant_code', '=', tenantCode)
      .where('injury_id', 'in', injuryIds)
      .execute();
    return new Map(rows.map((r) => [r.injury_id!, r.id]));
  }

  const injuries = {
    async list(
      principal: Principal,
      q: { page: number; pageSize: number; unanswered?: 'true' | 'false' | undefined },
    ) {
      guard(principal, 'Reading injuries');
      const dir = await orgs.directory(principal.tenantCode);
      let query = db.selectFrom('welfare_injuries as i').where('i.tenant_code', '=', principal.tenantCode);
      if (q.unanswered)
        query = query.where((eb) => {
          const visit = eb
            .selectFrom('welfare_condolences as c')
            .select('c.id')
            .where('c.tenant_code', '=', principal.tenantCode)
            .whereRef('c.injury_id', '=', 'i.id');
          return q.unanswered === 'true' ? eb.not(eb.exists(visit)) : eb.exists(visit);
        });
      const [{ n }, rows] = await Promise.all([
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        query
          .selectAll('i')
          .orderBy('i.occurred_on', 'desc')
          .orderBy('i.id')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
      ]);
      const who = await people(
        principal.tenantCode,
        rows.map((r) => r.staff_id),
      );
      const visits = await answered(
        principal.tenantCode,
        rows.map((r) => r.id),
      );
      await audit.record(principal, {
        action: 'welfare.injury.list',
        resource: 'welfare-injury',
        detail: { count: rows.length },
      });
      return {
        items: rows.map(
          (r): WelfareInjury => ({
            id: r.id,
            staffId: r.staff_id,
            staffName: who.get(r.staff_id)?.name ?? '',
            orgName: orgName(dir, who.get(r.staff_id)?.orgId ?? ''),
            kind: r.kind,
            occurredOn: r.occurred_on,
            description: r.description,
            onDuty: r.on_duty,
            condolenceId: visits.get(r.id) ?? null,
          }),
        ),
        total: Number(n),
      };
    },

    async create(
      principal: Principal,
      body: {
        staffId: string;
        kind: 'injury' | 'illness';
        occurredOn: string;
        description: string;
        onDuty: boolean;
      },
    ): Promise<WelfareInjury> {
      guard(principal, 'Recording injuries');
      const person = await staffRow(principal.tenantCode, body.staffId);
      if (body.occurredOn > today()) throw invalid('/occurredOn', 'must not be in the future');
      const id = randomUUID();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('welfare_injuries')
          .values({
            tenant_code: principal.tenantCode,
            id,
            staff_id: body.staffId,
            occurred_on: body.occurredOn,
            kind: body.kind,
            description: body.description,
            on_duty: body.onDuty,
            created_by: principal.userId,
            created_at: clock.now(),
          })
          .execute();
        await audit.write(trx, principal, {
          action: 'welfare.injury.recorded',
          resource: 'welfare-injury',
          resourceId: id,
          detail: { staffId: body.staffId, kind: body.kind, occurredOn: body.occurredOn },
        });
      });
      const dir = await orgs.directory(principal.tenantCode);
      return {
        id,
        staffId: body.staffId,
        staffName: mask('name', crypto.decrypt(person.name)) ?? '',
        orgName: orgName(dir, person.org_id),
        kind: body.kind,
        occurredOn: body.occurredOn,
        description: body.description,
        onDuty: body.onDuty,
        condolenceId: null,
      };
    },
  };

  async function presentCondolences(
    tenantCode: string,
    rows: Selectable<DB['welfare_condolences']>[],
  ): Promise<WelfareCondolence[]> {
    const dir = await orgs.directory(tenantCode);
    const who = await people(
      tenantCode,
      rows.map((r) => r.staff_id),
    );
    return rows.map((r) => {
      const p = r.staff_id ? who.get(r.staff_id) : undefined;
      return {
        id: r.id,
        mechanism: r.mechanism,
        staffId: r.staff_id,
        staffName: p?.name ?? null,
        orgName: p ? orgName(dir, p.orgId) : null,
        injuryId: r.injury_id,
        occasion: r.occasion,
        reason: r.reason,
        visitors: r.visitors,
        visitedOn: r.visited_on,
        amountYuan: r.amount_yuan,
        demo: r.demo,
      };
    });
  }

  const condolences = {
    async list(
      principal: Principal,
      q: {
        page: number;
        pageSize: number;
        mechanism?: Mechanism | undefined;
        year?: number | undefined;
        staffId?: string | undefined;
      },
    ) {
      guard(principal, 'Reading condolence visits');
      let query = db.selectFrom('welfare_condolences').where('tenant_code', '=', principal.tenantCode);
      if (q.mechanism) query = query.where('mechanism', '=', q.mechanism);
      if (q.year)
        query = query
          .where('visited_on', '>=', `${q.year}-01-01`)
          .where('visited_on', '<=', `${q.year}-12-31`);
      if (q.staffId) query = query.where('staff_id', '=', q.staffId);
      const [{ n }, rows] = await Promise.all([
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        query
          .selectAll()
          .orderBy('visited_on', 'desc')
          .orderBy('created_at', 'desc')
          .orderBy('id')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
      ]);
      return { items: await presentCondolences(principal.tenantCode, rows), total: Number(n) };
    },

    async create(
      principal: Principal,
      body: {
        mechanism: Mechanism;
        staffId?: string | undefined;
        injuryId?: string | undefined;
        occasion?: string | undefined;
        reason: string;
        visitors: string;
        visitedOn: string;
        amountYuan: number;
      },
    ): Promise<WelfareCondolence> {
      guard(principal, 'Recording condolence visits');
      if (body.visitedOn > today()) throw invalid('/visitedOn', 'must not be in the future');
      let staffId = body.staffId ?? null;
      if (body.injuryId) {
        const injury = await db
          .selectFrom('welfare_injuries')
          .selectAll()
          .where('tenant_code', '=', principal.tenantCode)
          .where('id', '=', body.injuryId)
          .executeTakeFirst();
        if (!injury) throw invalid('/injuryId', `no injury ${body.injuryId}`);
        if (staffId && staffId !== injury.staff_id)
          throw invalid('/staffId', 'the injury is of another member of staff');
        staffId = injury.staff_id;
        if ((await answered(principal.tenantCode, [injury.id])).size)
          throw conflict('this injury already has its condolence visit');
      }
      if (staffId) await staffRow(principal.tenantCode, staffId);
      if (body.mechanism === 'daily' && !staffId)
        throw invalid('/staffId', 'a visit for an injury or illness names the person visited');
      const id = randomUUID();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('welfare_condolences')
          .values({
            tenant_code: principal.tenantCode,
            id,
            mechanism: body.mechanism,
            staff_id: staffId,
            injury_id: body.injuryId ?? null,
            occasion: body.occasion || null,
            reason: body.reason,
            visitors: body.visitors,
            visited_on: body.visitedOn,
            amount_yuan: body.amountYuan,
            created_by: principal.userId,
            created_at: clock.now(),
          })
          .execute();
        await audit.write(trx, principal, {
          action: 'welfare.condolence.recorded',
          resource: 'welfare-condolence',
          resourceId: id,
          detail: {
            mechanism: body.mechanism,
            staffId,
            injuryId: body.injuryId ?? null,
            visitedOn: body.visitedOn,
            amountYuan: body.amountYuan,
          },
        });
      });
      const row = await db
        .selectFrom('welfare_condolences')
        .selectAll()
        .where('tenant_code', '=', principal.tenantCode)
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return (await presentCondolences(principal.tenantCode, [row]))[0]!;
    },
  };

  // ── Health-check campaigns ───────────────────────────────────────────────────────────────────────────
  async function campaignCounts(tenantCode: string, ids: string[]) {
    const out = new Map<string, { targets: number; done: number }>();
    if (ids.length === 0) return out;
    const rows = await db
      .selectFrom('welfare_health_checks')
      .select((eb) => [
        'campaign_id',
        eb.fn.countAll<number>().as('targets'),
        eb.fn.count<number>('done_on').as('done'),
      ])
      .where('tenant_code', '=', tenantCode)
      .where('campaign_id', 'in', ids)
      .groupBy('campaign_id')
      .execute();
    for (const r of rows) out.set(r.campaign_id, { targets: Number(r.targets), done: Number(r.done) });
    return out;
  }

  async function campaignRow(tenantCode: string, id: string) {
    const row = await db
      .selectFrom('welfare_campaigns')
      .selectAll()
      .where('tenant_code', '=', tenantCode)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('health-check campaign', id);
    return row;
  }

  async function listCampaigns(tenantCode: string, year?: number): Promise<WelfareCampaign[]> {
    let query = db.selectFrom('welfare_campaigns').selectAll().where('tenant_code', '=', tenantCode);
    if (year) query = query.where('year', '=', year);
    const rows = await query.orderBy('year', 'desc').orderBy('starts_on', 'desc').execute();
    const counts = await campaignCounts(
      tenantCode,
      rows.map((r) => r.id),
    );
    return rows.map((r) => {
      const c = counts.get(r.id) ?? { targets: 0, done: 0 };
      return {
        id: r.id,
        year: r.year,
        period: r.period,
        title: r.title,
        startsOn: r.starts_on,
        dueOn: r.due_on,
        targets: c.targets,
        done: c.done,
        rate: rate(c.done, c.targets),
        demo: r.demo,
      };
    });
  }

  const campaigns = {
    async list(principal: Principal, q: { year?: number | undefined }) {
      guard(principal, 'Reading health-check campaigns');
      const items = await listCampaigns(principal.tenantCode, q.year);
      return { items, total: items.length };
    },

    async create(
      principal: Principal,
      body: {
        year: number;
        period: string;
        title: string;
        startsOn: string;
        dueOn: string;
        staffIds?: string[] | undefined;
        kinds?: StaffRow['kind'][] | undefined;
      },
    ): Promise<WelfareCampaign> {
      guard(principal, 'Planning health checks');
      if (body.dueOn < body.startsOn) throw invalid('/dueOn', 'must not be before the start');
      let query = db
        .selectFrom('welfare_staff')
        .select('id')
        .where('tenant_code', '=', principal.tenantCode)
        .where('active', '=', true);
      if (body.staffIds) query = query.where('id', 'in', body.staffIds.length ? body.staffIds : ['']);
      else if (body.kinds) query = query.where('kind', 'in', body.kinds);
      const targets = body.staffIds?.length === 0 ? [] : await query.execute();
      if (body.staffIds && targets.length !== new Set(body.staffIds).size)
        throw invalid('/staffIds', 'some of these staff records do not exist or have left');
      if (targets.length === 0) throw invalid('/staffIds', 'a campaign needs at least one person to examine');
      const id = randomUUID();
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('welfare_campaigns')
          .values({
            tenant_code: principal.tenantCode,
            id,
            year: body.year,
            period: body.period,
            title: body.title,
            starts_on: body.startsOn,
            due_on: body.dueOn,
            created_by: principal.userId,
            created_at: now,
          })
          .execute();
        for (let i = 0; i < targets.length; i += 500)
          await trx
            .insertInto('welfare_health_checks')
            .values(
              targets.slice(i, i + 500).map((t) => ({
                tenant_code: principal.tenantCode,
                campaign_id: id,
                staff_id: t.id,
                done_on: null,
                result: null,
                updated_at: now,
              })),
            )
            .execute();
        await audit.write(trx, principal, {
          action: 'welfare.campaign.created',
          resource: 'welfare-campaign',
          resourceId: id,
          detail: { year: body.year, title: body.title, targets: targets.length, dueOn: body.dueOn },
        });
      });
      return (await listCampaigns(principal.tenantCode)).find((c) => c.id === id)!;
    },

    async checks(
      principal: Principal,
      campaignId: string,
      q: { page: number; pageSize: number; status?: 'done' | 'pending' | undefined },
    ) {
      guard(principal, 'Reading health checks');
      const campaign = await campaignRow(principal.tenantCode, campaignId);
      const dir = await orgs.directory(principal.tenantCode);
      let query = db
        .selectFrom('welfare_health_checks as h')
        .innerJoin('welfare_staff as s', (j) =>
          j.onRef('s.tenant_code', '=', 'h.tenant_code').onRef('s.id', '=', 'h.staff_id'),
        )
        .where('h.tenant_code', '=', principal.tenantCode)
        .where('h.campaign_id', '=', campaignId);
      if (q.status === 'done') query = query.where('h.done_on', 'is not', null);
      if (q.status === 'pending') query = query.where('h.done_on', 'is', null);
      const [{ n }, rows] = await Promise.all([
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        query
          .select(['h.staff_id', 'h.done_on', 'h.result', 's.name', 's.kind', 's.org_id'])
          .orderBy('s.org_id')
          .orderBy('h.staff_id')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
      ]);
      await audit.record(principal, {
        action: 'welfare.health-check.list',
        resource: 'welfare-campaign',
        resourceId: campaignId,
        detail: { count: rows.length, status: q.status },
      });
      const day = today();
      return {
        items: rows.map(
          (r): WelfareHealthCheck => ({
            campaignId,
            staffId: r.staff_id,
            staffName: mask('name', crypto.decrypt(r.name)) ?? '',
            kind: r.kind,
            orgName: orgName(dir, r.org_id),
            doneOn: r.done_on,
            result: r.result ? HIDDEN : null,
            overdue: !r.done_on && campaign.due_on < day,
          }),
        ),
        total: Number(n),
      };
    },

    /** Marks one person's check done; their staff record's last and next check days follow. */
    async markDone(
      principal: Principal,
      campaignId: string,
      staffId: string,
      body: { doneOn: string; result?: string | undefined },
    ): Promise<WelfareHealthCheck> {
      guard(principal, 'Recording health checks');
      const campaign = await campaignRow(principal.tenantCode, campaignId);
      if (body.doneOn > today()) throw invalid('/doneOn', 'must not be in the future');
      if (body.doneOn < campaign.starts_on)
        throw invalid('/doneOn', 'must not be before the campaign starts');
      const person = await staffRow(principal.tenantCode, staffId);
      await db.transaction().execute(async (trx) => {
        const n = await trx
          .updateTable('welfare_health_checks')
          .set({ done_on: body.doneOn, result: crypto.encrypt(body.result || null), updated_at: clock.now() })
          .where('tenant_code', '=', principal.tenantCode)
          .where('campaign_id', '=', campaignId)
          .where('staff_id', '=', staffId)
          .executeTakeFirst();
        if (Number(n.numUpdatedRows) === 0)
          throw notFound('health check of this person in the campaign', staffId);
        if (!person.last_check_on || person.last_check_on <= body.doneOn)
          await trx
            .updateTable('welfare_staff')
            .set({
              last_check_on: body.doneOn,
              next_check_due: addDays(body.doneOn, 365),
              updated_at: clock.now(),
            })
            .where('tenant_code', '=', principal.tenantCode)
            .where('id', '=', staffId)
            .execute();
        await audit.write(trx, principal, {
          action: 'welfare.health-check.done',
          resource: 'welfare-campaign',
          resourceId: campaignId,
          detail: { staffId, doneOn: body.doneOn, withResult: Boolean(body.result) },
        });
      });
      const dir = await orgs.directory(principal.tenantCode);
      return {
        campaignId,
        staffId,
        staffName: mask('name', crypto.decrypt(person.name)) ?? '',
        kind: person.kind,
        orgName: orgName(dir, person.org_id),
        doneOn: body.doneOn,
        result: body.result ? HIDDEN : null,
        overdue: false,
      };
    },

    async revealResult(principal: Principal, campaignId: string, staffId: string, body: { reason: string }) {
      guard(principal, 'Showing health data in full');
      const reason = reasonOf(body.reason);
      const row = await db
        .selectFrom('welfare_health_checks')
        .select('result')
        .where('tenant_code', '=', principal.tenantCode)
        .where('campaign_id', '=', campaignId)
        .where('staff_id', '=', staffId)
        .executeTakeFirst();
      if (!row) throw notFound('health check', staffId);
      const value = crypto.decrypt(row.result);
      if (!value) throw new DomainError('unprocessable', 'Nothing to reveal', 'the check has no result');
      await audit.record(principal, {
        action: 'personal.unmask',
        resource: 'welfare-health-check',
        resourceId: `${campaignId}:${staffId}`,
        reason,
        detail: { field: 'result', staffId },
      });
      return { field: 'result', value };
    },
  };

  // ── Schooling ────────────────────────────────────────────────────────────────────────────────────────
  async function presentSchooling(
    tenantCode: string,
    rows: Selectable<DB['welfare_schooling']>[],
  ): Promise<WelfareSchooling[]> {
    const dir = await orgs.directory(tenantCode);
    const who = await people(
      tenantCode,
      rows.map((r) => r.staff_id),
    );
    return rows.map((r) => ({
      id: r.id,
      staffId: r.staff_id,
      staffName: who.get(r.staff_id)?.name ?? '',
      orgName: orgName(dir, who.get(r.staff_id)?.orgId ?? ''),
      childName: mask('name', crypto.decrypt(r.child_name)) ?? '',
      stage: r.stage,
      need: r.need,
      status: r.status,
      school: r.school,
      requestedOn: r.requested_on,
      arrangedOn: r.arranged_on,
      doneOn: r.done_on,
      demo: r.demo,
    }));
  }

  async function schoolingRow(tenantCode: string, id: string) {
    const row = await db
      .selectFrom('welfare_schooling')
      .selectAll()
      .where('tenant_code', '=', tenantCode)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('schooling case', id);
    return row;
  }

  const schooling = {
    async list(
      principal: Principal,
      q: {
        page: number;
        pageSize: number;
        status?: 'requested' | 'arranged' | 'done' | undefined;
        year?: number | undefined;
      },
    ) {
      guard(principal, 'Reading schooling cases');
      let query = db.selectFrom('welfare_schooling').where('tenant_code', '=', principal.tenantCode);
      if (q.status) query = query.where('status', '=', q.status);
      if (q.year)
        query = query
          .where('requested_on', '>=', `${q.year}-01-01`)
          .where('requested_on', '<=', `${q.year}-12-31`);
      const [{ n }, rows] = await Promise.all([
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        query
          .selectAll()
          .orderBy('requested_on', 'desc')
          .orderBy('id')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
      ]);
      await audit.record(principal, {
        action: 'welfare.schooling.list',
        resource: 'welfare-schooling',
        detail: { count: rows.length },
      });
      return { items: await presentSchooling(principal.tenantCode, rows), total: Number(n) };
    },

    async create(
      principal: Principal,
      body: {
        staffId: string;
        childName: string;
        stage: WelfareSchooling['stage'];
        need: string;
        requestedOn?: string | undefined;
      },
    ): Promise<WelfareSchooling> {
      guard(principal, 'Opening schooling cases');
      await staffRow(principal.tenantCode, body.staffId);
      const id = randomUUID();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('welfare_schooling')
          .values({
            tenant_code: principal.tenantCode,
            id,
            staff_id: body.staffId,
            child_name: crypto.encrypt(body.childName),
            stage: body.stage,
            need: body.need,
            status: 'requested',
            school: null,
            requested_on: body.requestedOn ?? today(),
            created_by: principal.userId,
            updated_at: clock.now(),
          })
          .execute();
        await audit.write(trx, principal, {
          action: 'welfare.schooling.requested',
          resource: 'welfare-schooling',
          resourceId: id,
          detail: { staffId: body.staffId, stage: body.stage },
        });
      });
      return (
        await presentSchooling(principal.tenantCode, [await schoolingRow(principal.tenantCode, id)])
      )[0]!;
    },

    /** requested → arranged → done (a case may be settled straight from requested). */
    async step(
      principal: Principal,
      id: string,
      body: { status: 'arranged' | 'done'; school?: string | undefined; on?: string | undefined },
    ): Promise<WelfareSchooling> {
      guard(principal, 'Moving schooling cases');
      const row = await schoolingRow(principal.tenantCode, id);
      const allowed = body.status === 'arranged' ? ['requested'] : ['requested', 'arranged'];
      if (!allowed.includes(row.status))
        throw conflict(`the case is "${row.status}": it cannot become ${body.status}`, {
          status: row.status,
        });
      const school = body.school || row.school;
      if (!school) throw invalid('/school', 'name the school');
      const on = body.on ?? today();
      if (on < row.requested_on) throw invalid('/on', 'must not be before the request');
      await db.transaction().execute(async (trx) => {
        const n = await trx
          .updateTable('welfare_schooling')
          .set({
            status: body.status,
            school,
            ...(body.status === 'arranged'
              ? { arranged_on: on }
              : { done_on: on, arranged_on: row.arranged_on ?? on }),
            updated_at: clock.now(),
          })
          .where('tenant_code', '=', principal.tenantCode)
          .where('id', '=', id)
          .where('status', '=', row.status)
          .executeTakeFirst();
        if (Number(n.numUpdatedRows) === 0)
          throw conflict('the case was changed meanwhile: reload it and try again');
        await audit.write(trx, principal, {
          action: `welfare.schooling.${body.status}`,
          resource: 'welfare-schooling',
          resourceId: id,
          detail: { from: row.status, to: body.status, school, on },
        });
      });
      return (
        await presentSchooling(principal.tenantCode, [await schoolingRow(principal.tenantCode, id)])
      )[0]!;
    },
  };

  // ── Reminders and figures ────────────────────────────────────────────────────────────────────────────
  /** Upcoming statutory holidays (the first day of each block) within the window, on the official calendar. */
  function upcomingHolidays(day: string, until: string) {
    const out: { date: string; name: string }[] = [];
    const seen = new Set<string>();
    for (const year of new Set([Number(day.slice(0, 4)), Number(until.slice(0, 4))])) {
      let prev = '';
      for (const h of yearSchedule(year).holidays) {
        const first = prev !== addDays(h.date, -1);
        prev = h.date;
        if (!first || h.date < day || h.date > until) continue;
        const key = `${h.name}:${h.date.slice(0, 4)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ date: h.date, name: h.name });
      }
    }
    return out;
  }

  async function reminders(principal: Principal): Promise<WelfareReminderList> {
    guard(principal, 'Reading welfare reminders');
    const day = today();
    const soon = addDays(day, DUE_WINDOW_DAYS);
    const dir = await orgs.directory(principal.tenantCode);
    const items: WelfareReminder[] = [];
    const due = await db
      .selectFrom('welfare_staff')
      .select(['id', 'name', 'org_id', 'next_check_due'])
      .where('tenant_code', '=', principal.tenantCode)
      .where('active', '=', true)
      .where('next_check_due', '<=', soon)
      .orderBy('next_check_due')
      .orderBy('id')
      .execute();
    for (const s of due)
      items.push({
        kind: s.next_check_due! < day ? 'health-check-overdue' : 'health-check-due',
        date: s.next_check_due!,
        staffId: s.id,
        staffName: mask('name', crypto.decrypt(s.name)),
        orgName: orgName(dir, s.org_id),
        title: '体检',
        refId: null,
      });
    const open = await db
      .selectFrom('welfare_schooling')
      .selectAll()
      .where('tenant_code', '=', principal.tenantCode)
      .where('status', '!=', 'done')
      .orderBy('requested_on')
      .execute();
    for (const c of await presentSchooling(principal.tenantCode, open))
      items.push({
        kind: 'schooling-open',
        date: c.requestedOn,
        staffId: c.staffId,
        staffName: c.staffName,
        orgName: c.orgName,
        title: c.need,
        refId: c.id,
      });
    for (const h of upcomingHolidays(day, soon))
      items.push({
        kind: 'holiday',
        date: h.date,
        staffId: null,
        staffName: null,
        orgName: null,
        title: h.name,
        refId: null,
      });
    const unvisited = await injuries.list(principal, { page: 1, pageSize: 500, unanswered: 'true' });
    const since = addDays(day, -INJURY_LOOKBACK_DAYS);
    for (const i of unvisited.items.filter((x) => x.occurredOn >= since))
      items.push({
        kind: 'injury-unvisited',
        date: i.occurredOn,
        staffId: i.staffId,
        staffName: i.staffName,
        orgName: i.orgName,
        title: i.description,
        refId: i.id,
      });
    // What is owed to a person first (a visit after an injury), then the calendar, then the routine.
    const order = [
      'injury-unvisited',
      'holiday',
      'health-check-overdue',
      'health-check-due',
      'schooling-open',
    ];
    const sorted = items
      .map((r, i) => ({ r, i }))
      .sort((a, b) => order.indexOf(a.r.kind) - order.indexOf(b.r.kind) || a.i - b.i)
      .map((x) => x.r);
    const counts: Record<string, number> = {};
    for (const r of sorted) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
    return { today: day, items: sorted, total: sorted.length, counts };
  }

  async function stats(principal: Principal, year: number): Promise<WelfareStats> {
    guard(principal, 'Reading welfare figures');
    const tenant = principal.tenantCode;
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const [visits, checks, settled, open, hurt, staffRows, yearCampaigns] = await Promise.all([
      db
        .selectFrom('welfare_condolences')
        .select((eb) => [
          'mechanism',
          eb.fn.countAll<number>().as('n'),
          eb.fn.sum<number>('amount_yuan').as('yuan'),
        ])
        .where('tenant_code', '=', tenant)
        .where('visited_on', '>=', from)
        .where('visited_on', '<=', to)
        .groupBy('mechanism')
        .execute(),
      db
        .selectFrom('welfare_health_checks')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_code', '=', tenant)
        .where('done_on', '>=', from)
        .where('done_on', '<=', to)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('welfare_schooling')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_code', '=', tenant)
        .where('status', '=', 'done')
        .where('done_on', '>=', from)
        .where('done_on', '<=', to)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('welfare_schooling')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_code', '=', tenant)
        .where('status', '!=', 'done')
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('welfare_injuries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_code', '=', tenant)
        .where('occurred_on', '>=', from)
        .where('occurred_on', '<=', to)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('welfare_staff')
        .select((eb) => ['kind', eb.fn.countAll<number>().as('n')])
        .where('tenant_code', '=', tenant)
        .where('active', '=', true)
        .groupBy('kind')
        .execute(),
      listCampaigns(tenant, year),
    ]);
    const byMechanism = { daily: 0, holiday: 0, operation: 0 };
    let yuan = 0;
    for (const v of visits) {
      byMechanism[v.mechanism] = Number(v.n);
      yuan += Number(v.yuan ?? 0);
    }
    const staff = { total: 0, officer: 0, auxiliary: 0, civilian: 0 };
    for (const s of staffRows) {
      staff[s.kind] = Number(s.n);
      staff.total += Number(s.n);
    }
    const targets = yearCampaigns.reduce((s, c) => s + c.targets, 0);
    const done = yearCampaigns.reduce((s, c) => s + c.done, 0);
    return {
      year,
      condolences: byMechanism.daily + byMechanism.holiday + byMechanism.operation,
      healthChecks: Number(checks.n),
      schooling: Number(settled.n),
      byMechanism,
      condolenceYuan: Math.round(yuan * 100) / 100,
      injuries: Number(hurt.n),
      schoolingOpen: Number(open.n),
      campaigns: yearCampaigns.map((c) => ({
        id: c.id,
        title: c.title,
        targets: c.targets,
        done: c.done,
        rate: c.rate,
      })),
      campaignCompletionRate: rate(done, targets),
      staff,
    };
  }

  return {
    listStaff: staff.list,
    getStaff: staff.get,
    createStaff: staff.create,
    patchStaff: staff.patch,
    revealStaff: staff.reveal,
    listInjuries: injuries.list,
    createInjury: injuries.create,
    listCondolences: condolences.list,
    createCondolence: condolences.create,
    listCampaigns: campaigns.list,
    createCampaign: campaigns.create,
    listChecks: campaigns.checks,
    markCheckDone: campaigns.markDone,
    revealCheck: campaigns.revealResult,
    listSchooling: schooling.list,
    createSchooling: schooling.create,
    stepSchooling: schooling.step,
    reminders,
    stats,
  };
}
export type WelfareService = ReturnType<typeof createWelfareService>;
