import { type Kysely, sql } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { HazardGroup } from './grid-stats-rules.ts';

/** Where the figures are counted: orgs (grid or station of the row), community grids, a period. */
export interface StatsWhere {
  /** Rows whose org (hazards) or grid/station (disputes) is one of these; all when left out. */
  orgIds?: readonly string[] | undefined;
  communityGridIds?: readonly string[] | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export type HazardKey = 'station_id' | 'grid_id' | 'community_grid_id';
const none = (ids: readonly string[]) => (ids.length ? [...ids] : ['']);

/** Aggregate queries of the grid statistics: every figure is a GROUP BY, no row is loaded. */
export function createGridStatsRepo() {
  function hazardsWhere(db: Kysely<DB>, tenantCode: string, w: StatsWhere) {
    let q = db.selectFrom('hazards').where('tenant_code', '=', tenantCode);
    if (w.orgIds) q = q.where('org_id', 'in', none(w.orgIds));
    if (w.communityGridIds) q = q.where('community_grid_id', 'in', none(w.communityGridIds));
    if (w.from) q = q.where('reported_at', '>=', w.from);
    if (w.to) q = q.where('reported_at', '<', w.to);
    return q;
  }

  return {
    /** Hazards per (key, state, kind, lateness); `key` null counts the whole selection as one. */
    async hazardGroups(
      db: Kysely<DB>,
      tenantCode: string,
      w: StatsWhere,
      key: HazardKey | null,
    ): Promise<HazardGroup[]> {
      const rows = await hazardsWhere(db, tenantCode, w)
        .select([
          key ? sql<string | null>`${sql.ref(key)}`.as('key') : sql<null>`NULL`.as('key'),
          'status',
          'kind',
          'overdue',
          (eb) => eb.fn.countAll<string>().as('n'),
        ])
        .groupBy(sql`1, 2, 3, 4`)
        .execute();
      return rows.map((r) => ({ ...r, n: Number(r.n) }));
    },

    /** Hazards reported per reporter (as recorded on the hazard). */
    async reporters(db: Kysely<DB>, tenantCode: string, w: StatsWhere) {
      const rows = await hazardsWhere(db, tenantCode, w)
        .select(['reported_by as name', (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy('reported_by')
        .execute();
      return rows.map((r) => ({ name: r.name, n: Number(r.n) }));
    },

    /** Mediation meetings and follow-up visits logged per person, on disputes of the selection. */
    async mediationActivity(db: Kysely<DB>, tenantCode: string, w: StatsWhere) {
      let q = db
        .selectFrom('dispute_events as e')
        .innerJoin('disputes as d', (j) =>
          j.onRef('d.tenant_code', '=', 'e.tenant_code').onRef('d.id', '=', 'e.dispute_id'),
        )
        .where('e.tenant_code', '=', tenantCode)
        .where('e.kind', 'in', ['meeting', 'follow-up']);
      if (w.orgIds) {
        const ids = none(w.orgIds);
        q = q.where((eb) => eb.or([eb('d.grid_id', 'in', ids), eb('d.station_id', 'in', ids)]));
      }
      if (w.communityGridIds) q = q.where('d.community_grid_id', 'in', none(w.communityGridIds));
      if (w.from) q = q.where('e.at', '>=', w.from);
      if (w.to) q = q.where('e.at', '<', w.to);
      const rows = await q
        .select(['e.actor as name', 'e.kind as kind', (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy(['e.actor', 'e.kind'])
        .execute();
      return rows.map((r) => ({ name: r.name, kind: r.kind, n: Number(r.n) }));
    },

    /**
     * Current appointments per (key, role) on `day`: per police grid (both layers), or per community grid
     * (`byCommunityGrid`, community layer only), among the given police grids.
     */
    async rosterGroups(
      db: Kysely<DB>,
      tenantCode: string,
      day: string,
      policeGridIds: readonly string[],
      byCommunityGrid: boolean,
    ) {
      const rows = await db
        .selectFrom('grid_rosters')
        .select([
          byCommunityGrid ? 'grid_id as key' : 'police_grid_id as key',
          'role',
          (eb) => eb.fn.countAll<string>().as('n'),
        ])
        .where('tenant_code', '=', tenantCode)
        .where('police_grid_id', 'in', none(policeGridIds))
        .$if(byCommunityGrid, (q) => q.where('grid_layer', '=', 'community'))
        .where('starts_on', '<=', day)
        .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', day)]))
        .groupBy(sql`1, 2`)
        .execute();
      return rows.map((r) => ({ key: r.key as string | null, role: r.role, n: Number(r.n) }));
    },

    /** The community grids of these police grids: ids and names only (no boundaries). */
    communityGrids(db: Kysely<DB>, tenantCode: string, policeGridIds: readonly string[]) {
      return db
        .selectFrom('community_grids')
        .select(['id', 'name', 'code', 'police_grid_id'])
        .where('tenant_code', '=', tenantCode)
        .where('police_grid_id', 'in', none(policeGridIds))
        .orderBy('code')
        .execute();
    },
  };
}
export type GridStatsRepo = ReturnType<typeof createGridStatsRepo>;
