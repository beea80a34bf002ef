import type { Insertable, Kysely, Selectable } from 'kysely';
import type { CommunityGridsTable, DB, GridRostersTable } from '../../platform/db/schema.ts';

/** A community grid as the service works with it. */
export interface CommunityGridRecord {
  id: string;
  code: string;
  name: string;
  villageCode: string;
  policeGridId: string;
  boundary: unknown;
  bbox: [number, number, number, number];
  population: number | null;
  demo: boolean;
}

export interface RosterRecord {
  id: string;
  gridLayer: 'police' | 'community';
  gridId: string;
  policeGridId: string;
  role: string;
  name: string;
  /** Sealed (SM4) as stored. */
  phone: string | null;
  userId: string | null;
  startsOn: string;
  endsOn: string | null;
  endReason: string | null;
  demo: boolean;
  createdAt: Date;
}

function toGrid(r: Selectable<CommunityGridsTable>): CommunityGridRecord {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    villageCode: r.village_code,
    policeGridId: r.police_grid_id,
    boundary: r.boundary,
    bbox: [r.min_lon, r.min_lat, r.max_lon, r.max_lat],
    population: r.population,
    demo: r.demo,
  };
}

function toRoster(r: Selectable<GridRostersTable>): RosterRecord {
  return {
    id: r.id,
    gridLayer: r.grid_layer,
    gridId: r.grid_id,
    policeGridId: r.police_grid_id,
    role: r.role,
    name: r.name,
    phone: r.phone,
    userId: r.user_id,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    endReason: r.end_reason,
    demo: r.demo,
    createdAt: new Date(r.created_at),
  };
}

/** The stored row of a community grid. */
export function communityGridRow(
  tenantCode: string,
  g: CommunityGridRecord,
  createdBy: string,
): Insertable<CommunityGridsTable> {
  return {
    tenant_code: tenantCode,
    id: g.id,
    code: g.code,
    name: g.name,
    village_code: g.villageCode,
    police_grid_id: g.policeGridId,
    boundary: JSON.stringify(g.boundary),
    min_lon: g.bbox[0],
    min_lat: g.bbox[1],
    max_lon: g.bbox[2],
    max_lat: g.bbox[3],
    population: g.population,
    demo: g.demo,
    created_by: createdBy,
  };
}

/** The stored row of an appointment (its phone sealed already). */
export function rosterRow(
  tenantCode: string,
  r: RosterRecord,
  createdBy: string,
): Insertable<GridRostersTable> {
  return {
    tenant_code: tenantCode,
    id: r.id,
    grid_layer: r.gridLayer,
    grid_id: r.gridId,
    police_grid_id: r.policeGridId,
    role: r.role,
    name: r.name,
    phone: r.phone,
    user_id: r.userId,
    starts_on: r.startsOn,
    ends_on: r.endsOn,
    end_reason: r.endReason,
    demo: r.demo,
    created_by: createdBy,
    created_at: r.createdAt,
  };
}

