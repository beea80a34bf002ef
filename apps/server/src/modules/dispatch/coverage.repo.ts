import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB, PatrolFeaturesTable } from '../../platform/db/schema.ts';

export type PatrolFeatureRow = Selectable<PatrolFeaturesTable>;

/** Patrol plan features (守点、巡线、控面) and the villages whose coverage counts. */
export function createCoverageRepo() {
  return {
    /** Villages with their people and station (the divisions table, read-only here). */
    async villages(db: Kysely<DB>, tenantCode: string) {
      return db
        .selectFrom('divisions')
        .select(['code', 'name', 'lon', 'lat', 'population', 'station_id'])
        .where('tenant_code', '=', tenantCode)
        .where('level', '=', 'village')
        .execute();
    },
    async plans(db: Kysely<DB>, tenantCode: string): Promise<PatrolFeatureRow[]> {
      return db
        .selectFrom('patrol_features')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .orderBy('created_at')
        .execute();
    },
    async plan(db: Kysely<DB>, tenantCode: string, id: string): Promise<PatrolFeatureRow | undefined> {
      return db
        .selectFrom('patrol_features')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async insertPlan(trx: Kysely<DB>, row: Insertable<PatrolFeaturesTable>): Promise<void> {
      await trx.insertInto('patrol_features').values(row).execute();
    },
    /** Whether a feature was there to update. */
    async updatePlan(
      trx: Kysely<DB>,
      tenantCode: string,
      id: string,
      change: Updateable<PatrolFeaturesTable>,
    ): Promise<boolean> {
      const res = await trx
        .updateTable('patrol_features')
        .set(change)
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .executeTakeFirst();
      return res.numUpdatedRows > 0n;
    },
    /** The deleted feature's station, or undefined when there was none. */
    async deletePlan(trx: Kysely<DB>, tenantCode: string, id: string): Promise<string | undefined> {
      const deleted = await trx
        .deleteFrom('patrol_features')
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .returning('station_id')
        .executeTakeFirst();
      return deleted?.station_id;
    },
  };
}
export type CoverageRepo = ReturnType<typeof createCoverageRepo>;
