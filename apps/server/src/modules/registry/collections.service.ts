import { randomUUID } from 'node:crypto';
import type {
  RegistryAssignBody,
  RegistryCollection,
  RegistryCollectionBody,
  RegistryCollectionList,
  RegistryCollectionQuery,
  RegistryCollectionStats,
  RegistryCollectionStatsQuery,
  RegistryReviewBody,
  RegistryWorkerList,
} from '@ronghui/contracts';
import { chinaDate } from '@ronghui/geo';
import { maskIdNumber, maskName, maskPhone } from '@ronghui/ids';
import type { Kysely } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { conflict, DomainError, invalid, notFound } from '../../platform/http/errors.ts';
import type { FieldCrypto } from '../../platform/privacy/field-crypto.ts';
import { communityGridAt, gridScope, mayReach, placeOf, type RegistryContext } from './registry-context.ts';
import {
  type AddressDraft,
  type BusinessDraft,
  BUSINESS_KIND_ZH,
  checkAddress,
  checkBusiness,
  checkHouse,
  checkPerson,
  type FieldIssue,
  type HouseDraft,
  type PersonDraft,
  type Raw,
} from './registry-rules.ts';
import { createWriter, decryptBusiness, decryptHouse, decryptPerson } from './registry-writer.ts';
import type { AddressRow, CollectionRow, RegistryRepo } from './registry.repo.ts';
import { READ_ROLES, type RegistryService } from './registry.service.ts';

/** Collecting on the phone: grid workers. */
export const COLLECT_ROLES: readonly Role[] = ['grid-worker'];
/** Reviewing and assigning: the station's officers and police assistants (辅警), and the command. */
export const REVIEW_ROLES: readonly Role[] = ['officer', 'auxiliary', 'commander'];

const KIND_ZH = {
  'new-tenant': '新租户',
  'vacant-house': '空置房',
  'new-shop': '新商铺',
  correction: '信息纠错',
} as const;
const CORRECTABLE: Record<string, readonly string[]> = {
  person: ['phone', 'kind', 'movedInOn', 'movedOutOn', 'name'],
  house: ['kind', 'ownerName', 'ownerPhone', 'note'],
  business: ['name', 'kind', 'licenceNo', 'keyPlace', 'contactName', 'contactPhone'],
};
const PERSONAL: Record<string, (s: string) => string> = {
  name: maskName,
  idNumber: maskIdNumber,
  phone: maskPhone,
  ownerName: maskName,
  ownerPhone: maskPhone,
  contactName: maskName,
  contactPhone: maskPhone,
};

/** What a collection carries, sealed as a whole (it names people). */
interface Payload {
  addressId: string | null;
  address: AddressDraft | null;
  addressLabel: string;
  person: PersonDraft | null;
  house: HouseDraft | null;
  business: BusinessDraft | null;
  correction: {
    recordKind: 'person' | 'house' | 'business';
    recordId: string;
    field: string;
    value: string;
  } | null;
  note: string | null;
}

export interface WorkerDirectory {
  findById(
    tenantCode: string,
    id: string,
  ): Promise<{ id: string; displayName: string; roles: string[]; orgId: string; status: string } | undefined>;
  inOrgs(
    tenantCode: string,
    orgIds: string[],
  ): Promise<{ id: string; displayName: string; roles: string[]; orgId: string; status: string }[]>;
}

/** Records collected and verified per community grid in [from, to): what grid statistics build on. */
export async function collectionCountsByGrid(
  db: Kysely<DB>,
  repo: RegistryRepo,
  tenantCode: string,
  range: { from: Date; to: Date },
): Promise<{ communityGridId: string | null; policeGridId: string; collected: number; verified: number }[]> {
  const rows = await repo.countsByGrid(db, tenantCode, range.from, range.to);
  const out = new Map<
    string,
    { communityGridId: string | null; policeGridId: string; collected: number; verified: number }
  >();
  for (const r of rows) {
    const key = `${r.police_grid_id}|${r.community_grid_id ?? ''}`;
    const e = out.get(key) ?? {
      communityGridId: r.community_grid_id,
      policeGridId: r.police_grid_id,
      collected: 0,
      verified: 0,
    };
    e.collected += Number(r.n);
    if (r.status === 'accepted') e.verified += Number(r.n);
    out.set(key, e);
  }
  return [...out.values()].sort((a, b) => (a.communityGridId ?? '').localeCompare(b.communityGridId ?? ''));
}