export function createGridsRepo() {
  return {
    async listCommunity(db: Kysely<DB>, tenantCode: string, policeGridIds?: string[]) {
      let q = db.selectFrom('community_grids').selectAll().where('tenant_code', '=', tenantCode);
      if (policeGridIds) q = q.where('police_grid_id', 'in', policeGridIds.length ? policeGridIds : ['']);
      return (await q.orderBy('code').execute()).map(toGrid);
    },
    async getCommunity(db: Kysely<DB>, tenantCode: string, id: string) {
      const row = await db
        .selectFrom('community_grids')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toGrid(row);
    },
    /** Community grids whose box holds the point. */
    async communityAround(db: Kysely<DB>, tenantCode: string, lon: number, lat: number) {
      const rows = await db
        .selectFrom('community_grids')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('min_lon', '<=', lon)
        .where('max_lon', '>=', lon)
        .where('min_lat', '<=', lat)
        .where('max_lat', '>=', lat)
        .execute();
      return rows.map(toGrid);
    },
    async codesTaken(db: Kysely<DB>, tenantCode: string, codes: string[]) {
      if (codes.length === 0) return new Map<string, CommunityGridRecord>();
      const rows = await db
        .selectFrom('community_grids')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('code', 'in', codes)
        .execute();
      return new Map(rows.map((r) => [r.code, toGrid(r)]));
    },
    async countCommunity(db: Kysely<DB>, tenantCode: string) {
      const row = await db
        .selectFrom('community_grids')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_code', '=', tenantCode)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async insertCommunity(
      db: Kysely<DB>,
      tenantCode: string,
      grids: CommunityGridRecord[],
      createdBy: string,
    ) {
      for (let i = 0; i < grids.length; i += 100)
        await db
          .insertInto('community_grids')
          .values(grids.slice(i, i + 100).map((g) => communityGridRow(tenantCode, g, createdBy)))
          .execute();
    },
    async updateCommunity(db: Kysely<DB>, tenantCode: string, g: CommunityGridRecord, at: Date) {
      await db
        .updateTable('community_grids')
        .set({
          name: g.name,
          village_code: g.villageCode,
          police_grid_id: g.policeGridId,
          boundary: JSON.stringify(g.boundary),
          min_lon: g.bbox[0],
          min_lat: g.bbox[1],
          max_lon: g.bbox[2],
          max_lat: g.bbox[3],
          updated_at: at,
        })
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', g.id)
        .execute();
    },
    async villages(db: Kysely<DB>, tenantCode: string) {
      return db
        .selectFrom('divisions')
        .select(['code', 'name', 'grid_id', 'population', 'lon', 'lat'])
        .where('tenant_code', '=', tenantCode)
        .where('level', '=', 'village')
        .execute();
    },

    async listRosters(
      db: Kysely<DB>,
      tenantCode: string,
      filter: { policeGridIds?: string[]; gridIds?: string[]; currentOn?: string; role?: string },
    ) {
      let q = db.selectFrom('grid_rosters').selectAll().where('tenant_code', '=', tenantCode);
      if (filter.policeGridIds)
        q = q.where('police_grid_id', 'in', filter.policeGridIds.length ? filter.policeGridIds : ['']);
      if (filter.gridIds) q = q.where('grid_id', 'in', filter.gridIds.length ? filter.gridIds : ['']);
      if (filter.role) q = q.where('role', '=', filter.role);
      if (filter.currentOn) {
        const day = filter.currentOn;
        q = q
          .where('starts_on', '<=', day)
          .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', day)]));
      }
      return (await q.orderBy('grid_id').orderBy('role').orderBy('starts_on').orderBy('id').execute()).map(
        toRoster,
      );
    },
    /** Current appointments by police grid and role (one row per pair). */
    async countCurrent(db: Kysely<DB>, tenantCode: string, day: string) {
      return db
        .selectFrom('grid_rosters')
        .select(['police_grid_id', 'role', (eb) => eb.fn.countAll<number>().as('n')])
        .where('tenant_code', '=', tenantCode)
        .where('starts_on', '<=', day)
        .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', day)]))
        .groupBy(['police_grid_id', 'role'])
        .execute();
    },
    async getRoster(db: Kysely<DB>, tenantCode: string, id: string) {
      const row = await db
        .selectFrom('grid_rosters')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toRoster(row);
    },
    async insertRosters(db: Kysely<DB>, tenantCode: string, rows: RosterRecord[], createdBy: string) {
      for (let i = 0; i < rows.length; i += 200)
        await db
          .insertInto('grid_rosters')
          .values(rows.slice(i, i + 200).map((r) => rosterRow(tenantCode, r, createdBy)))
          .execute();
    },
    async endRoster(db: Kysely<DB>, tenantCode: string, id: string, endsOn: string, reason: string) {
      const res = await db
        .updateTable('grid_rosters')
        .set({ ends_on: endsOn, end_reason: reason })
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .where('ends_on', 'is', null)
        .executeTakeFirst();
      return res.numUpdatedRows > 0n;
    },
    /** Community grids move with their rosters: appointments follow the grid's police grid. */
    async movePoliceGrid(db: Kysely<DB>, tenantCode: string, gridId: string, policeGridId: string) {
      await db
        .updateTable('grid_rosters')
        .set({ police_grid_id: policeGridId })
        .where('tenant_code', '=', tenantCode)
        .where('grid_id', '=', gridId)
        .execute();
    },
  };
}
export type GridsRepo = ReturnType<typeof createGridsRepo>;
