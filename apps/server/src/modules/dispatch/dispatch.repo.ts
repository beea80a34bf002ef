import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB, IncidentUnitsTable, ResourceRequestsTable } from '../../platform/db/schema.ts';

export type RequestRow = Selectable<ResourceRequestsTable>;
export type AssignmentRow = Selectable<IncidentUnitsTable>;

export function createDispatchRepo() {
  return {
    async insertRequests(trx: Kysely<DB>, rows: Insertable<ResourceRequestsTable>[]) {
      if (rows.length) await trx.insertInto('resource_requests').values(rows).execute();
    },
    async request(db: Kysely<DB>, tenantCode: string, id: string): Promise<RequestRow | undefined> {
      return db
        .selectFrom('resource_requests')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async requestsOf(db: Kysely<DB>, tenantCode: string, incidentId: string): Promise<RequestRow[]> {
      return db
        .selectFrom('resource_requests')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('incident_id', '=', incidentId)
        .orderBy('requested_at')
        .orderBy('station_id')
        .execute();
    },
    async openRequestsOfStations(
      db: Kysely<DB>,
      tenantCode: string,
      stationIds: string[],
    ): Promise<RequestRow[]> {
      return db
        .selectFrom('resource_requests')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('station_id', 'in', stationIds.length ? stationIds : [''])
        .where('status', '=', 'requested')
        .orderBy('requested_at')
        .execute();
    },
    async answer(
      trx: Kysely<DB>,
      tenantCode: string,
      id: string,
      change: Partial<
        Pick<RequestRow, 'status' | 'unit_ids' | 'reason' | 'answered_by' | 'answered_at' | 'released_at'>
      >,
    ) {
      await trx
        .updateTable('resource_requests')
        .set(change)
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .execute();
    },
    async assign(
      trx: Kysely<DB>,
      rows: {
        tenant_code: string;
        incident_id: string;
        unit_id: string;
        request_id: string | null;
        eta_s: number | null;
        dispatched_at: Date;
        dispatched_by: string;
      }[],
    ) {
      if (rows.length) await trx.insertInto('incident_units').values(rows).execute();
    },
    async releaseUnits(trx: Kysely<DB>, tenantCode: string, incidentId: string, unitIds: string[], at: Date) {
      if (!unitIds.length) return;
      await trx
        .updateTable('incident_units')
        .set({ released_at: at })
        .where('tenant_code', '=', tenantCode)
        .where('incident_id', '=', incidentId)
        .where('unit_id', 'in', unitIds)
        .where('released_at', 'is', null)
        .execute();
    },
    async assignments(db: Kysely<DB>, tenantCode: string, incidentId: string): Promise<AssignmentRow[]> {
      return db
        .selectFrom('incident_units')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('incident_id', '=', incidentId)
        .orderBy('dispatched_at')
        .execute();
    },
  };
}
export type DispatchRepo = ReturnType<typeof createDispatchRepo>;
