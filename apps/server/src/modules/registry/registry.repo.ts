import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type {
  DB,
  RegistryAddressesTable,
  RegistryBusinessesTable,
  RegistryCollectionsTable,
  RegistryHistoryTable,
  RegistryHousesTable,
  RegistryPeopleTable,
} from '../../platform/db/schema.ts';

export type AddressRow = Selectable<RegistryAddressesTable>;
export type PersonRow = Selectable<RegistryPeopleTable>;
export type HouseRow = Selectable<RegistryHousesTable>;
export type BusinessRow = Selectable<RegistryBusinessesTable>;
export type HistoryRow = Selectable<RegistryHistoryTable>;
export type CollectionRow = Selectable<RegistryCollectionsTable>;
export type HistoryInsert = Insertable<RegistryHistoryTable>;

export type RecordTable =
  | 'registry_addresses'
  | 'registry_people'
  | 'registry_houses'
  | 'registry_businesses';

export interface RecordFilter {
  /** Police grids the caller may see; undefined: the whole county. */
  gridIds?: string[] | undefined;
  policeGridId?: string | undefined;
  communityGridId?: string | undefined;
  addressId?: string | undefined;
  kind?: string | undefined;
  /** Address text (ILIKE), or for businesses also the name. */
  like?: string | undefined;
  idHash?: string | undefined;
}

const CHUNK = 2_000;

