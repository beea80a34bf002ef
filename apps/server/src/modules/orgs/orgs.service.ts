import type { OrgFeature, OrgFeatureCollection } from '@ronghui/contracts';
import type { Kysely } from 'kysely';
import type { Principal } from '../../platform/auth/principal.ts';
import type { DB } from '../../platform/db/schema.ts';
import { OrgDirectory } from './org-directory.ts';
import type { Org } from './org.ts';
import type { OrgsRepo } from './orgs.repo.ts';

export function createOrgsService(deps: { db: Kysely<DB>; repo: OrgsRepo }) {
  const cache = new Map<string, Promise<OrgDirectory>>();

  function directory(tenantCode: string): Promise<OrgDirectory> {
    let dir = cache.get(tenantCode);
    if (!dir) {
      dir = deps.repo.listByTenant(tenantCode).then((orgs) => new OrgDirectory(orgs));
      cache.set(tenantCode, dir);
      dir.catch(() => cache.delete(tenantCode));
    }
    return dir;
  }

  return {
    directory,
    /** Orgs changed (seed, import): the next read reloads. */
    invalidate(tenantCode: string) {
      cache.delete(tenantCode);
    },
    async lookup(tenantCode: string, orgId: string) {
      const dir = await directory(tenantCode);
      const org = dir.get(orgId);
      return org && { name: org.name, kind: org.kind, path: dir.pathOf(orgId) };
    },
    /** The organisation tree is not personal data: every signed-in user of the tenant may see all of it. */
    async tree(principal: Principal) {
      return (await directory(principal.tenantCode)).tree();
    },
    async geojson(principal: Principal, kinds?: readonly Org['kind'][]): Promise<OrgFeatureCollection> {
      const dir = await directory(principal.tenantCode);
      const features: OrgFeature[] = [];
      for (const o of dir.orgs) {
        if (kinds && !kinds.includes(o.kind)) continue;
        const geometry = (o.boundary ?? (o.position ? { type: 'Point', coordinates: o.position } : null)) as
          | OrgFeature['geometry']
          | null;
        if (!geometry) continue;
        features.push({
          type: 'Feature',
          id: o.id,
          geometry,
          properties: {
            id: o.id,
            name: o.name,
            kind: o.kind,
            code: o.code,
            parentId: o.parentId,
            areaKey: o.areaKey,
            population: o.population,
          },
        });
      }
      return { type: 'FeatureCollection' as const, features };
    },
  };
}
export type OrgsService = ReturnType<typeof createOrgsService>;
