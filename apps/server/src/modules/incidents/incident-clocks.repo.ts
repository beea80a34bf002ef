import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

const OPEN = ['received', 'answered', 'dispatched', 'acknowledged', 'en-route', 'on-scene'];

/**
 * The clocks of incidents (when each step was reached, and the arrival target), as the dispatch module's
 * timer sweep and response metrics read them: the incidents module owns the table and offers these reads.
 */
export function createIncidentClocksRepo() {
  return {
    /** Open incidents received after `since`, for the timer warnings. */
    async open(db: Kysely<DB>, tenantCode: string, since: Date) {
      return db
        .selectFrom('incidents')
        .select([
          'id',
          'number',
          'received_at',
          'dispatched_at',
          'acknowledged_at',
          'on_scene_at',
          'resolved_at',
          'target_seconds',
          'station_id',
        ])
        .where('tenant_code', '=', tenantCode)
        .where('status', 'in', OPEN)
        .where('received_at', '>', since)
        .execute();
    },

    /**
     * Incidents received in [from, to) (merged duplicates left out), of one area if given, and of the orgs
     * listed (by area or station) if given.
     */
    async received(
      db: Kysely<DB>,
      tenantCode: string,
      filter: { from: Date; to: Date; areaId?: string | undefined; orgIds?: string[] | undefined },
    ) {
      let q = db
        .selectFrom('incidents')
        .select(['area_id', 'station_id', 'received_at', 'dispatched_at', 'on_scene_at', 'target_seconds'])
        .where('tenant_code', '=', tenantCode)
        .where('received_at', '>=', filter.from)
        .where('received_at', '<', filter.to)
        .where('status', '!=', 'merged');
      if (filter.areaId) q = q.where('area_id', '=', filter.areaId);
      const orgIds = filter.orgIds;
      if (orgIds) q = q.where((eb) => eb.or([eb('area_id', 'in', orgIds), eb('station_id', 'in', orgIds)]));
      return q.execute();
    },
  };
}
export type IncidentClocksRepo = ReturnType<typeof createIncidentClocksRepo>;
