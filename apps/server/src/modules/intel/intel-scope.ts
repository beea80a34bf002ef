import type { CrimeRecord as CrimeRecordJson } from '@ronghui/contracts';
import { moName } from '@ronghui/intel';
import type { Kysely } from 'kysely';
import { requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { OrgsService } from '../orgs/index.ts';
import { buildCrimeContext, type CrimeContext } from './crime-context.ts';
import type { CrimeFilter, CrimeRow, IntelRepo, NewCrimeRow } from './intel.repo.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';

/** Analysts work the data; commanders and the bureau's leadership read it. */
export const INTEL_READ: readonly Role[] = READ_ACCESS.intel;
export const INTEL_WRITE: readonly Role[] = ['analyst'];

/** The one crime_records row → JSON presenter (`crimeRecord` in the contract). */
export function presentCrime(c: NewCrimeRow): CrimeRecordJson {
  return {
    id: c.id,
    occurredFrom: c.occurred_from.toISOString(),
    occurredTo: c.occurred_to.toISOString(),
    lon: c.lon,
    lat: c.lat,
    category: c.category,
    categoryName: moName('category', c.category, 'zh'),
    premise: c.premise,
    premiseName: moName('premise', c.premise, 'zh'),
    method: c.method,
    methodName: moName('method', c.method, 'zh'),
    features: c.features,
    featureNames: c.features.map((f) => moName('feature', f, 'zh')),
    property: c.property,
    suspect: c.suspect,
    seriesId: c.series_id,
    sourceIncidentId: c.source_incident_id,
    stationId: c.station_id,
    areaId: c.area_id,
    gridId: c.grid_id,
  };
}

/** What every intel use-case needs: role checks, the reader's scope, the tenant's projection. */
export function createIntelScope(deps: { db: Kysely<DB>; repo: IntelRepo; orgs: OrgsService }) {
  const { db, repo, orgs } = deps;
  const contexts = new Map<string, Promise<CrimeContext>>();

  async function buildContext(tenantCode: string): Promise<CrimeContext> {
    const dir = await orgs.directory(tenantCode);
    const center = dir.root()?.position ?? [118.2415, 25.4924];
    const villages = await repo.villages(db, tenantCode);
    return buildCrimeContext(center, villages, (stationId) => dir.get(stationId)?.parentId ?? null);
  }

  return {
    db,
    repo,
    orgs,
    context(tenantCode: string): Promise<CrimeContext> {
      let c = contexts.get(tenantCode);
      if (!c) {
        c = buildContext(tenantCode);
        contexts.set(tenantCode, c);
        c.catch(() => contexts.delete(tenantCode));
      }
      return c;
    },
    read(principal: Principal, what: string) {
      requireRole(principal, INTEL_READ, what);
    },
    write(principal: Principal, what: string) {
      requireRole(principal, INTEL_WRITE, what);
    },
    /** Records the principal may see: the whole tenant, or those attributed to their area/station/grid. */
    load(principal: Principal, filter: Omit<CrimeFilter, 'scopeOrgId'> = {}): Promise<CrimeRow[]> {
      const scopeOrgId = principal.scopeKind === 'tenant' ? undefined : principal.orgId;
      return repo.listCrimes(db, principal.tenantCode, { ...filter, scopeOrgId });
    },
    async orgName(tenantCode: string, id: string | null): Promise<string> {
      if (!id) return '';
      return (await orgs.lookup(tenantCode, id))?.name ?? id;
    },
  };
}
export type IntelScope = ReturnType<typeof createIntelScope>;
