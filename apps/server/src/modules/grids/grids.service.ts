import { randomUUID } from 'node:crypto';
import {
  type FieldProblem,
  type Grid,
  type GridFeatureCollection,
  type GridImportBody,
  type GridImportResult,
  type GridLayer,
  type GridPolygon,
  type GridsAt,
  gridPolygon,
} from '@ronghui/contracts';
import {
  bboxOf,
  type GeoJSON,
  geometryArea,
  intersectPolygons,
  pointInPolygon,
  polygonProblems,
} from '@ronghui/geo';
import type { Kysely } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { canReach, requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { DomainError, notFound } from '../../platform/http/errors.ts';
import type { Org, OrgDirectory, OrgsService } from '../orgs/index.ts';
import type { CommunityGridRecord, GridsRepo } from './grids.repo.ts';

export const GRID_READ: readonly Role[] = READ_ACCESS.grid;
/** Drawing and importing grids is the station's and the command's work. */
export const GRID_WRITE: readonly Role[] = ['commander', 'officer'];

/** A community grid must lie inside its police grid; this share of its area is enough (drawing slack). */
const INSIDE_SHARE = 0.9;
const CODE = /^[A-Za-z0-9._-]{1,40}$/;

const invalidMany = (errors: FieldProblem[]) =>
  new DomainError(
    'validation',
    'Invalid request',
    errors
      .slice(0, 20)
      .map((e) => `${e.path}: ${e.message}`)
      .join('; '),
    {},
    errors,
  );

/** The grids of a caller's scope, both layers, with the names the answers need. */
export interface GridScope {
  dir: OrgDirectory;
  police: Org[];
  policeIds: Set<string>;
  community: CommunityGridRecord[];
  villageNames: Map<string, string>;
}

/**
 * The community grid holding a point (the smallest when imports overlap), or null: hazards and disputes
 * keep it so the grid statistics count them per community grid.
 */
export function createCommunityGridLocator(db: Kysely<DB>, repo: GridsRepo) {
  // `executor`: the caller's transaction when it holds one (the embedded database has one connection).
  return async (
    tenantCode: string,
    lon: number,
    lat: number,
    executor: Kysely<DB> = db,
  ): Promise<string | null> => {
    const p: GeoJSON.Position = [lon, lat];
    const hit = (await repo.communityAround(executor, tenantCode, lon, lat))
      .filter((c) => pointInPolygon(p, c.boundary as GeoJSON.Areal))
      .map((c) => ({ c, area: geometryArea(c.boundary as GeoJSON.Areal) }))
      .sort((a, b) => a.area - b.area)[0]?.c;
    return hit?.id ?? null;
  };
}
export type CommunityGridLocator = ReturnType<typeof createCommunityGridLocator>;

export function createGridsService(deps: {
  db: Kysely<DB>;
  repo: GridsRepo;
  orgs: OrgsService;
  audit: AuditService;
  clock: Clock;
}) {
  const { db, repo, orgs, audit, clock } = deps;

  async function scope(principal: Principal): Promise<GridScope> {
    const dir = await orgs.directory(principal.tenantCode);
    const police = dir.ofKind('grid').filter((g) => canReach(principal, dir.pathOf(g.id)));
    const policeIds = new Set(police.map((g) => g.id));
    const community = await repo.listCommunity(db, principal.tenantCode, [...policeIds]);
    const villageNames = new Map(
      (await repo.villages(db, principal.tenantCode)).map((v) => [v.code, v.name] as const),
    );
    return { dir, police, policeIds, community, villageNames };
  }

  function presentPolice(s: GridScope, g: Org): Grid {
    return {
      id: g.id,
      name: g.name,
      code: g.code,
      layer: 'police',
      parentId: g.parentId,
      stationName: g.parentId ? (s.dir.get(g.parentId)?.name ?? '') : '',
      communityGridCount: s.community.filter((c) => c.policeGridId === g.id).length,
      population: g.population,
    };
  }

  function presentCommunity(s: Pick<GridScope, 'dir' | 'villageNames'>, c: CommunityGridRecord): Grid {
    return {
      id: c.id,
      name: c.name,
      code: c.code,
      layer: 'community',
      parentId: c.villageCode,
      policeGridId: c.policeGridId,
      policeGridName: s.dir.get(c.policeGridId)?.name ?? '',
      villageCode: c.villageCode,
      villageName: s.villageNames.get(c.villageCode) ?? '',
      population: c.population,
      demo: c.demo,
    };
  }

  /** A police grid org the caller may work with, or a problem at `path`. */
  function checkPoliceGrid(principal: Principal, dir: OrgDirectory, id: unknown, path: string) {
    if (typeof id !== 'string' || !id) return { problem: { path, message: 'names no police grid' } };
    const org = dir.get(id);
    if (org?.kind !== 'grid') return { problem: { path, message: `"${id}" is not a police grid` } };
    if (!canReach(principal, dir.pathOf(id)))
      return { problem: { path, message: `police grid "${id}" is outside your scope` } };
    return { org };
  }

  /** Shape problems of a submitted geometry, under `path`, or the polygon when it is usable. */
  function checkGeometry(
    geometry: unknown,
    path: string,
    police: Org | undefined,
  ): { problems: FieldProblem[]; polygon?: GridPolygon } {
    const parsed = gridPolygon.safeParse(geometry);
    if (!parsed.success)
      return {
        problems: parsed.error.issues
          .slice(0, 5)
          .map((i) => ({ path: [path, ...i.path.map(String)].join('/'), message: i.message })),
      };
    const shape = parsed.data as GeoJSON.Areal;
    const problems = polygonProblems(shape).map((p) => ({ path: path + p.path, message: p.message }));
    if (problems.length) return { problems };
    if (police?.boundary) {
      const inside = geometryArea(intersectPolygons(shape, police.boundary as GeoJSON.Areal));
      const area = geometryArea(shape);
      if (area === 0 || inside / area < INSIDE_SHARE)
        return {
          problems: [
            {
              path,
              message: `must lie inside police grid ${police.name} (${Math.round((inside / (area || 1)) * 100)} % of it does)`,
            },
          ],
        };
    }
    return { problems: [], polygon: parsed.data };
  }

  const bbox4 = (g: GridPolygon) => [...bboxOf(g as GeoJSON.Areal)] as [number, number, number, number];

  return {
    scope,
    presentCommunity,
    presentPolice,

    async list(principal: Principal, layer: GridLayer) {
      requireRole(principal, GRID_READ, 'Viewing grids');
      const s = await scope(principal);
      const items =
        layer === 'police'
          ? s.police.map((g) => presentPolice(s, g))
          : s.community.map((c) => presentCommunity(s, c));
      return { items, total: items.length };
    },

    async geojson(principal: Principal, layer?: GridLayer): Promise<GridFeatureCollection> {
      requireRole(principal, GRID_READ, 'Viewing grids');
      const s = await scope(principal);
      const features: GridFeatureCollection['features'] = [];
      if (layer !== 'community')
        for (const g of s.police)
          if (g.boundary)
            features.push({
              type: 'Feature',
              id: g.id,
              geometry: g.boundary as Record<string, unknown>,
              properties: { id: g.id, name: g.name, layer: 'police', policeGridId: null, villageCode: null },
            });
      if (layer !== 'police')
        for (const c of s.community)
          features.push({
            type: 'Feature',
            id: c.id,
            geometry: c.boundary as Record<string, unknown>,
            properties: {
              id: c.id,
              name: c.name,
              layer: 'community',
              policeGridId: c.policeGridId,
              villageCode: c.villageCode,
            },
          });
      return { type: 'FeatureCollection', features };
    },

    /** The community grid and the police grid at a point, within the caller's scope (null outside). */
    async at(principal: Principal, lon: number, lat: number): Promise<GridsAt> {
      requireRole(principal, GRID_READ, 'Viewing grids');
      const dir = await orgs.directory(principal.tenantCode);
      const p: GeoJSON.Position = [lon, lat];
      const policeOrg = dir
        .ofKind('grid')
        .find((g) => g.boundary && pointInPolygon(p, g.boundary as GeoJSON.Areal));
      // Overlapping grids (an import drawn over older ones): the smallest, most specific one holds the point.
      const community = (await repo.communityAround(db, principal.tenantCode, lon, lat))
        .filter((c) => pointInPolygon(p, c.boundary as GeoJSON.Areal))
        .map((c) => ({ c, area: geometryArea(c.boundary as GeoJSON.Areal) }))
        .sort((a, b) => a.area - b.area)[0]?.c;
      const villageNames = new Map(
        (await repo.villages(db, principal.tenantCode)).map((v) => [v.code, v.name] as const),
      );
      const reachable = (id: string | undefined) => id !== undefined && canReach(principal, dir.pathOf(id));
      const communityGrid = community && reachable(community.policeGridId) ? community : undefined;
      const police =
        (communityGrid ? dir.get(communityGrid.policeGridId) : undefined) ??
        (policeOrg && reachable(policeOrg.id) ? policeOrg : undefined);
      const communityOfPolice = police ? await repo.listCommunity(db, principal.tenantCode, [police.id]) : [];
      const s = { dir, villageNames, community: communityOfPolice } as GridScope;
      return {
        community: communityGrid ? presentCommunity(s, communityGrid) : null,
        police: police ? presentPolice(s, police) : null,
      };
    },

    /**
     * Community grids from a GeoJSON FeatureCollection. A feature whose `code` exists is updated, the
     * others are created. Every feature is checked first; any problem refuses the whole file (400, each
     * problem at `/features/<i>/…`).
     */
    async importCommunity(principal: Principal, body: GridImportBody): Promise<GridImportResult> {
      requireRole(principal, GRID_WRITE, 'Importing grids');
      const tenant = principal.tenantCode;
      const dir = await orgs.directory(tenant);
      const villages = new Map((await repo.villages(db, tenant)).map((v) => [v.code, v] as const));
      const problems: FieldProblem[] = [];
      const drafts: {
        code?: string;
        name: string;
        villageCode: string;
        police: Org;
        polygon: GridPolygon;
      }[] = [];
      const codesInFile = new Set<string>();
      body.features.forEach((f, i) => {
        const at = `/features/${i}`;
        const props = f.properties ?? {};
        const before = problems.length;
        const name = typeof props.name === 'string' ? props.name.trim() : '';
        if (!name || name.length > 60)
          problems.push({ path: `${at}/properties/name`, message: 'a name of 1 to 60 characters' });
        const villageCode = props.villageCode;
        if (typeof villageCode !== 'string' || !villages.has(villageCode))
          problems.push({
            path: `${at}/properties/villageCode`,
            message: `"${String(villageCode ?? '')}" is not a village or community code of the division table`,
          });
        const police = checkPoliceGrid(principal, dir, props.policeGridId, `${at}/properties/policeGridId`);
        if (police.problem) problems.push(police.problem);
        let code: string | undefined;
        if (props.code !== undefined) {
          if (typeof props.code !== 'string' || !CODE.test(props.code))
            problems.push({ path: `${at}/properties/code`, message: 'letters, digits, . _ - (at most 40)' });
          else if (codesInFile.has(props.code))
            problems.push({
              path: `${at}/properties/code`,
              message: `"${props.code}" appears twice in the file`,
            });
          else {
            code = props.code;
            codesInFile.add(code);
          }
        }
        const shape = checkGeometry(f.geometry, `${at}/geometry`, police.org);
        problems.push(...shape.problems);
        if (problems.length === before && shape.polygon && police.org)
          drafts.push({
            ...(code ? { code } : {}),
            name,
            villageCode: villageCode as string,
            police: police.org,
            polygon: shape.polygon,
          });
      });
      const existing = await repo.codesTaken(
        db,
        tenant,
        drafts.flatMap((d) => (d.code ? [d.code] : [])),
      );
      drafts.forEach((d, i) => {
        const old = d.code ? existing.get(d.code) : undefined;
        if (old && !canReach(principal, dir.pathOf(old.policeGridId)))
          problems.push({
            path: `/features/${i}/properties/code`,
            message: `"${d.code}" belongs to a grid outside your scope`,
          });
      });
      if (problems.length) throw invalidMany(problems);

      const all = await repo.listCommunity(db, tenant);
      const taken = new Set(all.map((c) => c.code));
      const nextCode = (village: string) => {
        for (let n = all.filter((c) => c.villageCode === village).length + 1; ; n++) {
          const code = `${village}-${String(n).padStart(2, '0')}`;
          if (!taken.has(code)) {
            taken.add(code);
            return code;
          }
        }
      };
      const created: CommunityGridRecord[] = [];
      const updated: CommunityGridRecord[] = [];
      for (const d of drafts) {
        const old = d.code ? existing.get(d.code) : undefined;
        const record: CommunityGridRecord = {
          id: old?.id ?? randomUUID(),
          code: old?.code ?? d.code ?? nextCode(d.villageCode),
          name: d.name,
          villageCode: d.villageCode,
          policeGridId: d.police.id,
          boundary: d.polygon,
          bbox: bbox4(d.polygon),
          population: old?.population ?? null,
          demo: old?.demo ?? false,
        };
        if (d.code) taken.add(d.code);
        (old ? updated : created).push(record);
      }
      await db.transaction().execute(async (trx) => {
        await repo.insertCommunity(trx, tenant, created, principal.username);
        for (const g of updated) {
          await repo.updateCommunity(trx, tenant, g, clock.now());
          await repo.movePoliceGrid(trx, tenant, g.id, g.policeGridId);
        }
        await audit.write(trx, principal, {
          action: 'grid.import',
          resource: 'community-grid',
          resourceId: null,
          detail: {
            created: created.map((g) => g.code),
            updated: updated.map((g) => g.code),
          },
        });
      });
      const villageNames = new Map([...villages].map(([k, v]) => [k, v.name] as const));
      return {
        created: created.length,
        updated: updated.length,
        items: [...created, ...updated].map((g) => presentCommunity({ dir, villageNames }, g)),
      };
    },

    /** A community grid's new outline (checked as on import). Police grids are drawn with the org tree. */
    async setBoundary(principal: Principal, id: string, geometry: GridPolygon): Promise<Grid> {
      requireRole(principal, GRID_WRITE, 'Changing grid boundaries');
      const tenant = principal.tenantCode;
      const dir = await orgs.directory(tenant);
      const police = dir.get(id);
      if (police?.kind === 'grid' && canReach(principal, dir.pathOf(id)))
        throw new DomainError(
          'unprocessable',
          'Police grid',
          `"${id}" is a police grid: its boundary is the organisation's (the tree of orgs), not a community grid's`,
        );
      const grid = await repo.getCommunity(db, tenant, id);
      if (!grid || !canReach(principal, dir.pathOf(grid.policeGridId))) throw notFound('grid', id);
      const shape = checkGeometry(geometry, '/geometry', dir.get(grid.policeGridId));
      if (shape.problems.length) throw invalidMany(shape.problems);
      const next = { ...grid, boundary: geometry, bbox: bbox4(geometry) };
      await db.transaction().execute(async (trx) => {
        await repo.updateCommunity(trx, tenant, next, clock.now());
        await audit.write(trx, principal, {
          action: 'grid.boundary',
          resource: 'community-grid',
          resourceId: id,
          detail: { code: grid.code, before: grid.bbox, after: next.bbox },
        });
      });
      const villageNames = new Map((await repo.villages(db, tenant)).map((v) => [v.code, v.name] as const));
      return presentCommunity({ dir, villageNames }, next);
    },
  };
}
export type GridsService = ReturnType<typeof createGridsService>;