export function createCollectionsService(deps: {
  db: Kysely<DB>;
  repo: RegistryRepo;
  registry: RegistryService;
  audit: AuditService;
  crypto: FieldCrypto;
  clock: Clock;
  workers: WorkerDirectory;
}) {
  const { db, repo, registry, audit, crypto, clock, workers } = deps;

  const payloadOf = (r: CollectionRow): Payload | null =>
    r.payload ? (JSON.parse(crypto.decrypt(r.payload)) as Payload) : null;

  function fieldsOf(p: Payload | null): RegistryCollection['fields'] {
    if (!p) return [];
    const out: RegistryCollection['fields'] = [{ field: 'address', value: p.addressLabel }];
    const add = (o: object | null) => {
      for (const [k, v] of Object.entries(o ?? {})) {
        if (v === null || v === undefined || k === 'sex' || k === 'birthDate') continue;
        const s = String(v);
        out.push({ field: k, value: PERSONAL[k] ? PERSONAL[k](s) : s });
      }
    };
    add(p.person);
    add(p.house);
    add(p.business);
    if (p.correction) {
      out.push({ field: 'record', value: `${p.correction.recordKind} ${p.correction.recordId}` });
      const mask = PERSONAL[p.correction.field];
      out.push({ field: p.correction.field, value: mask ? mask(p.correction.value) : p.correction.value });
    }
    if (p.note) out.push({ field: 'note', value: p.note });
    return out;
  }

  function present(ctx: RegistryContext, r: CollectionRow): RegistryCollection {
    const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
    return {
      id: r.id,
      kind: r.kind,
      status: r.status,
      summary: r.summary,
      fields: fieldsOf(payloadOf(r)),
      location: r.lon !== null && r.lat !== null ? { lon: r.lon, lat: r.lat } : null,
      policeGridId: r.police_grid_id,
      policeGridName: ctx.dir.get(r.police_grid_id)?.name ?? '',
      communityGridId: r.community_grid_id,
      workerId: r.worker_id,
      workerName: r.worker_name,
      assignedBy: r.assigned_by,
      assignedNote: r.assigned_note,
      assignedAt: iso(r.assigned_at),
      submittedAt: iso(r.submitted_at),
      reviewerName: r.reviewer_name,
      reviewedAt: iso(r.reviewed_at),
      reviewReason: r.review_reason,
      recordKind: r.record_kind,
      recordId: r.record_id,
      demo: r.demo,
    };
  }

  const fail = (issues: FieldIssue[], prefix: string) =>
    new DomainError(
      'validation',
      'Invalid request',
      issues.map((i) => `${prefix}/${i.field}: ${i.message}`).join('; '),
      {},
      issues.map((i) => ({ path: `${prefix}/${i.field}`, message: i.message })),
    );

  /** Checks what the phone sent into a payload and the place it concerns. */
  async function check(principal: Principal, ctx: RegistryContext, body: RegistryCollectionBody) {
    const today = chinaDate(clock.now());
    const point = body.location ?? null;
    let address: AddressRow | null = null;
    let draft: AddressDraft | null = null;
    let policeGridId: string;
    let communityGridId: string | null;
    let label: string;
    const correction = body.correction ?? null;
    if (body.kind === 'correction') {
      if (!correction) throw invalid('/correction', 'say which record and field to correct');
      if (!CORRECTABLE[correction.recordKind]!.includes(correction.field))
        throw invalid('/correction/field', `one of ${CORRECTABLE[correction.recordKind]!.join(', ')}`);
      const row =
        correction.recordKind === 'person'
          ? await repo.person(db, principal.tenantCode, correction.recordId)
          : correction.recordKind === 'house'
            ? await repo.house(db, principal.tenantCode, correction.recordId)
            : await repo.business(db, principal.tenantCode, correction.recordId);
      if (!row || !mayReach(principal, ctx, row.police_grid_id))
        throw invalid('/correction/recordId', 'no such record in your grid');
      const at = await repo.address(db, principal.tenantCode, row.address_id);
      address = at ?? null;
      policeGridId = row.police_grid_id;
      communityGridId = row.community_grid_id;
      label = at?.label ?? '';
    } else if (body.addressId) {
      const at = await repo.address(db, principal.tenantCode, body.addressId);
      if (!at || !mayReach(principal, ctx, at.police_grid_id))
        throw invalid('/addressId', 'no such address in your grid');
      address = at;
      policeGridId = at.police_grid_id;
      communityGridId = at.community_grid_id;
      label = at.label;
    } else {
      if (!body.address) throw invalid('/address', 'give the address (road, door number …) or an addressId');
      // The village: as given, else the community grid's at the phone's point, else the worker's grid's first.
      const community = point ? communityGridAt(ctx, null, point.lon, point.lat) : null;
      const fallback = [...ctx.villages.values()].find((v) => v.gridId === principal.orgId)?.code;
      const divisionCode = body.address.divisionCode ?? community?.villageCode ?? fallback;
      const issues: FieldIssue[] = [];
      draft = checkAddress(
        { ...body.address, divisionCode, lon: point?.lon, lat: point?.lat },
        ctx.villageCodes,
        issues,
      );
      if (!draft) throw fail(issues, '/address');
      const place = placeOf(ctx, draft);
      if (!place) throw invalid('/address/divisionCode', 'the village lies in no police grid');
      const known = (await repo.addressesByKey(db, principal.tenantCode, [draft.key]))[0];
      policeGridId = known?.police_grid_id ?? place.policeGridId;
      communityGridId = known?.community_grid_id ?? place.communityGridId;
      label = known?.label ?? place.label;
    }
    if (!mayReach(principal, ctx, policeGridId))
      throw new DomainError('forbidden', 'Forbidden', 'the place lies outside your grid');
    const issues: FieldIssue[] = [];
    let person: PersonDraft | null = null;
    let house: HouseDraft | null = null;
    let business: BusinessDraft | null = null;
    if (body.kind === 'new-tenant') {
      if (!body.person) throw invalid('/person', 'the new tenant');
      person = checkPerson(body.person as Raw, today, issues);
      if (!person) throw fail(issues, '/person');
    } else if (body.kind === 'vacant-house') {
      house = checkHouse({ ...(body.house ?? {}), kind: 'vacant' } as Raw, issues);
      if (!house) throw fail(issues, '/house');
    } else if (body.kind === 'new-shop') {
      if (!body.business) throw invalid('/business', 'the new shop');
      business = checkBusiness(body.business as Raw, issues);
      if (!business) throw fail(issues, '/business');
    }
    const payload: Payload = {
      addressId: address?.id ?? null,
      address: draft,
      addressLabel: label,
      person,
      house,
      business,
      correction,
      note: body.note ?? null,
    };
    const summary =
      body.kind === 'new-shop'
        ? `${KIND_ZH[body.kind]} · ${business!.name} · ${BUSINESS_KIND_ZH[business!.kind]} · ${label}`
        : body.kind === 'correction'
          ? `${KIND_ZH[body.kind]} · ${correction!.recordKind} · ${correction!.field} · ${label}`
          : `${KIND_ZH[body.kind]} · ${label}`;
    return { payload, summary, policeGridId, communityGridId };
  }

  /** Writes an accepted collection into the registry; the record's kind and id. */
  async function apply(trx: Kysely<DB>, principal: Principal, ctx: RegistryContext, row: CollectionRow) {
    const p = payloadOf(row)!;
    const w = createWriter({
      trx,
      repo,
      crypto,
      ctx,
      principal,
      now: clock.now(),
      meta: {
        source: 'collection',
        collectionId: row.id,
        collector: row.worker_name,
        reviewer: principal.displayName || principal.username,
      },
    });
    const addressOf = async () => {
      if (p.addressId) return (await repo.address(trx, principal.tenantCode, p.addressId))!;
      return (await w.addresses([p.address!])).byKey.get(p.address!.key)!;
    };
    let result: { kind: string; id: string };
    if (row.kind === 'new-tenant') {
      const address = await addressOf();
      const old = (
        await repo.peopleByHash(trx, principal.tenantCode, [crypto.blindIndex(p.person!.idNumber)])
      )[0];
      if (old && !mayReach(principal, ctx, old.police_grid_id))
        throw conflict('this ID number is recorded in a grid outside your area');
      const [id] = await w.people([{ draft: { ...p.person!, kind: p.person!.kind }, address, old }]);
      // A tenant lives in a rented house: record the house when the address has none.
      if (!(await repo.housesByAddress(trx, principal.tenantCode, [address.id])).length)
        await w.houses([
          { draft: { kind: 'rented', ownerName: null, ownerPhone: null, note: null }, address },
        ]);
      result = { kind: 'person', id: id! };
    } else if (row.kind === 'vacant-house') {
      const address = await addressOf();
      const old = (await repo.housesByAddress(trx, principal.tenantCode, [address.id]))[0];
      const draft = old
        ? { ...decryptHouse(crypto, old), kind: 'vacant' as const, ...stripNull(p.house!) }
        : p.house!;
      const [id] = await w.houses([{ draft, address, old }]);
      result = { kind: 'house', id: id! };
    } else if (row.kind === 'new-shop') {
      const address = await addressOf();
      const b = p.business!;
      const old =
        (b.licenceNo
          ? (await repo.businessesByLicence(trx, principal.tenantCode, [b.licenceNo]))[0]
          : undefined) ??
        (await repo.businessesByAddress(trx, principal.tenantCode, [address.id])).find(
          (x) => x.name === b.name,
        );
      if (old && !mayReach(principal, ctx, old.police_grid_id))
        throw conflict('this 统一社会信用代码 belongs to a business outside your area');
      const [id] = await w.businesses([{ draft: b, address, old }]);
      result = { kind: 'business', id: id! };
    } else {
      const c = p.correction!;
      const issues: FieldIssue[] = [];
      const today = chinaDate(clock.now());
      if (c.recordKind === 'person') {
        const old = (await repo.person(trx, principal.tenantCode, c.recordId))!;
        const draft = checkPerson(
          { ...decryptPerson(crypto, old), [c.field]: c.value } as Raw,
          today,
          issues,
        );
        if (!draft) throw fail(issues, '/correction');
        const address = (await repo.address(trx, principal.tenantCode, old.address_id))!;
        await w.people([{ draft, address, old }]);
      } else if (c.recordKind === 'house') {
        const old = (await repo.house(trx, principal.tenantCode, c.recordId))!;
        const draft = checkHouse({ ...decryptHouse(crypto, old), [c.field]: c.value } as Raw, issues);
        if (!draft) throw fail(issues, '/correction');
        await w.houses([
          { draft, address: (await repo.address(trx, principal.tenantCode, old.address_id))!, old },
        ]);
      } else {
        const old = (await repo.business(trx, principal.tenantCode, c.recordId))!;
        const draft = checkBusiness({ ...decryptBusiness(crypto, old), [c.field]: c.value } as Raw, issues);
        if (!draft) throw fail(issues, '/correction');
        await w.businesses([
          { draft, address: (await repo.address(trx, principal.tenantCode, old.address_id))!, old },
        ]);
      }
      result = { kind: c.recordKind, id: c.recordId };
    }
    await w.flush();
    return result;
  }

  async function load(principal: Principal, ctx: RegistryContext, id: string) {
    const row = await repo.collection(db, principal.tenantCode, id);
    if (!row || !mayReach(principal, ctx, row.police_grid_id)) throw notFound('collection', id);
    return row;
  }

  return {
    /**
     * A collection from the phone. Its id is the phone's own: the same id again answers the collection as
     * it is (nothing applied twice); an id an officer assigned to this worker submits that task.
     */
    async submit(
      principal: Principal,
      body: RegistryCollectionBody,
    ): Promise<{ created: boolean; collection: RegistryCollection }> {
      requireRole(principal, COLLECT_ROLES, 'Collecting registry records');
      const ctx = await registry.contexts.context(principal.tenantCode);
      const existing = await repo.collection(db, principal.tenantCode, body.id);
      if (existing && existing.worker_id !== principal.userId)
        throw conflict('this collection id is taken by another collection');
      if (existing && existing.status !== 'assigned')
        return { created: false, collection: present(ctx, existing) };
      if (existing && existing.kind !== body.kind)
        throw invalid('/kind', `the assigned task is "${existing.kind}"`);
      const c = await check(principal, ctx, body);
      const now = clock.now();
      const columns = {
        summary: c.summary,
        payload: crypto.encrypt(JSON.stringify(c.payload)),
        lon: body.location?.lon ?? null,
        lat: body.location?.lat ?? null,
        police_grid_id: c.policeGridId,
        community_grid_id: c.communityGridId,
        station_id: ctx.dir.get(c.policeGridId)?.parentId ?? null,
        submitted_at: now,
      };
      await db.transaction().execute(async (trx) => {
        if (existing) {
          const n = await repo.updateCollection(trx, principal.tenantCode, body.id, 'assigned', {
            ...columns,
            status: 'submitted',
          });
          if (n === 0) throw conflict('the task was changed meanwhile');
        } else
          await repo.insertCollection(trx, {
            tenant_code: principal.tenantCode,
            id: body.id,
            kind: body.kind,
            status: 'submitted',
            ...columns,
            worker_id: principal.userId,
            worker_name: principal.displayName || principal.username,
            created_at: now,
          });
        await audit.write(trx, principal, {
          action: 'registry.collection.submit',
          resource: 'registry-collection',
          resourceId: body.id,
          detail: { kind: body.kind, grid: c.policeGridId, assigned: !!existing },
        });
      });
      return {
        created: !existing,
        collection: present(ctx, (await repo.collection(db, principal.tenantCode, body.id))!),
      };
    },

    async assign(principal: Principal, body: RegistryAssignBody): Promise<RegistryCollection> {
      requireRole(principal, REVIEW_ROLES, 'Assigning collection tasks');
      const ctx = await registry.contexts.context(principal.tenantCode);
      const worker = await workers.findById(principal.tenantCode, body.workerId);
      if (
        !worker?.roles.includes('grid-worker') ||
        worker.status !== 'active' ||
        ctx.dir.get(worker.orgId)?.kind !== 'grid'
      )
        throw invalid('/workerId', 'no active grid worker with this id');
      if (!mayReach(principal, ctx, worker.orgId))
        throw invalid('/workerId', 'the grid worker works outside your area');
      let label = '';
      if (body.addressId) {
        const a = await repo.address(db, principal.tenantCode, body.addressId);
        if (!a || a.police_grid_id !== worker.orgId)
          throw invalid('/addressId', "no such address in the worker's grid");
        label = ` · ${a.label}`;
      }
      const id = randomUUID();
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await repo.insertCollection(trx, {
          tenant_code: principal.tenantCode,
          id,
          kind: body.kind,
          status: 'assigned',
          summary: `${KIND_ZH[body.kind]}${label} · ${body.note}`,
          payload: body.addressId
            ? crypto.encrypt(JSON.stringify({ addressId: body.addressId, addressLabel: label.slice(3) }))
            : null,
          police_grid_id: worker.orgId,
          community_grid_id: null,
          station_id: ctx.dir.get(worker.orgId)?.parentId ?? null,
          worker_id: worker.id,
          worker_name: worker.displayName,
          assigned_by: principal.displayName || principal.username,
          assigned_note: body.note,
          assigned_at: now,
          created_at: now,
        });
        await audit.write(trx, principal, {
          action: 'registry.collection.assign',
          resource: 'registry-collection',
          resourceId: id,
          detail: { kind: body.kind, workerId: worker.id },
        });
      });
      return present(ctx, (await repo.collection(db, principal.tenantCode, id))!);
    },

    async review(principal: Principal, id: string, body: RegistryReviewBody): Promise<RegistryCollection> {
      requireRole(principal, REVIEW_ROLES, 'Reviewing collections');
      const ctx = await registry.contexts.context(principal.tenantCode);
      const row = await load(principal, ctx, id);
      if (row.status !== 'submitted')
        throw conflict(`the collection is "${row.status}": only a submitted one is reviewed`);
      const reason = body.reason?.trim() || null;
      if (body.decision === 'reject' && (!reason || reason.length < 2))
        throw invalid('/reason', 'say why it is rejected');
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const record = body.decision === 'accept' ? await apply(trx, principal, ctx, row) : null;
        const n = await repo.updateCollection(trx, principal.tenantCode, id, 'submitted', {
          status: body.decision === 'accept' ? 'accepted' : 'rejected',
          reviewer_id: principal.userId,
          reviewer_name: principal.displayName || principal.username,
          reviewed_at: now,
          review_reason: reason,
          record_kind: record?.kind ?? null,
          record_id: record?.id ?? null,
        });
        if (n === 0) throw conflict('the collection was reviewed meanwhile');
        await audit.write(trx, principal, {
          action: `registry.collection.${body.decision}`,
          resource: 'registry-collection',
          resourceId: id,
          detail: { kind: row.kind, worker: row.worker_id, record: record ?? null },
        });
      });
      return present(ctx, (await repo.collection(db, principal.tenantCode, id))!);
    },

    async list(principal: Principal, q: RegistryCollectionQuery): Promise<RegistryCollectionList> {
      requireRole(principal, READ_ROLES, 'Reading collections');
      const ctx = await registry.contexts.context(principal.tenantCode);
      if (q.view === 'review') requireRole(principal, REVIEW_ROLES, 'Reviewing collections');
      const r = await repo.listCollections(
        db,
        principal.tenantCode,
        {
          gridIds: gridScope(principal, ctx.dir),
          ...(q.view === 'mine' ? { workerId: principal.userId } : {}),
          ...(q.view === 'review' ? { statuses: ['submitted'] } : q.status ? { statuses: [q.status] } : {}),
        },
        q.pageSize,
        (q.page - 1) * q.pageSize,
      );
      await audit.record(principal, {
        action: 'registry.collections.read',
        resource: 'registry-collection',
        resourceId: null,
        detail: { view: q.view, shown: r.items.length, masked: true },
      });
      return { items: r.items.map((c) => present(ctx, c)), total: r.total };
    },

    async stats(principal: Principal, q: RegistryCollectionStatsQuery): Promise<RegistryCollectionStats> {
      requireRole(principal, READ_ROLES, 'Reading collection statistics');
      const ctx = await registry.contexts.context(principal.tenantCode);
      const rows = await repo.collectionStats(db, principal.tenantCode, {
        gridIds: gridScope(principal, ctx.dir),
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
      });
      const by = new Map<string, RegistryCollectionStats['items'][number]>();
      for (const r of rows) {
        const e = by.get(r.worker_id) ?? {
          workerId: r.worker_id,
          workerName: r.worker_name,
          collected: 0,
          accepted: 0,
          rejected: 0,
          pending: 0,
        };
        const n = Number(r.n);
        if (r.status !== 'assigned') e.collected += n;
        if (r.status === 'accepted') e.accepted += n;
        if (r.status === 'rejected') e.rejected += n;
        if (r.status === 'submitted' || r.status === 'assigned') e.pending += n;
        by.set(r.worker_id, e);
      }
      const items = [...by.values()].sort(
        (a, b) => b.collected - a.collected || a.workerName.localeCompare(b.workerName),
      );
      return { items, total: items.length };
    },

    async workers(principal: Principal): Promise<RegistryWorkerList> {
      requireRole(principal, REVIEW_ROLES, 'Assigning collection tasks');
      const ctx = await registry.contexts.context(principal.tenantCode);
      const grids = gridScope(principal, ctx.dir) ?? ctx.dir.ofKind('grid').map((g) => g.id);
      const users = await workers.inOrgs(principal.tenantCode, grids);
      const items = users
        .filter((u) => u.roles.includes('grid-worker') && u.status === 'active')
        .map((u) => ({ id: u.id, name: u.displayName, policeGridId: u.orgId }));
      return { items, total: items.length };
    },

    /** Records collected (submitted, whatever became of them) and verified (accepted) per community grid in [from, to). */
    collectionCountsByGrid(tenantCode: string, range: { from: Date; to: Date }) {
      return collectionCountsByGrid(db, repo, tenantCode, range);
    },
  };
}
export type CollectionsService = ReturnType<typeof createCollectionsService>;

function stripNull<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null)) as Partial<T>;
}
