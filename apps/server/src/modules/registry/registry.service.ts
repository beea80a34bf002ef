import type {
  RegistryAddress,
  RegistryAddressBody,
  RegistryAddressDetail,
  RegistryAddressList,
  RegistryAddressPatch,
  RegistryBusiness,
  RegistryBusinessBody,
  RegistryBusinessList,
  RegistryBusinessPatch,
  RegistryHistory,
  RegistryHouse,
  RegistryHouseBody,
  RegistryHouseList,
  RegistryHousePatch,
  RegistryImportProblem,
  RegistryImportResult,
  RegistryKind,
  RegistryListQuery,
  RegistryPerson,
  RegistryPersonBody,
  RegistryPersonList,
  RegistryPersonPatch,
  RegistryRevealBody,
  RegistryRevealed,
} from '@ronghui/contracts';
import { chinaDate } from '@ronghui/geo';
import { normalizeIdNumber } from '@ronghui/ids';
import type { Kysely } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { conflict, DomainError, invalid, notFound } from '../../platform/http/errors.ts';
import type { FieldCrypto } from '../../platform/privacy/field-crypto.ts';
import type { Privacy } from '../../platform/privacy/privacy.ts';
import type { GridsRepo } from '../grids/index.ts';
import type { OrgsService } from '../orgs/index.ts';
import {
  changesOf,
  createContextLoader,
  gridScope,
  mayReach,
  placeOf,
  presentAddress,
  presentBusiness,
  presentHistory,
  presentHouse,
  presentPerson,
  type RegistryContext,
} from './registry-context.ts';
import { readSheet } from './registry-files.ts';
import {
  type AddressDraft,
  type BusinessDraft,
  checkAddress,
  checkBusiness,
  checkHouse,
  checkPerson,
  type FieldIssue,
  type HouseDraft,
  headerOf,
  type PersonDraft,
  type Raw,
  rowsOf,
  type SheetRow,
} from './registry-rules.ts';
import {
  addressView,
  createWriter,
  decryptBusiness,
  decryptHouse,
  decryptPerson,
  type WriteMeta,
} from './registry-writer.ts';
import type { AddressRow, BusinessRow, HouseRow, PersonRow, RegistryRepo } from './registry.repo.ts';

export const READ_ROLES: readonly Role[] = READ_ACCESS.registry;
/** Recording and correcting: the grid worker in their grid, the station, the command. */
export const WRITE_ROLES: readonly Role[] = ['grid-worker', 'officer', 'auxiliary', 'commander'];
/** Importing files is the station's and the command's work. */
export const IMPORT_ROLES: readonly Role[] = ['officer', 'auxiliary', 'commander'];

const MAX_LISTED_PROBLEMS = 1_000;

export interface RegistryDeps {
  db: Kysely<DB>;
  repo: RegistryRepo;
  grids: GridsRepo;
  orgs: OrgsService;
  audit: AuditService;
  privacy: Privacy;
  crypto: FieldCrypto;
  clock: Clock;
}

const like = (q: string | undefined) => (q ? `%${q.replace(/[%_\\]/g, '')}%` : undefined);
const looksLikeId = (q: string | undefined) => !!q && /^\d{17}[\dXx]$/.test(q.trim());

/** A 400 naming every field (paths `/field`). */
function invalidFields(issues: FieldIssue[], prefix = ''): DomainError {
  return new DomainError(
    'validation',
    'Invalid request',
    issues.map((i) => `${prefix}/${i.field}: ${i.message}`).join('; '),
    {},
    issues.map((i) => ({ path: `${prefix}/${i.field}`, message: i.message })),
  );
}

