import type { Kysely, Selectable } from 'kysely';
import type { CrimeRecordsTable, CrimeSeriesTable, DB } from '../../platform/db/schema.ts';

/** A stored crime record, positions WGS-84. */
export interface StoredCrime {
  id: string;
  occurredFrom: Date;
  occurredTo: Date;
  lon: number;
  lat: number;
  category: string;
  premise: string;
  method: string;
  features: string[];
  property: string | null;
  suspect: string | null;
  seriesId: string | null;
  sourceIncidentId: string | null;
  stationId: string | null;
  areaId: string | null;
  gridId: string | null;
}

export interface CrimeFilter {
  from?: Date | undefined;
  to?: Date | undefined;
  /** An area, station or grid org id: records attributed to it. */
  orgId?: string | undefined;
  category?: string | undefined;
  /** The reader's scope: undefined = whole tenant. */
  scopeOrgId?: string | undefined;
}

export interface SeriesRow {
  id: string;
  name: string;
  seedIds: string[];
  memberIds: string[];
  cohesion: number | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

const toCrime = (r: Selectable<CrimeRecordsTable>): StoredCrime => ({
  id: r.id,
  occurredFrom: new Date(r.occurred_from),
  occurredTo: new Date(r.occurred_to),
  lon: r.lon,
  lat: r.lat,
  category: r.category,
  premise: r.premise,
  method: r.method,
  features: r.features,
  property: r.property,
  suspect: r.suspect,
  seriesId: r.series_id,
  sourceIncidentId: r.source_incident_id,
  stationId: r.station_id,
  areaId: r.area_id,
  gridId: r.grid_id,
});

const toSeries = (r: Selectable<CrimeSeriesTable>): SeriesRow => ({
  id: r.id,
  name: r.name,
  seedIds: r.seed_ids,
  memberIds: r.member_ids,
  cohesion: r.cohesion,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

export function createIntelRepo() {
  return {
    async insertCrimes(db: Kysely<DB>, tenantCode: string, actorId: string, rows: StoredCrime[]) {
      for (let i = 0; i < rows.length; i += 200) {
        await db
          .insertInto('crime_records')
          .values(
            rows.slice(i, i + 200).map((c) => ({
              tenant_code: tenantCode,
              id: c.id,
              occurred_from: c.occurredFrom,
              occurred_to: c.occurredTo,
              lon: c.lon,
              lat: c.lat,
              category: c.category,
              premise: c.premise,
              method: c.method,
              features: c.features,
              property: c.property,
              suspect: c.suspect,
              series_id: c.seriesId,
              source_incident_id: c.sourceIncidentId,
              station_id: c.stationId,
              area_id: c.areaId,
              grid_id: c.gridId,
              created_by: actorId,
            })),
          )
          .execute();
      }
    },
    async existingIds(db: Kysely<DB>, tenantCode: string, ids: string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db
        .selectFrom('crime_records')
        .select('id')
        .where('tenant_code', '=', tenantCode)
        .where('id', 'in', ids)
        .execute();
      return new Set(rows.map((r) => r.id));
    },
    async listCrimes(db: Kysely<DB>, tenantCode: string, f: CrimeFilter): Promise<StoredCrime[]> {
      let q = db.selectFrom('crime_records').selectAll().where('tenant_code', '=', tenantCode);
      if (f.from) q = q.where('occurred_to', '>=', f.from);
      if (f.to) q = q.where('occurred_from', '<', f.to);
      if (f.category) q = q.where('category', '=', f.category);
      for (const org of [f.orgId, f.scopeOrgId]) {
        if (org)
          q = q.where((eb) =>
            eb.or([eb('area_id', '=', org), eb('station_id', '=', org), eb('grid_id', '=', org)]),
          );
      }
      const rows = await q.orderBy('occurred_from').orderBy('id').execute();
      return rows.map(toCrime);
    },
    /** Villages with the station and grid that serve them: where a crime position is attributed. */
    async villages(db: Kysely<DB>, tenantCode: string) {
      return db
        .selectFrom('divisions')
        .select(['code', 'name', 'lon', 'lat', 'station_id', 'grid_id', 'parent_code'])
        .where('tenant_code', '=', tenantCode)
        .where('level', '=', 'village')
        .execute();
    },
    async setSeriesOf(db: Kysely<DB>, tenantCode: string, ids: string[], seriesId: string | null) {
      if (ids.length === 0) return;
      await db
        .updateTable('crime_records')
        .set({ series_id: seriesId })
        .where('tenant_code', '=', tenantCode)
        .where('id', 'in', ids)
        .execute();
    },
    async insertSeries(db: Kysely<DB>, tenantCode: string, s: Omit<SeriesRow, 'createdAt' | 'updatedAt'>) {
      await db
        .insertInto('crime_series')
        .values({
          tenant_code: tenantCode,
          id: s.id,
          name: s.name,
          seed_ids: s.seedIds,
          member_ids: s.memberIds,
          cohesion: s.cohesion,
          created_by: s.createdBy,
        })
        .execute();
    },
    async listSeries(db: Kysely<DB>, tenantCode: string): Promise<SeriesRow[]> {
      const rows = await db
        .selectFrom('crime_series')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map(toSeries);
    },
    async findSeries(db: Kysely<DB>, tenantCode: string, id: string): Promise<SeriesRow | undefined> {
      const row = await db
        .selectFrom('crime_series')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      return row && toSeries(row);
    },
    async setMembers(db: Kysely<DB>, tenantCode: string, id: string, memberIds: string[], now: Date) {
      await db
        .updateTable('crime_series')
        .set({ member_ids: memberIds, updated_at: now })
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .execute();
    },
    async insertFeedback(
      db: Kysely<DB>,
      tenantCode: string,
      f: { seriesId: string; recordId: string; memberIds: string[]; verdict: 'confirm' | 'reject' },
      actorId: string,
      at: Date,
    ) {
      await db
        .insertInto('crime_link_feedback')
        .values({
          tenant_code: tenantCode,
          series_id: f.seriesId,
          record_id: f.recordId,
          member_ids: f.memberIds,
          verdict: f.verdict,
          actor_id: actorId,
          at,
        })
        .execute();
    },
    async listFeedback(db: Kysely<DB>, tenantCode: string) {
      return db
        .selectFrom('crime_link_feedback')
        .select(['record_id', 'member_ids', 'verdict'])
        .where('tenant_code', '=', tenantCode)
        .orderBy('id')
        .execute();
    },
    async weights(db: Kysely<DB>, tenantCode: string) {
      return db
        .selectFrom('intel_link_weights')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .executeTakeFirst();
    },
    async saveWeights(
      db: Kysely<DB>,
      tenantCode: string,
      w: { weights: number[]; solvedPairs: number; feedbackPairs: number },
      now: Date,
    ) {
      const values = { weights: w.weights, solved_pairs: w.solvedPairs, feedback_pairs: w.feedbackPairs };
      await db
        .insertInto('intel_link_weights')
        .values({ tenant_code: tenantCode, ...values, updated_at: now })
        .onConflict((oc) => oc.column('tenant_code').doUpdateSet({ ...values, updated_at: now }))
        .execute();
    },
  };
}
export type IntelRepo = ReturnType<typeof createIntelRepo>;
