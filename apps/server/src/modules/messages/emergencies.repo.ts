import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { DB, EmergenciesTable } from '../../platform/db/schema.ts';

export type EmergencyRow = Selectable<EmergenciesTable>;

export function createEmergenciesRepo() {
  return {
    async insert(trx: Kysely<DB>, row: Insertable<EmergenciesTable>) {
      await trx.insertInto('emergencies').values(row).execute();
    },
    async get(db: Kysely<DB>, tenantCode: string, id: string): Promise<EmergencyRow | undefined> {
      return db
        .selectFrom('emergencies')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async openOfUnit(db: Kysely<DB>, tenantCode: string, unitId: string): Promise<EmergencyRow | undefined> {
      return db
        .selectFrom('emergencies')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('unit_id', '=', unitId)
        .where('acknowledged_at', 'is', null)
        .orderBy('raised_at', 'desc')
        .executeTakeFirst();
    },
    /** `orgId`: only emergencies that concern this org (it is in their org_ids); undefined = all. Newest first. */
    async list(
      db: Kysely<DB>,
      tenantCode: string,
      q: { open?: boolean | undefined; orgId?: string | undefined; limit: number },
    ): Promise<{ items: EmergencyRow[]; total: number }> {
      let query = db.selectFrom('emergencies').where('tenant_code', '=', tenantCode);
      if (q.orgId !== undefined) query = query.where(sql<boolean>`${q.orgId} = ANY(org_ids)`);
      if (q.open === true) query = query.where('acknowledged_at', 'is', null);
      if (q.open === false) query = query.where('acknowledged_at', 'is not', null);
      const [items, count] = await Promise.all([
        query.selectAll().orderBy('raised_at', 'desc').orderBy('id').limit(q.limit).execute(),
        query.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(count.n) };
    },
    /** Only the first acknowledgement counts: false when someone else was quicker. */
    async acknowledge(trx: Kysely<DB>, tenantCode: string, id: string, by: string, at: Date) {
      const result = await trx
        .updateTable('emergencies')
        .set({ acknowledged_by: by, acknowledged_at: at })
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .where('acknowledged_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
export type EmergenciesRepo = ReturnType<typeof createEmergenciesRepo>;
