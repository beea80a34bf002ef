import type { Kysely, Selectable } from 'kysely';
import type { CrimeRecordsTable, CrimeSeriesTable, DB } from '../../platform/db/schema.ts';

/** A crime_records row as the module reads it (times as `Date`, positions WGS-84). */
export type CrimeRow = Selectable<CrimeRecordsTable>;
/** The columns an import or a recorded incident supplies; the repo adds the tenant and the author. */
export type NewCrimeRow = Omit<
  CrimeRow,
  'tenant_code' | 'created_by' | 'created_at' | 'filed_at' | 'solved_at'
> &
  Partial<Pick<CrimeRow, 'filed_at' | 'solved_at'>>;
/** A crime_series row. */
export type SeriesRow = Selectable<CrimeSeriesTable>;

export interface CrimeFilter {
  from?: Date | undefined;
  to?: Date | undefined;
  /** An area, station or grid org id: records attributed to it. */
  orgId?: string | undefined;
  category?: string | undefined;
  /** The reader's scope: undefined = whole tenant. */
  scopeOrgId?: string | undefined;
}

export function createIntelRepo() {
  return {
    async insertCrimes(db: Kysely<DB>, tenantCode: string, actorId: string, rows: NewCrimeRow[]) {
      for (let i = 0; i < rows.length; i += 200) {
        await db
          .insertInto('crime_records')
          .values(rows.slice(i, i + 200).map((c) => ({ ...c, tenant_code: tenantCode, created_by: actorId })))
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
    async listCrimes(db: Kysely<DB>, tenantCode: string, f: CrimeFilter): Promise<CrimeRow[]> {
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
      return q.orderBy('occurred_from').orderBy('id').execute();
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
    /** A new series; its created_at and updated_at are the database's. */
    async insertSeries(db: Kysely<DB>, s: SeriesRow) {
      const { created_at: _created, updated_at: _updated, ...values } = s;
      await db.insertInto('crime_series').values(values).execute();
    },
    async listSeries(db: Kysely<DB>, tenantCode: string): Promise<SeriesRow[]> {
      return db
        .selectFrom('crime_series')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .orderBy('created_at', 'desc')
        .execute();
    },
    async findSeries(db: Kysely<DB>, tenantCode: string, id: string): Promise<SeriesRow | undefined> {
      return db
        .selectFrom('crime_series')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
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
