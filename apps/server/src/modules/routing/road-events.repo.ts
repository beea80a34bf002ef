import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB, RoadEventsTable } from '../../platform/db/schema.ts';

export type RoadEventRow = Selectable<RoadEventsTable>;

/** Road events (closures, slow-downs) as stored: set by someone, removed by someone or ending by themselves. */
export function createRoadEventsRepo() {
  return {
    /** Events neither removed nor past their end time at `now`, of one tenant or all. */
    async open(db: Kysely<DB>, now: Date, tenantCode?: string): Promise<RoadEventRow[]> {
      let q = db
        .selectFrom('road_events')
        .selectAll()
        .where('removed_at', 'is', null)
        .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', now)]));
      if (tenantCode) q = q.where('tenant_code', '=', tenantCode);
      return q.execute();
    },
    async insert(trx: Kysely<DB>, row: Insertable<RoadEventsTable>): Promise<void> {
      await trx.insertInto('road_events').values(row).execute();
    },
    /** Marks an open event removed; false when there was none open with that id. */
    async remove(trx: Kysely<DB>, tenantCode: string, id: string, at: Date, by: string): Promise<boolean> {
      const res = await trx
        .updateTable('road_events')
        .set({ removed_at: at, removed_by: by })
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .where('removed_at', 'is', null)
        .executeTakeFirst();
      return res.numUpdatedRows > 0n;
    },
  };
}
export type RoadEventsRepo = ReturnType<typeof createRoadEventsRepo>;
