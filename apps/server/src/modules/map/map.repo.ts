import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/** The gazetteer as map labels: township seats, villages and communities, named places. */
export function createMapRepo() {
  return {
    divisions(db: Kysely<DB>, tenantCode: string) {
      return db
        .selectFrom('divisions')
        .select(['code', 'name', 'level', 'lon', 'lat', 'population'])
        .where('tenant_code', '=', tenantCode)
        .orderBy('code')
        .execute();
    },
    places(db: Kysely<DB>, tenantCode: string) {
      return db
        .selectFrom('places')
        .select(['id', 'name', 'kind', 'lon', 'lat'])
        .where('tenant_code', '=', tenantCode)
        .orderBy('id')
        .execute();
    },
  };
}
export type MapRepo = ReturnType<typeof createMapRepo>;
