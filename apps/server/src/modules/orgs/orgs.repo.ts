import type { Kysely, Selectable } from 'kysely';
import type { DB, OrgsTable } from '../../platform/db/schema.ts';
import type { Org } from './org.ts';

function toOrg(row: Selectable<OrgsTable>): Org {
  return {
    id: row.id,
    tenantCode: row.tenant_code,
    parentId: row.parent_id,
    kind: row.kind,
    code: row.code,
    name: row.name,
    areaKey: row.area_key,
    boundary: row.boundary,
    position: row.lon !== null && row.lat !== null ? [row.lon, row.lat] : null,
    population: row.population,
    sort: row.sort,
  };
}

export function createOrgsRepo(db: Kysely<DB>) {
  return {
    async listByTenant(tenantCode: string): Promise<Org[]> {
      const rows = await db
        .selectFrom('orgs')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .orderBy('sort')
        .orderBy('code')
        .execute();
      return rows.map(toOrg);
    },
    async insertMany(trx: Kysely<DB>, orgs: Org[]): Promise<void> {
      if (orgs.length === 0) return;
      await trx
        .insertInto('orgs')
        .values(
          orgs.map((o) => ({
            id: o.id,
            tenant_code: o.tenantCode,
            parent_id: o.parentId,
            kind: o.kind,
            code: o.code,
            name: o.name,
            area_key: o.areaKey,
            boundary: o.boundary === null ? null : JSON.stringify(o.boundary),
            lon: o.position?.[0] ?? null,
            lat: o.position?.[1] ?? null,
            population: o.population,
            sort: o.sort,
          })),
        )
        .execute();
    },
  };
}
export type OrgsRepo = ReturnType<typeof createOrgsRepo>;
