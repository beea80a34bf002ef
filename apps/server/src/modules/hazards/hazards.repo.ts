import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, HazardEventsTable, HazardsTable } from '../../platform/db/schema.ts';

export type HazardRow = Selectable<HazardsTable>;
export type HazardEventRow = Selectable<HazardEventsTable>;

/** Who a list is for: all of the county, or a subtree of orgs plus what the user reported. */
export interface HazardFilter {
  orgIds?: readonly string[] | undefined;
  userId: string;
  statuses?: readonly string[] | undefined;
  kind?: string | undefined;
  mine?: boolean | undefined;
  overdue?: boolean | undefined;
  limit: number;
  offset: number;
}

export const PHOTO_COLUMNS = [
  'tenant_code',
  'id',
  'hazard_id',
  'content_type',
  'size_bytes',
  'sha256',
  'created_by',
  'created_at',
] as const;

export function createHazardsRepo() {
  function filtered(db: Kysely<DB>, tenantCode: string, f: HazardFilter) {
    let q = db.selectFrom('hazards').where('tenant_code', '=', tenantCode);
    if (f.orgIds) {
      const orgIds = f.orgIds.length ? [...f.orgIds] : ['-'];
      q = q.where((eb) =>
        eb.or([
          eb('org_id', 'in', orgIds),
          eb('reported_by_id', '=', f.userId),
          eb.and([eb('responsible_kind', '=', 'station'), eb('responsible_id', 'in', orgIds)]),
        ]),
      );
    }
    if (f.statuses?.length) q = q.where('status', 'in', [...f.statuses]);
    if (f.kind) q = q.where('kind', '=', f.kind);
    if (f.mine) q = q.where('reported_by_id', '=', f.userId);
    if (f.overdue) q = q.where('overdue', 'in', ['overdue', 'escalated']);
    return q;
  }

  return {
    async findById(db: Kysely<DB>, tenantCode: string, id: string) {
      return db
        .selectFrom('hazards')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async findByIncident(db: Kysely<DB>, tenantCode: string, incidentId: string) {
      return db
        .selectFrom('hazards')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('from_incident_id', '=', incidentId)
        .executeTakeFirst();
    },
    async list(db: Kysely<DB>, tenantCode: string, f: HazardFilter) {
      const [items, count] = await Promise.all([
        filtered(db, tenantCode, f)
          .selectAll()
          .orderBy('reported_at', 'desc')
          .orderBy('id')
          .limit(f.limit)
          .offset(f.offset)
          .execute(),
        filtered(db, tenantCode, f)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(count.n) };
    },
    async photoCounts(db: Kysely<DB>, tenantCode: string, ids: readonly string[]) {
      if (!ids.length) return new Map<string, number>();
      const rows = await db
        .selectFrom('hazard_photos')
        .select(['hazard_id', (eb) => eb.fn.countAll<string>().as('n')])
        .where('tenant_code', '=', tenantCode)
        .where('hazard_id', 'in', [...ids])
        .groupBy('hazard_id')
        .execute();
      return new Map(rows.map((r) => [r.hazard_id, Number(r.n)]));
    },
    async nextNumber(db: Kysely<DB>, tenantCode: string, day: string): Promise<number> {
      const row = await db
        .insertInto('hazard_counters')
        .values({ tenant_code: tenantCode, day, last: 1 })
        .onConflict((oc) =>
          oc.columns(['tenant_code', 'day']).doUpdateSet({ last: sql`hazard_counters.last + 1` }),
        )
        .returning('last')
        .executeTakeFirstOrThrow();
      return row.last;
    },
    async insert(db: Kysely<DB>, row: Omit<HazardRow, 'overdue'>) {
      await db.insertInto('hazards').values(row).execute();
    },
    /** Updates the hazard if it is still in `fromStatus` (when given); returns how many rows changed. */
    async update(
      db: Kysely<DB>,
      tenantCode: string,
      id: string,
      values: Partial<Omit<HazardRow, 'tenant_code' | 'id'>>,
      fromStatus?: string,
    ): Promise<number> {
      let q = db
        .updateTable('hazards')
        .set(values)
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id);
      if (fromStatus) q = q.where('status', '=', fromStatus);
      const result = await q.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async appendEvent(db: Kysely<DB>, e: Omit<HazardEventRow, 'id' | 'detail'> & { detail: string }) {
      await db.insertInto('hazard_events').values(e).execute();
    },
    async timeline(db: Kysely<DB>, tenantCode: string, id: string) {
      return db
        .selectFrom('hazard_events')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('hazard_id', '=', id)
        .orderBy('id')
        .execute();
    },
    async photos(db: Kysely<DB>, tenantCode: string, id: string) {
      return db
        .selectFrom('hazard_photos')
        .select(PHOTO_COLUMNS)
        .where('tenant_code', '=', tenantCode)
        .where('hazard_id', '=', id)
        .orderBy('created_at')
        .execute();
    },
    async photoBySha(db: Kysely<DB>, tenantCode: string, hazardId: string, sha256: string) {
      return db
        .selectFrom('hazard_photos')
        .select(PHOTO_COLUMNS)
        .where('tenant_code', '=', tenantCode)
        .where('hazard_id', '=', hazardId)
        .where('sha256', '=', sha256)
        .executeTakeFirst();
    },
    async insertPhoto(db: Kysely<DB>, row: Selectable<DB['hazard_photos']>) {
      await db.insertInto('hazard_photos').values(row).execute();
    },
    async photoBytes(db: Kysely<DB>, tenantCode: string, hazardId: string, photoId: string) {
      return db
        .selectFrom('hazard_photos')
        .select(['content_type', 'bytes'])
        .where('tenant_code', '=', tenantCode)
        .where('hazard_id', '=', hazardId)
        .where('id', '=', photoId)
        .executeTakeFirst();
    },
    /** Open hazards with a deadline (the overdue sweep). */
    async running(db: Kysely<DB>, tenantCode: string) {
      return db
        .selectFrom('hazards')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('closed_at', 'is', null)
        .where('deadline_at', 'is not', null)
        .execute();
    },
    async deadlines(db: Kysely<DB>, tenantCode: string) {
      return db
        .selectFrom('hazard_deadlines')
        .select(['kind', 'days'])
        .where('tenant_code', '=', tenantCode)
        .execute();
    },
    async setDeadline(db: Kysely<DB>, tenantCode: string, kind: string, days: number) {
      await db
        .insertInto('hazard_deadlines')
        .values({ tenant_code: tenantCode, kind, days })
        .onConflict((oc) => oc.columns(['tenant_code', 'kind']).doUpdateSet({ days }))
        .execute();
    },
    async village(db: Kysely<DB>, tenantCode: string, code: string) {
      return db
        .selectFrom('divisions')
        .select(['code', 'name', 'level'])
        .where('tenant_code', '=', tenantCode)
        .where('code', '=', code)
        .executeTakeFirst();
    },
  };
}
export type HazardsRepo = ReturnType<typeof createHazardsRepo>;