/** SQL of the registry tables: one query per method; bulk writes unpack a JSON array in one statement. */
export function createRegistryRepo() {
  async function bulkInsert(trx: Kysely<DB>, table: string, rows: object[]) {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const part = rows.slice(i, i + CHUNK);
      const columns = Object.keys(part[0]!);
      const list = sql.join(columns.map((c) => sql.ref(c)));
      await sql`INSERT INTO ${sql.table(table)} (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(part)}::jsonb)`.execute(
        trx,
      );
    }
  }

  /** UPDATE … FROM a JSON array: each row names its id and the columns to set (all rows the same columns). */
  async function bulkUpdate(trx: Kysely<DB>, table: RecordTable, rows: object[]) {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const part = rows.slice(i, i + CHUNK);
      const columns = Object.keys(part[0]!).filter((c) => c !== 'id' && c !== 'tenant_code');
      const sets = sql.join(
        columns.map((c) => sql`${sql.ref(c)} = v.${sql.ref(c)}`),
        sql`, `,
      );
      await sql`UPDATE ${sql.table(table)} AS t SET ${sets} FROM jsonb_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(part)}::jsonb) AS v WHERE t.tenant_code = v.tenant_code AND t.id = v.id`.execute(
        trx,
      );
    }
  }

  async function inChunks<T>(values: string[], run: (part: string[]) => Promise<T[]>): Promise<T[]> {
    const out: T[] = [];
    for (let i = 0; i < values.length; i += CHUNK) out.push(...(await run(values.slice(i, i + CHUNK))));
    return out;
  }

  return {
    bulkInsert,
    bulkUpdate,

    async listAddresses(db: Kysely<DB>, tenantCode: string, f: RecordFilter, limit: number, offset: number) {
      let q = db
        .selectFrom('registry_addresses')
        .where('tenant_code', '=', tenantCode)
        .$if(!!f.gridIds, (qb) => qb.where('police_grid_id', 'in', f.gridIds?.length ? f.gridIds : ['']))
        .$if(!!f.policeGridId, (qb) => qb.where('police_grid_id', '=', f.policeGridId!))
        .$if(!!f.communityGridId, (qb) => qb.where('community_grid_id', '=', f.communityGridId!));
      if (f.like) q = q.where('label', 'like', f.like);
      const [items, n] = await Promise.all([
        q.selectAll().orderBy('label').orderBy('id').limit(limit).offset(offset).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(n.n) };
    },

    async listPeople(db: Kysely<DB>, tenantCode: string, f: RecordFilter, limit: number, offset: number) {
      let q = db
        .selectFrom('registry_people as p')
        .innerJoin('registry_addresses as a', (j) =>
          j.onRef('a.tenant_code', '=', 'p.tenant_code').onRef('a.id', '=', 'p.address_id'),
        )
        .where('p.tenant_code', '=', tenantCode)
        .$if(!!f.gridIds, (qb) => qb.where('p.police_grid_id', 'in', f.gridIds?.length ? f.gridIds : ['']))
        .$if(!!f.policeGridId, (qb) => qb.where('p.police_grid_id', '=', f.policeGridId!))
        .$if(!!f.communityGridId, (qb) => qb.where('p.community_grid_id', '=', f.communityGridId!))
        .$if(!!f.addressId, (qb) => qb.where('p.address_id', '=', f.addressId!))
        .$if(!!f.kind, (qb) => qb.where('p.kind', '=', f.kind as 'registered'));
      if (f.idHash) q = q.where('p.id_hash', '=', f.idHash);
      else if (f.like) q = q.where('a.label', 'like', f.like);
      const [items, n] = await Promise.all([
        q
          .selectAll('p')
          .select('a.label as address_label')
          .orderBy('a.label')
          .orderBy('p.id')
          .limit(limit)
          .offset(offset)
          .execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(n.n) };
    },

    async listHouses(db: Kysely<DB>, tenantCode: string, f: RecordFilter, limit: number, offset: number) {
      let q = db
        .selectFrom('registry_houses as h')
        .innerJoin('registry_addresses as a', (j) =>
          j.onRef('a.tenant_code', '=', 'h.tenant_code').onRef('a.id', '=', 'h.address_id'),
        )
        .where('h.tenant_code', '=', tenantCode)
        .$if(!!f.gridIds, (qb) => qb.where('h.police_grid_id', 'in', f.gridIds?.length ? f.gridIds : ['']))
        .$if(!!f.policeGridId, (qb) => qb.where('h.police_grid_id', '=', f.policeGridId!))
        .$if(!!f.communityGridId, (qb) => qb.where('h.community_grid_id', '=', f.communityGridId!))
        .$if(!!f.addressId, (qb) => qb.where('h.address_id', '=', f.addressId!))
        .$if(!!f.kind, (qb) => qb.where('h.kind', '=', f.kind as 'vacant'));
      if (f.like) q = q.where('a.label', 'like', f.like);
      const [items, n] = await Promise.all([
        q
          .selectAll('h')
          .select('a.label as address_label')
          .select((eb) =>
            eb
              .selectFrom('registry_people as r')
              .select((x) => x.fn.countAll<number>().as('c'))
              .whereRef('r.tenant_code', '=', 'h.tenant_code')
              .whereRef('r.address_id', '=', 'h.address_id')
              .where('r.moved_out_on', 'is', null)
              .as('residents'),
          )
          .orderBy('a.label')
          .orderBy('h.id')
          .limit(limit)
          .offset(offset)
          .execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(n.n) };
    },

    async listBusinesses(db: Kysely<DB>, tenantCode: string, f: RecordFilter, limit: number, offset: number) {
      let q = db
        .selectFrom('registry_businesses as b')
        .innerJoin('registry_addresses as a', (j) =>
          j.onRef('a.tenant_code', '=', 'b.tenant_code').onRef('a.id', '=', 'b.address_id'),
        )
        .where('b.tenant_code', '=', tenantCode)
        .$if(!!f.gridIds, (qb) => qb.where('b.police_grid_id', 'in', f.gridIds?.length ? f.gridIds : ['']))
        .$if(!!f.policeGridId, (qb) => qb.where('b.police_grid_id', '=', f.policeGridId!))
        .$if(!!f.communityGridId, (qb) => qb.where('b.community_grid_id', '=', f.communityGridId!))
        .$if(!!f.addressId, (qb) => qb.where('b.address_id', '=', f.addressId!))
        .$if(!!f.kind, (qb) => qb.where('b.kind', '=', f.kind!));
      if (f.like) {
        const like = f.like;
        q = q.where((eb) => eb.or([eb('a.label', 'like', like), eb('b.name', 'like', like)]));
      }
      const [items, n] = await Promise.all([
        q
          .selectAll('b')
          .select('a.label as address_label')
          .orderBy('b.name')
          .orderBy('b.id')
          .limit(limit)
          .offset(offset)
          .execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(n.n) };
    },

    address(db: Kysely<DB>, tenantCode: string, id: string) {
      return db
        .selectFrom('registry_addresses')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    person(db: Kysely<DB>, tenantCode: string, id: string) {
      return db
        .selectFrom('registry_people')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    house(db: Kysely<DB>, tenantCode: string, id: string) {
      return db
        .selectFrom('registry_houses')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    business(db: Kysely<DB>, tenantCode: string, id: string) {
      return db
        .selectFrom('registry_businesses')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    addressesByKey(db: Kysely<DB>, tenantCode: string, keys: string[]): Promise<AddressRow[]> {
      return inChunks(keys, (part) =>
        db
          .selectFrom('registry_addresses')
          .selectAll()
          .where('tenant_code', '=', tenantCode)
          .where('addr_key', 'in', part)
          .execute(),
      );
    },
    addressesById(db: Kysely<DB>, tenantCode: string, ids: string[]): Promise<AddressRow[]> {
      return inChunks(ids, (part) =>
        db
          .selectFrom('registry_addresses')
          .selectAll()
          .where('tenant_code', '=', tenantCode)
          .where('id', 'in', part)
          .execute(),
      );
    },
    peopleByHash(db: Kysely<DB>, tenantCode: string, hashes: string[]): Promise<PersonRow[]> {
      return inChunks(hashes, (part) =>
        db
          .selectFrom('registry_people')
          .selectAll()
          .where('tenant_code', '=', tenantCode)
          .where('id_hash', 'in', part)
          .execute(),
      );
    },
    housesByAddress(db: Kysely<DB>, tenantCode: string, addressIds: string[]): Promise<HouseRow[]> {
      return inChunks(addressIds, (part) =>
        db
          .selectFrom('registry_houses')
          .selectAll()
          .where('tenant_code', '=', tenantCode)
          .where('address_id', 'in', part)
          .execute(),
      );
    },
    businessesByLicence(db: Kysely<DB>, tenantCode: string, licences: string[]): Promise<BusinessRow[]> {
      return inChunks(licences, (part) =>
        db
          .selectFrom('registry_businesses')
          .selectAll()
          .where('tenant_code', '=', tenantCode)
          .where('licence_no', 'in', part)
          .execute(),
      );
    },
    businessesByAddress(db: Kysely<DB>, tenantCode: string, addressIds: string[]): Promise<BusinessRow[]> {
      return inChunks(addressIds, (part) =>
        db
          .selectFrom('registry_businesses')
          .selectAll()
          .where('tenant_code', '=', tenantCode)
          .where('address_id', 'in', part)
          .execute(),
      );
    },
    history(db: Kysely<DB>, tenantCode: string, recordKind: HistoryRow['record_kind'], recordId: string) {
      return db
        .selectFrom('registry_history')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('record_kind', '=', recordKind)
        .where('record_id', '=', recordId)
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .execute();
    },
    insertHistory(trx: Kysely<DB>, rows: HistoryInsert[]) {
      return bulkInsert(
        trx,
        'registry_history',
        rows.map((r) => ({ ...r, changes: JSON.parse(r.changes as string) })),
      );
    },

    // ── collections ──
    collection(db: Kysely<DB>, tenantCode: string, id: string) {
      return db
        .selectFrom('registry_collections')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    insertCollection(trx: Kysely<DB>, row: Insertable<RegistryCollectionsTable>) {
      return trx.insertInto('registry_collections').values(row).execute();
    },
    markDemo(trx: Kysely<DB>, tenantCode: string, ids: string[]) {
      return trx
        .updateTable('registry_collections')
        .set({ demo: true })
        .where('tenant_code', '=', tenantCode)
        .where('id', 'in', ids.length ? ids : [''])
        .execute();
    },
    async updateCollection(
      trx: Kysely<DB>,
      tenantCode: string,
      id: string,
      fromStatus: CollectionRow['status'],
      patch: Partial<Insertable<RegistryCollectionsTable>>,
    ) {
      const r = await trx
        .updateTable('registry_collections')
        .set(patch)
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .where('status', '=', fromStatus)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    async listCollections(
      db: Kysely<DB>,
      tenantCode: string,
      f: { gridIds?: string[] | undefined; workerId?: string; statuses?: string[] },
      limit: number,
      offset: number,
    ) {
      const q = db
        .selectFrom('registry_collections')
        .where('tenant_code', '=', tenantCode)
        .$if(!!f.gridIds, (qb) => qb.where('police_grid_id', 'in', f.gridIds?.length ? f.gridIds : ['']))
        .$if(!!f.workerId, (qb) => qb.where('worker_id', '=', f.workerId!))
        .$if(!!f.statuses?.length, (qb) => qb.where('status', 'in', f.statuses as CollectionRow['status'][]));
      const [items, n] = await Promise.all([
        q
          .selectAll()
          .orderBy(sql`coalesce(submitted_at, assigned_at, created_at)`, 'desc')
          .orderBy('id')
          .limit(limit)
          .offset(offset)
          .execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(n.n) };
    },
    collectionStats(
      db: Kysely<DB>,
      tenantCode: string,
      f: { gridIds?: string[] | undefined; from?: Date | undefined; to?: Date | undefined },
    ) {
      return db
        .selectFrom('registry_collections')
        .where('tenant_code', '=', tenantCode)
        .$if(!!f.gridIds, (qb) => qb.where('police_grid_id', 'in', f.gridIds?.length ? f.gridIds : ['']))
        .$if(!!f.from, (qb) => qb.where('created_at', '>=', f.from!))
        .$if(!!f.to, (qb) => qb.where('created_at', '<', f.to!))
        .select(['worker_id', 'worker_name', 'status'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .groupBy(['worker_id', 'worker_name', 'status'])
        .execute();
    },
    countsByGrid(db: Kysely<DB>, tenantCode: string, from: Date, to: Date) {
      return db
        .selectFrom('registry_collections')
        .where('tenant_code', '=', tenantCode)
        .where('submitted_at', '>=', from)
        .where('submitted_at', '<', to)
        .select(['community_grid_id', 'police_grid_id', 'status'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .groupBy(['community_grid_id', 'police_grid_id', 'status'])
        .execute();
    },
    /** Divisions (the gazetteer, a reference table every placing module reads). */
    divisions(db: Kysely<DB>, tenantCode: string) {
      return db
        .selectFrom('divisions')
        .select(['code', 'level', 'name', 'parent_code', 'grid_id', 'station_id', 'lon', 'lat'])
        .where('tenant_code', '=', tenantCode)
        .execute();
    },
  };
}
export type RegistryRepo = ReturnType<typeof createRegistryRepo>;
