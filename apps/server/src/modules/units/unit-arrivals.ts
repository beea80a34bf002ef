import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/** When each unit reported itself on scene at an incident (every such report, oldest first). */
export async function onSceneArrivals(
  db: Kysely<DB>,
  tenantCode: string,
  incidentId: string,
): Promise<{ unitId: string; at: Date }[]> {
  const rows = await db
    .selectFrom('unit_status_history')
    .select(['unit_id', 'at'])
    .where('tenant_code', '=', tenantCode)
    .where('incident_id', '=', incidentId)
    .where('status', '=', 'on-scene')
    .orderBy('at')
    .execute();
  return rows.map((r) => ({ unitId: r.unit_id, at: new Date(r.at) }));
}
