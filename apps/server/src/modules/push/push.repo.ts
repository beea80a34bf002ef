import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB, PushSubscriptionsTable } from '../../platform/db/schema.ts';

export type PushSubscriptionRow = Selectable<PushSubscriptionsTable>;

export function createPushRepo() {
  return {
    /** Saves a browser's subscription; an endpoint seen before now belongs to this user (a shared phone). */
    async upsert(db: Kysely<DB>, row: Insertable<PushSubscriptionsTable>): Promise<PushSubscriptionRow> {
      return db
        .insertInto('push_subscriptions')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['tenant_code', 'endpoint']).doUpdateSet({
            user_id: row.user_id,
            p256dh: row.p256dh,
            auth: row.auth,
            user_agent: row.user_agent,
            failures: 0,
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    ofUser(db: Kysely<DB>, tenantCode: string, userId: string): Promise<PushSubscriptionRow[]> {
      return db
        .selectFrom('push_subscriptions')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .execute();
    },
    ofUsers(db: Kysely<DB>, tenantCode: string, userIds: string[]): Promise<PushSubscriptionRow[]> {
      if (userIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('push_subscriptions')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('user_id', 'in', userIds)
        .execute();
    },
    async remove(db: Kysely<DB>, tenantCode: string, userId: string, endpoint: string): Promise<number> {
      const result = await db
        .deleteFrom('push_subscriptions')
        .where('tenant_code', '=', tenantCode)
        .where('user_id', '=', userId)
        .where('endpoint', '=', endpoint)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async drop(db: Kysely<DB>, tenantCode: string, id: string): Promise<void> {
      await db
        .deleteFrom('push_subscriptions')
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .execute();
    },
    async sent(db: Kysely<DB>, tenantCode: string, id: string, at: Date): Promise<void> {
      await db
        .updateTable('push_subscriptions')
        .set({ last_sent_at: at, failures: 0 })
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .execute();
    },
    async failed(db: Kysely<DB>, tenantCode: string, id: string): Promise<void> {
      await db
        .updateTable('push_subscriptions')
        .set((eb) => ({ failures: eb('failures', '+', 1) }))
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .execute();
    },
    /**
     * The people of these stations who carry its orders: active officers and auxiliaries whose scope is the
     * station (they staff its units). Users are a reference table every module may read.
     */
    async crewsOf(db: Kysely<DB>, tenantCode: string, stationIds: string[]): Promise<string[]> {
      if (stationIds.length === 0) return [];
      const rows = await db
        .selectFrom('users')
        .select(['id', 'roles'])
        .where('tenant_code', '=', tenantCode)
        .where('status', '=', 'active')
        .where('org_id', 'in', stationIds)
        .execute();
      return rows.filter((u) => u.roles.some((r) => r === 'officer' || r === 'auxiliary')).map((u) => u.id);
    },
  };
}
export type PushRepo = ReturnType<typeof createPushRepo>;
