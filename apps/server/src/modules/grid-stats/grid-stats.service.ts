import type { GridCollectionFigures, GridStats, GridStatsQuery, GridStatsUnit } from '@ronghui/contracts';
import { chinaDate } from '@ronghui/geo';
import type { Kysely } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { canReach, requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import {
  type DisputeFilter,
  type DisputesRepo,
  type StatsBucket,
  statsFromBuckets,
} from '../disputes/index.ts';
import type { Org, OrgDirectory, OrgsService } from '../orgs/index.ts';
import {
  byKey,
  collectionsOf,
  type HazardGroup,
  hazardFigures,
  rosterFigures,
  topWorkers,
} from './grid-stats-rules.ts';
import type { GridStatsRepo, HazardKey, StatsWhere } from './grid-stats.repo.ts';

/** Who may read the grid statistics: whoever reads grids (an auditor does not). */
export const GRID_STATS_READ = READ_ACCESS.grid;

/** What the registry is asked for: the grids of the unit in the caller's scope. */
export interface CollectionContext {
  tenantCode: string;
  principal: Principal;
  policeGridIds: readonly string[];
  communityGridIds: readonly string[];
}

/**
 * Where the `collections` figures come from: the registry, when it is there. It answers per grid (a
 * police or a community grid id, each record under one grid only); the statistics add them up per unit.
 * Without it every `collections` is null.
 */
export interface CollectionsProvider {
  collectionCountsByGrid?(
    ctx: CollectionContext,
    range: { from: Date | null; to: Date | null },
  ): Promise<Map<string, GridCollectionFigures>>;
}

export interface GridStatsDeps {
  db: Kysely<DB>;
  repo: GridStatsRepo;
  disputes: DisputesRepo;
  orgs: OrgsService;
  audit: AuditService;
  clock: Clock;
  collections?: CollectionsProvider | undefined;
}

interface CommunityGridRef {
  id: string;
  name: string;
  police_grid_id: string;
}

/** A unit to count: its figures are the rows matching `where`, with `key` = `keyValue` when grouped. */
interface UnitRef {
  id: string;
  name: string;
  kind: GridStatsUnit['kind'];
  policeGridIds: string[];
  communityGridIds: string[];
}

type DisputeBucket = StatsBucket & { key: string | null };

export function createGridStatsService(deps: GridStatsDeps) {
  const { db, repo, disputes, orgs, audit, clock } = deps;

  /**
   * The org whose subtree is counted: the unit asked for, narrowed to the caller's own org when the unit
   * lies above it (a station asking for the county sees its township). A unit beside the caller's is not
   * found.
   */
  function effectiveRoot(principal: Principal, dir: OrgDirectory, unitOrgId: string): string {
    if (principal.scopeKind === 'tenant' || canReach(principal, dir.pathOf(unitOrgId))) return unitOrgId;
    if (dir.isWithin(principal.orgId, unitOrgId)) return principal.orgId;
    throw notFound('grid unit', unitOrgId);
  }

  return {
    async stats(principal: Principal, q: GridStatsQuery): Promise<GridStats> {
      requireRole(principal, GRID_STATS_READ, 'Reading grid statistics');
      const tenantCode = principal.tenantCode;
      const dir = await orgs.directory(tenantCode);
      const county = dir.root();
      if (!county) throw notFound('county', tenantCode);
      const from = q.from ? new Date(q.from) : undefined;
      const to = q.to ? new Date(q.to) : undefined;
      if (from && to && from >= to) throw invalid('/to', 'must come after from');

      // The unit asked for.
      let unitOrg: Org = county;
      let community: CommunityGridRef | undefined;
      if (q.level !== 'county') {
        if (!q.id) throw invalid('/id', `name the ${q.level === 'township' ? 'station' : 'grid'}`);
        const org = dir.get(q.id);
        if (q.level === 'township') {
          if (org?.kind !== 'station') throw notFound('township', q.id);
          unitOrg = org;
        } else if (org?.kind === 'grid') unitOrg = org;
        else {
          const row = await db
            .selectFrom('community_grids')
            .select(['id', 'name', 'police_grid_id'])
            .where('tenant_code', '=', tenantCode)
            .where('id', '=', q.id)
            .executeTakeFirst();
          const police = row && dir.get(row.police_grid_id);
          if (!row || !police) throw notFound('grid', q.id);
          community = row;
          unitOrg = police;
        }
      }
      const root = effectiveRoot(principal, dir, unitOrg.id);
      const orgIds = root === county.id ? undefined : dir.subtreeIds(root);
      const inRoot = (o: Org) => dir.isWithin(o.id, root) || dir.isWithin(root, o.id);
      const policeGrids = dir
        .ofKind('grid')
        .filter((g) => dir.isWithin(g.id, root) && dir.isWithin(g.id, unitOrg.id));
      const policeIds = policeGrids.map((g) => g.id);
      const allCommunity = await repo.communityGrids(db, tenantCode, policeIds);
      const communityRows = community ? allCommunity.filter((c) => c.id === community.id) : allCommunity;
      const communityOf = (pgIds: readonly string[]) => {
        const set = new Set(pgIds);
        return communityRows.filter((c) => set.has(c.police_grid_id));
      };

      const unit: UnitRef = {
        id: community?.id ?? unitOrg.id,
        name: community?.name ?? unitOrg.name,
        kind: community
          ? 'community-grid'
          : q.level === 'county'
            ? 'county'
            : q.level === 'township'
              ? 'township'
              : 'police-grid',
        policeGridIds: policeIds,
        communityGridIds: communityRows.map((c) => c.id),
      };

      // The children and how the rows are grouped for them.
      let children: UnitRef[] = [];
      let childKey: HazardKey | null = null;
      let communityChildren: UnitRef[] = [];
      const communityUnit = (c: CommunityGridRef): UnitRef => ({
        id: c.id,
        name: c.name,
        kind: 'community-grid',
        policeGridIds: [],
        communityGridIds: [c.id],
      });
      if (unit.kind === 'county') {
        childKey = 'station_id';
        children = dir
          .ofKind('station')
          .filter(inRoot)
          .map((s) => {
            const pg = policeGrids.filter((g) => g.parentId === s.id).map((g) => g.id);
            return {
              id: s.id,
              name: s.name,
              kind: 'township' as const,
              policeGridIds: pg,
              communityGridIds: communityOf(pg).map((c) => c.id),
            };
          });
      } else if (unit.kind === 'township') {
        childKey = 'grid_id';
        children = policeGrids.map((g) => ({
          id: g.id,
          name: g.name,
          kind: 'police-grid' as const,
          policeGridIds: [g.id],
          communityGridIds: communityOf([g.id]).map((c) => c.id),
        }));
        communityChildren = communityRows.map(communityUnit);
      } else if (unit.kind === 'police-grid') {
        childKey = 'community_grid_id';
        children = communityRows.map(communityUnit);
      }

      const where: StatsWhere = {
        orgIds,
        communityGridIds: community ? [community.id] : undefined,
        from,
        to,
      };
      const disputeFilter: DisputeFilter = {
        orgIds: where.orgIds,
        communityGridIds: where.communityGridIds,
        from,
        to,
      };
      const now = clock.now();
      const today = chinaDate(now.getTime());
      const needCommunityRosters = unit.kind !== 'county';
      const [
        hazardsUnit,
        hazardsChildren,
        hazardsCommunity,
        disputesUnit,
        disputesChildren,
        disputesCommunity,
        rostersByPolice,
        rostersByCommunity,
        reporters,
        mediation,
        collectionCounts,
      ] = await Promise.all([
        repo.hazardGroups(db, tenantCode, where, null),
        childKey ? repo.hazardGroups(db, tenantCode, where, childKey) : ([] as HazardGroup[]),
        communityChildren.length
          ? repo.hazardGroups(db, tenantCode, where, 'community_grid_id')
          : ([] as HazardGroup[]),
        disputes.statsBuckets(db, tenantCode, disputeFilter, now),
        childKey
          ? disputes.statsBuckets(db, tenantCode, disputeFilter, now, childKey)
          : ([] as DisputeBucket[]),
        communityChildren.length
          ? disputes.statsBuckets(db, tenantCode, disputeFilter, now, 'community_grid_id')
          : ([] as DisputeBucket[]),
        repo.rosterGroups(db, tenantCode, today, policeIds, false),
        needCommunityRosters ? repo.rosterGroups(db, tenantCode, today, policeIds, true) : [],
        repo.reporters(db, tenantCode, where),
        repo.mediationActivity(db, tenantCode, where),
        deps.collections?.collectionCountsByGrid
          ? deps.collections.collectionCountsByGrid(
              {
                tenantCode,
                principal,
                policeGridIds: policeIds,
                communityGridIds: communityRows.map((c) => c.id),
              },
              { from: from ?? null, to: to ?? null },
            )
          : null,
      ]);

      const rosterPolice = byKey(rostersByPolice);
      const rosterCommunity = byKey(rostersByCommunity);
      const rostersOf = (u: UnitRef) =>
        rosterFigures(
          u.kind === 'community-grid'
            ? (rosterCommunity.get(u.id) ?? [])
            : u.policeGridIds.flatMap((id) => rosterPolice.get(id) ?? []),
        );
      const present = (u: UnitRef, hazards: readonly HazardGroup[], buckets: readonly DisputeBucket[]) => ({
        id: u.id,
        name: u.name,
        kind: u.kind,
        grids: { police: u.policeGridIds.length, community: u.communityGridIds.length },
        rosters: rostersOf(u),
        hazards: hazardFigures(hazards),
        disputes: statsFromBuckets(buckets, null),
        collections: collectionsOf(collectionCounts, [...u.policeGridIds, ...u.communityGridIds]),
      });
      const childHazards = byKey(hazardsChildren);
      const childDisputes = byKey(disputesChildren);
      const communityHazards = byKey(hazardsCommunity);
      const communityDisputes = byKey(disputesCommunity);
      const workers = topWorkers(reporters, mediation, q.top);
      await audit.record(principal, {
        action: 'grid.stats.read',
        resource: 'grid-stats',
        resourceId: unit.id,
        detail: { level: q.level, root, workers: workers.length },
      });
      return {
        level: q.level,
        from: from?.toISOString() ?? null,
        to: to?.toISOString() ?? null,
        unit: present(unit, hazardsUnit, disputesUnit),
        children: children.map((c) =>
          present(c, childHazards.get(c.id) ?? [], childDisputes.get(c.id) ?? []),
        ),
        communityGrids: communityChildren.map((c) =>
          present(c, communityHazards.get(c.id) ?? [], communityDisputes.get(c.id) ?? []),
        ),
        workers,
      };
    },
  };
}
export type GridStatsService = ReturnType<typeof createGridStatsService>;