export function createRegistryService(deps: RegistryDeps) {
  const { db, repo, audit, privacy, crypto, clock } = deps;
  const contexts = createContextLoader({ db, repo, grids: deps.grids, orgs: deps.orgs });

  async function readCtx(principal: Principal, what: string) {
    requireRole(principal, READ_ROLES, what);
    return contexts.context(principal.tenantCode);
  }

  /** A record's grid the caller may not reach is "not found", as elsewhere. */
  function reachable<T extends { police_grid_id: string }>(
    principal: Principal,
    ctx: RegistryContext,
    row: T | undefined,
    what: string,
    id: string,
  ): T {
    if (!row || !mayReach(principal, ctx, row.police_grid_id)) throw notFound(what, id);
    return row;
  }

  async function addressRow(principal: Principal, ctx: RegistryContext, id: string, path = '/addressId') {
    const row = await repo.address(db, principal.tenantCode, id);
    if (!row || !mayReach(principal, ctx, row.police_grid_id))
      throw invalid(path, `no address "${id}" in your area`);
    return row;
  }

  const withLabel = async <T extends { address_id: string }>(tenant: string, rows: T[]) => {
    const labels = new Map(
      (await repo.addressesById(db, tenant, [...new Set(rows.map((r) => r.address_id))])).map((a) => [
        a.id,
        a.label,
      ]),
    );
    return rows.map((r) => ({ ...r, address_label: labels.get(r.address_id) ?? '' }));
  };

  async function personOut(principal: Principal, ctx: RegistryContext, id: string): Promise<RegistryPerson> {
    const row = (await repo.person(db, principal.tenantCode, id))!;
    return presentPerson(ctx, crypto, (await withLabel(principal.tenantCode, [row]))[0]!);
  }
  async function houseOut(principal: Principal, ctx: RegistryContext, id: string): Promise<RegistryHouse> {
    const r = await repo.listHouses(
      db,
      principal.tenantCode,
      { addressId: (await repo.house(db, principal.tenantCode, id))!.address_id },
      1,
      0,
    );
    return presentHouse(ctx, crypto, r.items[0]!);
  }
  async function businessOut(
    principal: Principal,
    ctx: RegistryContext,
    id: string,
  ): Promise<RegistryBusiness> {
    const row = (await repo.business(db, principal.tenantCode, id))!;
    return presentBusiness(ctx, crypto, (await withLabel(principal.tenantCode, [row]))[0]!);
  }

  /** One write in its transaction, its history and its audit record. */
  async function write<T>(
    principal: Principal,
    ctx: RegistryContext,
    meta: WriteMeta,
    audited: { action: string; resource: string; detail?: Record<string, unknown> },
    run: (w: ReturnType<typeof createWriter>, trx: Kysely<DB>) => Promise<T>,
  ): Promise<T> {
    return db.transaction().execute(async (trx) => {
      const w = createWriter({ trx, repo, crypto, ctx, principal, meta, now: clock.now() });
      const out = await run(w, trx);
      await w.flush();
      await audit.write(trx, principal, {
        action: audited.action,
        resource: audited.resource,
        resourceId: typeof out === 'string' ? out : null,
        detail: audited.detail ?? {},
      });
      return out;
    });
  }

  /** Checks an address draft and that it lies in the caller's area. */
  function placeDraft(principal: Principal, ctx: RegistryContext, raw: Raw, prefix = ''): AddressDraft {
    const issues: FieldIssue[] = [];
    const draft = checkAddress(raw, ctx.villageCodes, issues);
    if (!draft) throw invalidFields(issues, prefix);
    const place = placeOf(ctx, draft);
    if (!place) throw invalid(`${prefix}/divisionCode`, 'the village lies in no police grid');
    if (!mayReach(principal, ctx, place.policeGridId))
      throw new DomainError('forbidden', 'Forbidden', 'the address lies outside your area');
    return draft;
  }

  async function existingByIdNumber(tenant: string, idNumber: string) {
    return (await repo.peopleByHash(db, tenant, [crypto.blindIndex(idNumber)]))[0];
  }

  /** Applies a person draft at an address (create, or update the one with that ID number). */
  async function savePerson(
    principal: Principal,
    ctx: RegistryContext,
    w: ReturnType<typeof createWriter>,
    draft: PersonDraft,
    address: AddressRow,
    old?: PersonRow,
  ) {
    if (old && !mayReach(principal, ctx, old.police_grid_id))
      throw conflict('this ID number is recorded in a grid outside your area');
    return (await w.people([{ draft, address, old }]))[0]!;
  }

  return {
    contexts,
    savePerson,
    placeDraft,
    existingByIdNumber,
    write,

    // ── lists and reads ──
    async listAddresses(principal: Principal, q: RegistryListQuery): Promise<RegistryAddressList> {
      const ctx = await readCtx(principal, 'Reading the registry');
      const r = await repo.listAddresses(
        db,
        principal.tenantCode,
        { ...filterOf(principal, ctx, q) },
        q.pageSize,
        (q.page - 1) * q.pageSize,
      );
      return { items: r.items.map((a) => presentAddress(ctx, a)), total: r.total };
    },
    async listPeople(principal: Principal, q: RegistryListQuery): Promise<RegistryPersonList> {
      const ctx = await readCtx(principal, 'Reading the registry');
      const f = filterOf(principal, ctx, q);
      if (looksLikeId(q.q)) {
        f.like = undefined;
        f.idHash = crypto.blindIndex(normalizeIdNumber(q.q!));
      }
      const r = await repo.listPeople(db, principal.tenantCode, f, q.pageSize, (q.page - 1) * q.pageSize);
      await audit.record(principal, {
        action: 'registry.people.read',
        resource: 'registry-person',
        resourceId: null,
        detail: { shown: r.items.length, total: r.total, byIdNumber: !!f.idHash, masked: true },
      });
      return { items: r.items.map((p) => presentPerson(ctx, crypto, p)), total: r.total };
    },
    async listHouses(principal: Principal, q: RegistryListQuery): Promise<RegistryHouseList> {
      const ctx = await readCtx(principal, 'Reading the registry');
      const r = await repo.listHouses(
        db,
        principal.tenantCode,
        filterOf(principal, ctx, q),
        q.pageSize,
        (q.page - 1) * q.pageSize,
      );
      return { items: r.items.map((h) => presentHouse(ctx, crypto, h)), total: r.total };
    },
    async listBusinesses(principal: Principal, q: RegistryListQuery): Promise<RegistryBusinessList> {
      const ctx = await readCtx(principal, 'Reading the registry');
      const r = await repo.listBusinesses(
        db,
        principal.tenantCode,
        filterOf(principal, ctx, q),
        q.pageSize,
        (q.page - 1) * q.pageSize,
      );
      return { items: r.items.map((b) => presentBusiness(ctx, crypto, b)), total: r.total };
    },
    async addressDetail(principal: Principal, id: string): Promise<RegistryAddressDetail> {
      const ctx = await readCtx(principal, 'Reading the registry');
      const a = reachable(principal, ctx, await repo.address(db, principal.tenantCode, id), 'address', id);
      const f = { addressId: id };
      const [people, houses, businesses] = await Promise.all([
        repo.listPeople(db, principal.tenantCode, f, 500, 0),
        repo.listHouses(db, principal.tenantCode, f, 500, 0),
        repo.listBusinesses(db, principal.tenantCode, f, 500, 0),
      ]);
      await audit.record(principal, {
        action: 'registry.address.read',
        resource: 'registry-address',
        resourceId: id,
        detail: { people: people.total, masked: true },
      });
      return {
        address: presentAddress(ctx, a),
        people: people.items.map((p) => presentPerson(ctx, crypto, p)),
        houses: houses.items.map((h) => presentHouse(ctx, crypto, h)),
        businesses: businesses.items.map((b) => presentBusiness(ctx, crypto, b)),
      };
    },
    async history(principal: Principal, kind: RegistryKind, id: string): Promise<RegistryHistory> {
      const ctx = await readCtx(principal, 'Reading the registry');
      const rk = RECORD_KIND[kind];
      reachable(principal, ctx, await rowOf(principal.tenantCode, kind, id), rk, id);
      const rows = await repo.history(db, principal.tenantCode, rk, id);
      if (kind === 'people')
        await audit.record(principal, {
          action: 'registry.history.read',
          resource: 'registry-person',
          resourceId: id,
          detail: { entries: rows.length },
        });
      return { items: rows.map(presentHistory), total: rows.length };
    },
    async reveal(
      principal: Principal,
      kind: RegistryKind,
      id: string,
      body: RegistryRevealBody,
    ): Promise<RegistryRevealed> {
      const resource = `registry-${RECORD_KIND[kind]}`;
      requireRole(principal, READ_ROLES, 'Reading the registry');
      await privacy.requireUnmaskRole(principal, {
        resource,
        resourceId: id,
        field: body.field,
        reason: body.reason,
      });
      const ctx = await contexts.context(principal.tenantCode);
      const row = reachable(
        principal,
        ctx,
        await rowOf(principal.tenantCode, kind, id),
        RECORD_KIND[kind],
        id,
      );
      const allowed = REVEALABLE[kind];
      if (!allowed.includes(body.field))
        throw invalid('/field', `a ${RECORD_KIND[kind]} has no personal field "${body.field}"`);
      const values: Record<string, string | null> =
        kind === 'people'
          ? { ...decryptPerson(crypto, row as PersonRow) }
          : kind === 'houses'
            ? { ...decryptHouse(crypto, row as HouseRow) }
            : ({ ...decryptBusiness(crypto, row as BusinessRow) } as unknown as Record<
                string,
                string | null
              >);
      const value = values[body.field] ?? null;
      if (!value)
        throw new DomainError('unprocessable', 'Nothing to reveal', `the record has no ${body.field}`);
      const kindOf = body.field === 'idNumber' ? 'id-number' : /phone/i.test(body.field) ? 'phone' : 'name';
      const revealed = await privacy.reveal(principal, {
        resource,
        resourceId: id,
        field: body.field,
        kind: kindOf,
        value,
        reason: body.reason,
      });
      return { field: body.field, value: revealed };
    },

    // ── writes ──
    async createAddress(principal: Principal, body: RegistryAddressBody): Promise<RegistryAddress> {
      requireRole(principal, WRITE_ROLES, 'Recording addresses');
      const ctx = await contexts.context(principal.tenantCode);
      const { location, ...parts } = body;
      const raw: Raw = { ...parts, lon: location?.lon, lat: location?.lat };
      const draft = placeDraft(principal, ctx, raw);
      if ((await repo.addressesByKey(db, principal.tenantCode, [draft.key])).length)
        throw conflict('this address is recorded already (the same normalised address)', { key: draft.key });
      const row = await write(
        principal,
        ctx,
        { source: 'console' },
        { action: 'registry.address.create', resource: 'registry-address' },
        async (w) => (await w.addresses([draft])).byKey.get(draft.key)!,
      );
      return presentAddress(ctx, row);
    },
    async updateAddress(
      principal: Principal,
      id: string,
      patch: RegistryAddressPatch,
    ): Promise<RegistryAddress> {
      requireRole(principal, WRITE_ROLES, 'Correcting addresses');
      const ctx = await contexts.context(principal.tenantCode);
      const old = reachable(principal, ctx, await repo.address(db, principal.tenantCode, id), 'address', id);
      const raw: Raw = {
        divisionCode: patch.divisionCode ?? old.division_code,
        road: patch.road === undefined ? old.road : patch.road,
        doorNo: patch.doorNo === undefined ? old.door_no : patch.doorNo,
        building: patch.building === undefined ? old.building : patch.building,
        unit: patch.unit === undefined ? old.unit : patch.unit,
        room: patch.room === undefined ? old.room : patch.room,
        lon: patch.location === undefined ? old.lon : patch.location?.lon,
        lat: patch.location === undefined ? old.lat : patch.location?.lat,
      };
      const draft = placeDraft(principal, ctx, raw);
      const clash = (await repo.addressesByKey(db, principal.tenantCode, [draft.key]))[0];
      if (clash && clash.id !== id)
        throw conflict('another address has this normalised form', { addressId: clash.id });
      const place = placeOf(ctx, draft)!;
      await db.transaction().execute(async (trx) => {
        const now = clock.now();
        const next = {
          tenant_code: old.tenant_code,
          id,
          division_code: draft.divisionCode,
          township_code: place.townshipCode,
          road: draft.road,
          door_no: draft.doorNo,
          building: draft.building,
          unit: draft.unit,
          room: draft.room,
          label: place.label,
          addr_key: draft.key,
          lon: draft.lon,
          lat: draft.lat,
          police_grid_id: place.policeGridId,
          community_grid_id: place.communityGridId,
          station_id: place.stationId,
          updated_at: now,
        };
        await repo.bulkUpdate(trx, 'registry_addresses', [next]);
        const changes = changesOf(addressView(old), addressView(next));
        if (changes.length)
          await repo.insertHistory(trx, [
            {
              tenant_code: old.tenant_code,
              record_kind: 'address',
              record_id: id,
              at: now,
              action: 'updated',
              actor_id: principal.userId,
              actor: principal.displayName || principal.username,
              source: 'console',
              collection_id: null,
              collector: null,
              reviewer: null,
              changes: JSON.stringify(changes),
            },
          ]);
        await audit.write(trx, principal, {
          action: 'registry.address.update',
          resource: 'registry-address',
          resourceId: id,
          detail: { fields: changes.map((c) => c.field) },
        });
      });
      return presentAddress(ctx, (await repo.address(db, principal.tenantCode, id))!);
    },

    async createPerson(principal: Principal, body: RegistryPersonBody): Promise<RegistryPerson> {
      requireRole(principal, WRITE_ROLES, 'Recording people');
      const ctx = await contexts.context(principal.tenantCode);
      const address = await addressRow(principal, ctx, body.addressId);
      const draft = personDraft(body as Raw);
      const old = await existingByIdNumber(principal.tenantCode, draft.idNumber);
      if (old)
        throw conflict('a person with this ID number is recorded already: correct that record', {
          personId: old.id,
        });
      const id = await write(
        principal,
        ctx,
        { source: 'console' },
        { action: 'registry.person.create', resource: 'registry-person' },
        (w) => savePerson(principal, ctx, w, draft, address),
      );
      return personOut(principal, ctx, id);
    },
    async updatePerson(
      principal: Principal,
      id: string,
      patch: RegistryPersonPatch,
    ): Promise<RegistryPerson> {
      requireRole(principal, WRITE_ROLES, 'Correcting people');
      const ctx = await contexts.context(principal.tenantCode);
      const old = reachable(principal, ctx, await repo.person(db, principal.tenantCode, id), 'person', id);
      const cur = decryptPerson(crypto, old);
      const raw: Raw = {
        ...cur,
        kind: cur.kind,
        ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
      };
      const draft = personDraft(raw);
      const address = await addressRow(principal, ctx, patch.addressId ?? old.address_id);
      if (draft.idNumber !== cur.idNumber) {
        const other = await existingByIdNumber(principal.tenantCode, draft.idNumber);
        if (other && other.id !== id)
          throw conflict('another person has this ID number', { personId: other.id });
      }
      await write(
        principal,
        ctx,
        { source: 'console' },
        {
          action: 'registry.person.update',
          resource: 'registry-person',
          detail: { fields: Object.keys(patch) },
        },
        (w) => w.people([{ draft, address, old }]).then((ids) => ids[0]!),
      );
      return personOut(principal, ctx, id);
    },

    async createHouse(principal: Principal, body: RegistryHouseBody): Promise<RegistryHouse> {
      requireRole(principal, WRITE_ROLES, 'Recording houses');
      const ctx = await contexts.context(principal.tenantCode);
      const address = await addressRow(principal, ctx, body.addressId);
      const draft = houseDraft(body as Raw);
      if ((await repo.housesByAddress(db, principal.tenantCode, [address.id])).length)
        throw conflict('the house at this address is recorded already: correct that record');
      const id = await write(
        principal,
        ctx,
        { source: 'console' },
        { action: 'registry.house.create', resource: 'registry-house' },
        (w) => w.houses([{ draft, address }]).then((ids) => ids[0]!),
      );
      return houseOut(principal, ctx, id);
    },
    async updateHouse(principal: Principal, id: string, patch: RegistryHousePatch): Promise<RegistryHouse> {
      requireRole(principal, WRITE_ROLES, 'Correcting houses');
      const ctx = await contexts.context(principal.tenantCode);
      const old = reachable(principal, ctx, await repo.house(db, principal.tenantCode, id), 'house', id);
      if (patch.addressId && patch.addressId !== old.address_id)
        throw invalid('/addressId', 'a house stays at its address');
      const draft = houseDraft({
        ...decryptHouse(crypto, old),
        ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
      } as Raw);
      const address = await addressRow(principal, ctx, old.address_id);
      await write(
        principal,
        ctx,
        { source: 'console' },
        {
          action: 'registry.house.update',
          resource: 'registry-house',
          detail: { fields: Object.keys(patch) },
        },
        (w) => w.houses([{ draft, address, old }]).then((ids) => ids[0]!),
      );
      return houseOut(principal, ctx, id);
    },

    async createBusiness(principal: Principal, body: RegistryBusinessBody): Promise<RegistryBusiness> {
      requireRole(principal, WRITE_ROLES, 'Recording businesses');
      const ctx = await contexts.context(principal.tenantCode);
      const address = await addressRow(principal, ctx, body.addressId);
      const draft = businessDraft(body as Raw);
      if (
        draft.licenceNo &&
        (await repo.businessesByLicence(db, principal.tenantCode, [draft.licenceNo])).length
      )
        throw conflict('a business with this 统一社会信用代码 is recorded already');
      const id = await write(
        principal,
        ctx,
        { source: 'console' },
        { action: 'registry.business.create', resource: 'registry-business' },
        (w) => w.businesses([{ draft, address }]).then((ids) => ids[0]!),
      );
      return businessOut(principal, ctx, id);
    },
    async updateBusiness(
      principal: Principal,
      id: string,
      patch: RegistryBusinessPatch,
    ): Promise<RegistryBusiness> {
      requireRole(principal, WRITE_ROLES, 'Correcting businesses');
      const ctx = await contexts.context(principal.tenantCode);
      const old = reachable(
        principal,
        ctx,
        await repo.business(db, principal.tenantCode, id),
        'business',
        id,
      );
      const draft = businessDraft({
        ...decryptBusiness(crypto, old),
        ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
      } as Raw);
      if (draft.licenceNo && draft.licenceNo !== old.licence_no) {
        const other = (await repo.businessesByLicence(db, principal.tenantCode, [draft.licenceNo]))[0];
        if (other && other.id !== id) throw conflict('another business has this 统一社会信用代码');
      }
      const address = await addressRow(principal, ctx, patch.addressId ?? old.address_id);
      await write(
        principal,
        ctx,
        { source: 'console' },
        {
          action: 'registry.business.update',
          resource: 'registry-business',
          detail: { fields: Object.keys(patch) },
        },
        (w) => w.businesses([{ draft, address, old }]).then((ids) => ids[0]!),
      );
      return businessOut(principal, ctx, id);
    },

    /** Rows already read (the demo's generated records go through the same checks and writes). */
    importRows(principal: Principal, kind: RegistryKind, sheet: SheetRow[], meta: WriteMeta) {
      requireRole(principal, IMPORT_ROLES, 'Importing registry records');
      return importSheet(principal, kind, sheet, meta);
    },

    // ── import ──
    async importFile(
      principal: Principal,
      kind: RegistryKind,
      bytes: Uint8Array,
    ): Promise<RegistryImportResult> {
      requireRole(principal, IMPORT_ROLES, 'Importing registry files');
      if (!bytes?.length) throw invalid('/file', 'the file is empty');
      let sheet: SheetRow[];
      try {
        sheet = await readSheet(bytes);
      } catch (error) {
        throw invalid('/file', `not a readable XLSX or CSV file (${(error as Error).message.slice(0, 80)})`);
      }
      return importSheet(principal, kind, sheet, { source: 'import' });
    },
  };

  function filterOf(principal: Principal, ctx: RegistryContext, q: RegistryListQuery) {
    return {
      gridIds: gridScope(principal, ctx.dir),
      policeGridId: q.policeGridId,
      communityGridId: q.communityGridId,
      addressId: q.addressId,
      kind: q.kind,
      like: like(q.q),
      idHash: undefined as string | undefined,
    };
  }

  function personDraft(raw: Raw, prefix = ''): PersonDraft {
    const issues: FieldIssue[] = [];
    const d = checkPerson(raw, chinaDate(clock.now()), issues);
    if (!d) throw invalidFields(issues, prefix);
    return d;
  }
  function houseDraft(raw: Raw, prefix = ''): HouseDraft {
    const issues: FieldIssue[] = [];
    const d = checkHouse(raw, issues);
    if (!d) throw invalidFields(issues, prefix);
    return d;
  }
  function businessDraft(raw: Raw, prefix = ''): BusinessDraft {
    const issues: FieldIssue[] = [];
    const d = checkBusiness(raw, issues);
    if (!d) throw invalidFields(issues, prefix);
    return d;
  }

  async function rowOf(tenant: string, kind: RegistryKind, id: string) {
    switch (kind) {
      case 'addresses':
        return repo.address(db, tenant, id);
      case 'people':
        return repo.person(db, tenant, id);
      case 'houses':
        return repo.house(db, tenant, id);
      case 'businesses':
        return repo.business(db, tenant, id);
    }
  }

  /**
   * A file's rows: each checked (bad rows reported by line and field and left out), addresses found by
   * their normalised key or created, people by ID number, houses by address, businesses by credit code
   * (else name at the address) — updated when found, created otherwise — all in one transaction.
   */
  async function importSheet(
    principal: Principal,
    kind: RegistryKind,
    sheet: SheetRow[],
    meta: WriteMeta,
  ): Promise<RegistryImportResult> {
    const tenant = principal.tenantCode;
    const ctx = await contexts.context(tenant);
    const today = chinaDate(clock.now());
    const { rows, problems } = rowsOf(kind, sheet);
    if (problems.length)
      return { kind, rows: 0, created: 0, updated: 0, rejected: 0, addressesCreated: 0, errors: problems };
    const bad = new Map<number, RegistryImportProblem[]>();
    const reject = (line: number, field: string, message: string) =>
      bad.set(line, [...(bad.get(line) ?? []), { line, field: headerOf(kind, field), message }]);

    type Good = {
      line: number;
      address: AddressDraft;
      person?: PersonDraft;
      house?: HouseDraft;
      business?: BusinessDraft;
    };
    const good: Good[] = [];
    for (const { line, raw } of rows) {
      const issues: FieldIssue[] = [];
      const address = checkAddress(raw, ctx.villageCodes, issues);
      const g: Good = { line, address: address! };
      if (kind === 'people') g.person = checkPerson(raw, today, issues) ?? undefined;
      if (kind === 'houses') g.house = checkHouse(raw, issues) ?? undefined;
      if (kind === 'businesses') g.business = checkBusiness(raw, issues) ?? undefined;
      for (const i of issues) reject(line, i.field, i.message);
      if (!issues.length) good.push(g);
    }
    // Where each address lies (existing: as recorded), and that the importer may write there.
    const existing = new Map(
      (await repo.addressesByKey(db, tenant, [...new Set(good.map((g) => g.address.key))])).map((a) => [
        a.addr_key,
        a,
      ]),
    );
    let usable = good.filter((g) => {
      const grid = existing.get(g.address.key)?.police_grid_id ?? placeOf(ctx, g.address)?.policeGridId;
      if (!grid) reject(g.line, 'divisionCode', 'the village lies in no police grid');
      else if (!mayReach(principal, ctx, grid))
        reject(g.line, 'divisionCode', 'the address lies outside your area');
      else return true;
      return false;
    });
    const firstLine = new Map<string, number>();
    const once = (g: Good, key: string, field: string, what: string) => {
      const seen = firstLine.get(key);
      if (seen !== undefined) {
        reject(g.line, field, `the same ${what} as line ${seen}`);
        return false;
      }
      firstLine.set(key, g.line);
      return true;
    };
    let oldPeople = new Map<string, PersonRow>();
    let oldHouses = new Map<string, HouseRow>();
    let oldBusinesses = new Map<string, BusinessRow>();
    if (kind === 'people') {
      usable = usable.filter((g) => once(g, g.person!.idNumber, 'idNumber', 'ID number'));
      const hashes = usable.map((g) => crypto.blindIndex(g.person!.idNumber));
      oldPeople = new Map((await repo.peopleByHash(db, tenant, hashes)).map((p) => [p.id_hash, p]));
      usable = usable.filter((g, i) => {
        const old = oldPeople.get(hashes[i]!);
        if (old && !mayReach(principal, ctx, old.police_grid_id)) {
          reject(g.line, 'idNumber', 'this person is recorded in a grid outside your area');
          return false;
        }
        return true;
      });
    }
    if (kind === 'houses') usable = usable.filter((g) => once(g, g.address.key, 'room', 'address'));
    if (kind === 'businesses')
      usable = usable.filter((g) =>
        once(
          g,
          g.business!.licenceNo ?? `${g.address.key}#${g.business!.name}`,
          g.business!.licenceNo ? 'licenceNo' : 'name',
          g.business!.licenceNo ? '统一社会信用代码' : 'business at this address',
        ),
      );

    let created = 0;
    let updated = 0;
    let addressesCreated = 0;
    await db.transaction().execute(async (trx) => {
      const w = createWriter({
        trx,
        repo,
        crypto,
        ctx,
        principal,
        meta,
        now: clock.now(),
      });
      const addr = await w.addresses(usable.map((g) => g.address));
      addressesCreated = addr.created;
      const at = (g: Good) => addr.byKey.get(g.address.key)!;
      if (kind === 'addresses') {
        const keys = new Set(usable.map((g) => g.address.key));
        created = addr.created;
        updated = keys.size - addr.created;
      } else if (kind === 'people') {
        const items = usable.map((g) => ({
          draft: g.person!,
          address: at(g),
          old: oldPeople.get(crypto.blindIndex(g.person!.idNumber)),
        }));
        updated = items.filter((i) => i.old).length;
        created = items.length - updated;
        await w.people(items);
      } else if (kind === 'houses') {
        oldHouses = new Map(
          (
            await repo.housesByAddress(
              trx,
              tenant,
              usable.map((g) => at(g).id),
            )
          ).map((h) => [h.address_id, h]),
        );
        const items = usable.map((g) => ({ draft: g.house!, address: at(g), old: oldHouses.get(at(g).id) }));
        updated = items.filter((i) => i.old).length;
        created = items.length - updated;
        await w.houses(items);
      } else {
        const licences = usable.flatMap((g) => (g.business!.licenceNo ? [g.business!.licenceNo] : []));
        const byLicence = new Map(
          (await repo.businessesByLicence(trx, tenant, licences)).map((b) => [b.licence_no!, b]),
        );
        const atAddress = await repo.businessesByAddress(
          trx,
          tenant,
          usable.map((g) => at(g).id),
        );
        oldBusinesses = new Map(atAddress.map((b) => [`${b.address_id}#${b.name}`, b]));
        const items = usable.map((g) => ({
          draft: g.business!,
          address: at(g),
          old:
            (g.business!.licenceNo ? byLicence.get(g.business!.licenceNo) : undefined) ??
            oldBusinesses.get(`${at(g).id}#${g.business!.name}`),
        }));
        const outside = items.filter((i) => i.old && !mayReach(principal, ctx, i.old.police_grid_id));
        if (outside.length)
          throw conflict('a credit code in the file belongs to a business outside your area');
        updated = items.filter((i) => i.old).length;
        created = items.length - updated;
        await w.businesses(items);
      }
      await w.flush();
      await audit.write(trx, principal, {
        action: 'registry.import',
        resource: `registry-${RECORD_KIND[kind]}`,
        resourceId: null,
        detail: { kind, rows: rows.length, created, updated, rejected: bad.size, addressesCreated },
      });
    });
    const errors = [...bad.values()].flat().sort((a, b) => a.line - b.line);
    return {
      kind,
      rows: rows.length,
      created,
      updated,
      rejected: bad.size,
      addressesCreated,
      errors: errors.slice(0, MAX_LISTED_PROBLEMS),
    };
  }
}
export type RegistryService = ReturnType<typeof createRegistryService>;

export const RECORD_KIND = {
  addresses: 'address',
  people: 'person',
  houses: 'house',
  businesses: 'business',
} as const satisfies Record<RegistryKind, string>;

const REVEALABLE: Record<RegistryKind, readonly string[]> = {
  addresses: [],
  people: ['name', 'idNumber', 'phone'],
  houses: ['ownerName', 'ownerPhone'],
  businesses: ['contactName', 'contactPhone'],
};
